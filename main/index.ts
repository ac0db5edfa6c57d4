import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { join } from 'node:path';
import { dataDirFromArgs, defaultDataDir } from './data-dir.ts';
import { createHandlers } from './handlers.ts';
import { forwardEvents, registerIpc } from './ipc.ts';
import { electronClipboard } from './platform/clipboard.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createRouter } from './router.ts';
import { createServices } from './services.ts';
import { createMainWindow, denyAllPermissions, hardenWebContents } from './window.ts';

/**
 * The composition root of the desktop app: builds the services once, wires them to Electron,
 * and orders start-up. Everything with a rule in it lives in the services or in security.ts.
 */
const dataDir = dataDirFromArgs(process.argv) ?? defaultDataDir();
// Chromium's own files (caches, local storage) go beside the vault, in one directory per profile.
app.setPath('userData', dataDir);
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  await app.whenReady();

  const root = app.getAppPath();
  // Imports run in a worker thread so a 100 MB export never stalls the window. The worker is
  // unpacked from the asar (electron-builder.yml): worker threads cannot load from inside it.
  const importWorker = join(root, 'dist', 'main', 'import-worker.cjs').replace('app.asar', 'app.asar.unpacked');
  // The whole-file integrity check runs after unlock in a worker too, so a large vault opens at once.
  const verifyWorker = join(root, 'dist', 'main', 'verify-worker.cjs').replace('app.asar', 'app.asar.unpacked');
  const services = createServices({ dataDir, importWorker, verifyWorker, clipboard: electronClipboard });
  const call = createRouter(createHandlers(services), (channel, summary) => {
    console.error(`[keyward] ${channel} failed unexpectedly: ${summary}`);
  });
  denyAllPermissions(session.defaultSession);
  serveRenderer(protocol, join(root, 'dist', 'renderer'));
  registerIpc(ipcMain, call);

  let window: BrowserWindow | null = null;
  const openWindow = () => {
    window = createMainWindow({ BrowserWindow }, { preloadPath: join(root, 'dist', 'preload', 'index.cjs'), devTools: !app.isPackaged });
    window.on('closed', () => {
      window = null;
    });
  };
  forwardEvents(services.events, () => window);
  openWindow();

  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (!window) openWindow();
  });
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
