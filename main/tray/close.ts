/**
 * What closing the window does: hide it and stay in the tray, or really close it. Quitting
 * (menu, tray, OS shutdown) always closes; so does a window without a tray to return from.
 */
export function onWindowClose(input: { quitting: boolean; closeToTray: boolean; trayShown: boolean }): 'hide' | 'close' {
  return !input.quitting && input.closeToTray && input.trayShown ? 'hide' : 'close';
}
