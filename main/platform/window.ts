import type { BrowserWindow, Session, WebContents } from 'electron';
import { APP_ENTRY_URL, mayNavigate } from '../security.ts';

/** The Electron capabilities this module uses, passed in so a test can drive it without Electron. */
export interface WindowDeps {
  BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => BrowserWindow;
}

export function createMainWindow(deps: WindowDeps, options: { preloadPath: string; devTools: boolean }): BrowserWindow {
  // The options stay a literal here so reviewers (and Electronegativity) see every flag in one place.
  const window = new deps.BrowserWindow({
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Keyward',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would open links in a new window; there are none to open.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
  // Keeps keys out of screenshots and screen sharing where the OS supports it.
  window.setContentProtection(true);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** Applied to every web contents the app ever creates, including ones we did not expect. */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No page of ours needs a camera, notifications from the page, or anything else: deny them all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
