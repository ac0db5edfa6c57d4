import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Notice, NotificationPort } from '../notifications.ts';

export interface NotificationDeps {
  Notification: { new (options: NotificationConstructorOptions): Notification; isSupported(): boolean };
}

/**
 * Electron's Notification behind the port. Each notification is held until it is clicked or
 * closed: one that is only referenced by the OS can be garbage-collected, and its click is lost.
 */
export function electronNotifications(deps: NotificationDeps, onAnyClick: () => void): NotificationPort & { pending(): number } {
  const alive = new Set<Notification>();
  return {
    show(notice: Notice) {
      if (!deps.Notification.isSupported()) return;
      const notification = new deps.Notification({ title: notice.title, body: notice.body, silent: false });
      alive.add(notification);
      notification.on('click', () => {
        alive.delete(notification);
        onAnyClick();
        notice.onClick?.();
      });
      notification.on('close', () => alive.delete(notification));
      notification.show();
    },
    pending: () => alive.size,
  };
}
