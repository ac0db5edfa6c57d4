/**
 * OS notifications as the services need them. The app plugs in Electron's Notification
 * (main/platform/notifications.ts); tests plug in a recording fake; the CLI has none. Callers
 * put labels and dates in a notice, never a secret or a masked value.
 */
export interface Notice {
  title: string;
  body: string;
  /** What a click on the notification does (bring the window up at a key). */
  onClick?: () => void;
}

export interface NotificationPort {
  show(notice: Notice): void;
}

export const noNotifications: NotificationPort = { show: () => {} };
