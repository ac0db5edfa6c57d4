import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  Notification,
  powerMonitor,
  protocol,
  session,
  shell,
  Tray,
} from 'electron';
import { join } from 'node:path';
import { chromiumProfileDir, isInsideDir } from './chromium-profile.ts';
import { rememberChromiumLanguage, rememberedChromiumLanguage } from './chromium-language.ts';
import { dataDirFromArgs, defaultDataDir } from './data-dir.ts';
import { agentEndpoint } from './agent/endpoint.ts';
import { hostAgentWhileUnlocked } from './agent/host.ts';
import { createHandlers } from './handlers.ts';
import { followLanguage, mainIntl } from './i18n.ts';
import { electronCheckTransport } from './platform/check-transport.ts';
import { idleLockAt } from './lock/auto-lock.ts';
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
import { checkedWorkerScript, type WorkerHashes } from './worker-integrity.ts';

/** Set by scripts/build.ts: the SHA-256 of each worker script it built. */
declare const KEYWARD_WORKER_HASHES: WorkerHashes;

/**
 * The composition root of the desktop app: builds the services once, wires them to Electron,
 * and orders start-up. Everything with a rule in it lives in the services or in security.ts.
 */
const dataDir = dataDirFromArgs(process.argv) ?? defaultDataDir();
// Chromium's own files (local storage, caches, preferences) go to a directory of their own beside
// the vault's, never into it (main/chromium-profile.ts); one per vault, as the single-instance lock is.
const chromiumDir = chromiumProfileDir(dataDir);
app.setPath('userData', chromiumDir);
app.setPath('sessionData', chromiumDir);
// Keyward loads nothing over HTTP; no response of its own needs caching on disk.
app.commandLine.appendSwitch('disable-http-cache');
// Chromium's own controls (date and month inputs) in the language the user chose last time.
const chromiumLanguage = rememberedChromiumLanguage(chromiumDir);
if (chromiumLanguage) app.commandLine.appendSwitch('lang', chromiumLanguage);
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
  // Outside the asar, the fuse's integrity check does not cover them: their hashes, compiled into
  // this bundle, do (main/worker-integrity.ts). A changed worker stops the app before it starts.
  const worker = (name: string) =>
    checkedWorkerScript(join(root, 'dist', 'main', name).replace('app.asar', 'app.asar.unpacked'), name, KEYWARD_WORKER_HASHES);
  let importWorker: string;
  let verifyWorker: string;
  let scanWorker: string;
  try {
    importWorker = worker('import-worker.cjs');
    // The whole-file integrity check runs after unlock in a worker too, so a large vault opens at once.
    verifyWorker = worker('verify-worker.cjs');
    // The leak scan reads files and git history in a worker too.
    scanWorker = worker('scan-worker.cjs');
  } catch (error) {
    console.error(`[keyward] refusing to start: ${error instanceof Error ? error.message : 'a worker failed its check'}`);
    app.exit(1);
    return;
  }
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
  // The tray, notifications and dialogs speak the OS's language until the vault's `language`
  // setting can be read, then that setting's (main/i18n.ts). Chromium's locale comes first: the
  // window's navigator.languages start with it, so on "system" the tray and the window agree; the
  // OS's preferred list decides only when Keyward does not speak that locale.
  followLanguage({
    ...services,
    preferred: () => [app.getLocale(), ...app.getPreferredSystemLanguages()],
    onChoice: (choice) => rememberChromiumLanguage(chromiumDir, choice),
  });
  // Counted, so what an unlock can leave for later waits for the window's first screen (services.ts).
  const call = services.activity.tracking(
    createRouter(createHandlers(services), (channel, summary) => {
      console.error(`[keyward] ${channel} failed unexpectedly: ${summary}`);
    }),
  );
  denyAllPermissions(session.defaultSession);
  // A usage export saved from the window: never into the vault directory (plain text beside it).
  // The path is chosen here, before Chromium writes a byte (setSavePath must be called synchronously).
  session.defaultSession.on('will-download', (event, item) => {
    const target = dialog.showSaveDialogSync({ defaultPath: join(app.getPath('downloads'), item.getFilename()) });
    if (!target || isInsideDir(dataDir, target)) return event.preventDefault();
    item.setSavePath(target);
  });
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
    const created = createMainWindow(
      { BrowserWindow },
      { preloadPath: join(root, 'dist', 'preload', 'index.cjs'), devTools: !app.isPackaged },
    );
    window = created;
    lifecycle.watchWindow(created);
    created.on('closed', () => {
      window = null;
    });
  }
  forwardEvents(services.events, () => window);
  // `keyward` commands use the unlocked vault through the agent, each terminal approved in the window.
  hostAgentWhileUnlocked(services, {
    endpoint: agentEndpoint(dataDir),
    call,
    source: 'app',
    approval: services.approvals,
    locksAt: () =>
      idleLockAt(
        services.settings.get().autoLockMinutes,
        powerMonitor.getSystemIdleTime(),
        services.clock.now(),
      )?.toISOString() ?? null,
    log: (line) => console.error(`[keyward] agent: ${line}`),
  });
  services.approvals.onAsk((request) => {
    if (window?.isVisible() && window.isFocused()) return;
    const intl = mainIntl();
    notifications.show({
      title: intl.formatMessage({ id: 'main.agent.askTitle', defaultMessage: 'A terminal asks to use Keyward' }),
      body: intl.formatMessage(
        { id: 'main.agent.askBody', defaultMessage: '{command}: open Keyward to allow or deny.' },
        { command: commandName(request.command) },
      ),
      onClick: showWindow,
    });
  });
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

/** `keyward run -- npm test` → `keyward run`: an OS notification may be kept in a history; arguments stay in the window. */
function commandName(command: string): string {
  return command.split(' ').slice(0, 2).join(' ');
}
