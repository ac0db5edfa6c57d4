import type { Notice, NotificationPort } from '../../main/notifications.ts';

/** Remembers every notification instead of showing it. */
export class RecordingNotifications implements NotificationPort {
  readonly shown: Notice[] = [];

  show(notice: Notice): void {
    this.shown.push(notice);
  }

  titles(): string[] {
    return this.shown.map((notice) => notice.title);
  }

  /** Returns what was shown since the last call, and forgets it. */
  take(): Notice[] {
    return this.shown.splice(0);
  }
}
