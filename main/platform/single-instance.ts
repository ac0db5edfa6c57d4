import type { App, BrowserWindow } from 'electron';

/**
 * One Keyward per user: a second launch hands over to the first and exits. The listener is
 * registered at once, before the app is ready, so a launch that arrives during start-up is not
 * lost; `focus` decides what "bring it up" means once there is a window.
 * Returns false in the second instance, which then quits.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focus());
  return true;
}

type FrontWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'isVisible' | 'show' | 'focus'>;

/**
 * Brings the window to the front from wherever it is: minimised, hidden in the tray, or gone
 * (closed on macOS, or not created yet), in which case `open` makes one.
 */
export function bringToFront(window: FrontWindow | null, open: () => void): void {
  if (!window || window.isDestroyed()) return open();
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
