import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, IpcMain, Protocol, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { channels } from '../../contract/index.ts';
import { createHandlers } from '../../main/handlers.ts';
import { registerIpc } from '../../main/platform/ipc.ts';
import { registerAppScheme, serveRenderer } from '../../main/platform/protocol.ts';
import { createRouter } from '../../main/router.ts';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../main/security.ts';
import { createMainWindow, denyAllPermissions, hardenWebContents } from '../../main/platform/window.ts';
import { tempDir } from '../support/temp.ts';
import { servicesIn } from '../support/vault.ts';

/**
 * The Electron edge, driven with injected fakes of the Electron modules it is given: every
 * security-relevant call it makes is recorded and asserted, without an Electron binary.
 */

class FakeWindow {
  static created: FakeWindow[] = [];
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly calls: Array<[string, unknown]> = [];
  constructor(options: Electron.BrowserWindowConstructorOptions) {
    this.options = options;
    FakeWindow.created.push(this);
  }
  setContentProtection(enabled: boolean) {
    this.calls.push(['setContentProtection', enabled]);
  }
  once(event: string) {
    this.calls.push(['once', event]);
  }
  show() {}
  loadURL(url: string) {
    this.calls.push(['loadURL', url]);
    return Promise.resolve();
  }
}

describe('the main window', () => {
  it('is created with every webPreferences hardening flag set', () => {
    createMainWindow(
      { BrowserWindow: FakeWindow as unknown as new () => BrowserWindow },
      { preloadPath: '/app/preload.cjs', devTools: false },
    );
    const window = FakeWindow.created.at(-1)!;
    expect(window.options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    });
    expect(window.calls).toContainEqual(['setContentProtection', true]);
    expect(window.calls).toContainEqual(['loadURL', APP_ENTRY_URL]);
  });
});

describe('every web contents', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | null = null;
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => {
        openHandler = handler;
      },
      on: (name: string, listener: (event: { preventDefault: () => void }, url?: string) => void) => {
        listeners.set(name, listener);
      },
    };
    hardenWebContents(contents as unknown as WebContents);
    const fire = (name: string, url?: string) => {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    return { fire, open: (url: string) => openHandler!({ url }) };
  }

  it('denies new windows, foreign navigation and redirects, and webviews', () => {
    const { fire, open } = fakeContents();
    expect(open('https://example.com/').action).toBe('deny');
    expect(open('app://keyward/index.html').action).toBe('deny');
    expect(fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://keyward/index.html')).toBe(false);
    expect(fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(fire('will-attach-webview')).toBe(true);
  });
});

describe('permissions', () => {
  it('every request and check is denied', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    };
    denyAllPermissions(session as unknown as Session);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal']) {
      (handlers.request as (c: null, p: string, cb: (granted: boolean) => void) => void)(null, permission, (granted) =>
        answers.push(granted),
      );
      answers.push((handlers.check as () => boolean)());
    }
    answers.push((handlers.device as () => boolean)());
    expect(answers.length).toBe(11);
    expect(answers.every((granted) => granted === false)).toBe(true);
  });
});

describe('the app:// protocol', () => {
  function serve() {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Keyward</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    let handler: ((request: Request) => Promise<Response>) | null = null;
    serveRenderer({ handle: (_scheme: string, h: typeof handler) => (handler = h) } as unknown as Pick<Protocol, 'handle'>, dir);
    return (url: string) => handler!(new Request(url));
  }

  it('registers app:// as a secure standard scheme', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes: unknown) => registered.push(schemes) } as never);
    expect(registered).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true } }]]);
  });

  it('serves the renderer with the CSP on every response, found or not', async () => {
    const fetch = serve();
    const page = await fetch('app://keyward/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Keyward</title>');
    const script = await fetch('app://keyward/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of [
      'app://keyward/missing.js',
      'app://keyward/%2e%2e/%2e%2e/etc/passwd',
      'app://keyward/x.exe',
      'app://other/index.html',
    ]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });
});

describe('IPC', () => {
  function registered() {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const services = servicesIn();
    registerIpc(
      {
        handle: (channel: string, h: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, h),
      } as unknown as Pick<IpcMain, 'handle'>,
      createRouter(createHandlers(services)),
    );
    const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    return { handlers, frame };
  }

  it('registers exactly one handler per contract channel', () => {
    expect([...registered().handlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('answers the app page’s main frame and refuses everything else', async () => {
    const { handlers, frame } = registered();
    const status = handlers.get('vault.status')!;
    expect(await status(frame(APP_ENTRY_URL), undefined)).toMatchObject({ ok: true, value: { state: 'uninitialized' } });
    for (const event of [
      frame('https://evil.example/'),
      frame(APP_ENTRY_URL, { url: APP_ENTRY_URL }),
      frame('file:///index.html'),
      { senderFrame: null },
    ]) {
      expect(await status(event, undefined)).toEqual({
        ok: false,
        error: { code: 'Forbidden', message: 'This page may not call Keyward.' },
      });
    }
  });

  it('validates input before anything runs', async () => {
    const { handlers, frame } = registered();
    const result = (await handlers.get('vault.create')!(frame(APP_ENTRY_URL), { password: 'short' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(result).toMatchObject({ ok: false, error: { code: 'Invalid' } });
  });
});
