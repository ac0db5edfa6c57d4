import type { Notification, NotificationConstructorOptions } from 'electron';
import type { Notice, NotificationPort } from '../notifications.ts';

/**
 * Linux notification daemons that announce "body-markup" parse the body as a subset of HTML
 * (<b>, <i>, <a href>, <img>), and Electron hands it over as is: a label such as
 * `<a href="https://…">renew</a>` would become a link. The body is escaped there; macOS and
 * Windows show it as plain text, and escaping would show the entities.
 */
export function notificationBody(body: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return body;
  return body.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

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
      const notification = new deps.Notification({ title: notice.title, body: notificationBody(notice.body), silent: false });
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
