import { app, BrowserWindow, ipcMain, Menu, net, Notification, powerMonitor, protocol, session, shell, Tray } from 'electron';
import { join } from 'node:path';
import { dataDirFromArgs, defaultDataDir } from './data-dir.ts';
import { createHandlers } from './handlers.ts';
import { electronCheckTransport } from './platform/check-transport.ts';
import { electronClipboard } from './platform/clipboard.ts';
import { attachDesktopLifecycle } from './platform/desktop-lifecycle.ts';
import { forwardEvents, registerIpc } from './platform/ipc.ts';
import { electronNotifications } from './platform/notifications.ts';
import { registerAppScheme, serveRenderer } from './platform/protocol.ts';
import { consoleOpener } from './platform/shell.ts';
import { bringToFront, claimSingleInstance } from './platform/single-instance.ts';
import { createMainWindow, denyAllPermissions, hardenWebContents } from './platform/window.ts';
import { createRouter } from './router.ts';
import { createServices } from './services.ts';

/**
 * The composition root of the desktop app: builds the services once, wires them to Electron,
 * and orders start-up. Everything with a rule in it lives in the services or in security.ts.
 */
const dataDir = dataDirFromArgs(process.argv) ?? defaultDataDir();
// Chromium's own files (caches, local storage) go beside the vault, in one directory per profile.
app.setPath('userData', dataDir);
registerAppScheme(protocol);

// A second launch hands over to this one and exits. Until the window exists there is nothing to
// bring up (start() opens it anyway); then it is brought to the front from wherever it is.
let bringUp: () => void = () => {};
if (claimSingleInstance(app, () => bringUp())) void start();

async function start(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await app.whenReady();

  const root = app.getAppPath();
  // Imports run in a worker thread so a 100 MB export never stalls the window. The worker is
  // unpacked from the asar (electron-builder.yml): worker threads cannot load from inside it.
  const importWorker = join(root, 'dist', 'main', 'import-worker.cjs').replace('app.asar', 'app.asar.unpacked');
  // The whole-file integrity check runs after unlock in a worker too, so a large vault opens at once.
  const verifyWorker = join(root, 'dist', 'main', 'verify-worker.cjs').replace('app.asar', 'app.asar.unpacked');
  // The leak scan reads files and git history in a worker too.
  const scanWorker = join(root, 'dist', 'main', 'scan-worker.cjs').replace('app.asar', 'app.asar.unpacked');
  let window: BrowserWindow | null = null;
  const showWindow = () => bringToFront(window, openWindow);
  const notifications = electronNotifications({ Notification }, showWindow);
  const services = createServices({
    dataDir,
    importWorker,
    verifyWorker,
    scanWorker,
    clipboard: electronClipboard,
    notifications,
    openExternal: consoleOpener(shell),
    checkTransport: electronCheckTransport(net),
    logFailure: (what, error) => console.error(`[keyward] ${what} failed: ${error instanceof Error ? error.name : typeof error}`),
  });
  const call = createRouter(createHandlers(services), (channel, summary) => {
    console.error(`[keyward] ${channel} failed unexpectedly: ${summary}`);
  });
  denyAllPermissions(session.defaultSession);
  serveRenderer(protocol, join(root, 'dist', 'renderer'));
  registerIpc(ipcMain, call);

  // Tray, auto-lock, power events and closing to the tray; tray copies take the window's clipboard path.
  const lifecycle = attachDesktopLifecycle(
    { app, Tray, Menu, powerMonitor },
    {
      services,
      notifications,
      platform: process.platform,
      trayIconDir: join(root, 'dist', 'main', 'tray'),
      showWindow,
      copy: (id, source) => services.clipboard.copyKey(id, source),
    },
  );
  function openWindow(): void {
    const created = createMainWindow({ BrowserWindow }, { preloadPath: join(root, 'dist', 'preload', 'index.cjs'), devTools: !app.isPackaged });
    window = created;
    lifecycle.watchWindow(created);
    created.on('closed', () => {
      window = null;
    });
  }
  forwardEvents(services.events, () => window);
  openWindow();
  bringUp = showWindow;
  // macOS: a click on the dock icon brings the window back, hidden in the tray or closed.
  app.on('activate', showWindow);
  // Reading the clipboard is asynchronous: hold the quit until the compare-then-clear is done.
  let clipboardSettled = false;
  app.on('before-quit', (event) => {
    if (!clipboardSettled) {
      event.preventDefault();
      void services.clipboard.clear('quit').finally(() => {
        clipboardSettled = true;
        app.quit();
      });
      return;
    }
    services.vault.lock('quit');
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
