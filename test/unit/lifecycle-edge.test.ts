import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { lifecycleDefaultsFor } from '../../contract/lifecycle-settings.ts';
import { electronNotifications } from '../../main/platform/notifications.ts';
import { forwardPowerEvents, systemIdleSource } from '../../main/platform/power.ts';
import { consoleOpener } from '../../main/platform/shell.ts';
import { bringToFront, claimSingleInstance } from '../../main/platform/single-instance.ts';
import { createTray, toTemplate, trayIconFile, type TrayDeps } from '../../main/platform/tray.ts';
import { onWindowClose } from '../../main/tray/close.ts';
import { buildTrayModel, type TrayAction } from '../../main/tray/menu.ts';

/**
 * The lifecycle's Electron edge (tray, notifications, power events, shell, single instance),
 * driven with fakes of the Electron capabilities each is handed.
 */

describe('the tray icon', () => {
  function fakeTray(platform: string) {
    const calls: Array<[string, unknown]> = [];
    class FakeTray extends EventEmitter {
      constructor(image: unknown) {
        super();
        calls.push(['new', image]);
      }
      setToolTip(text: string) {
        calls.push(['setToolTip', text]);
      }
      setContextMenu(menu: unknown) {
        calls.push(['setContextMenu', menu]);
      }
      popUpContextMenu(menu: unknown) {
        calls.push(['popUpContextMenu', menu]);
      }
    }
    const deps = {
      Tray: FakeTray,
      Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
    } as unknown as TrayDeps;
    const actions: TrayAction[] = [];
    let clicks = 0;
    const tray = createTray(deps, {
      iconPath: `/app/dist/main/tray/${trayIconFile(platform)}`,
      platform,
      onAction: (a) => actions.push(a),
      onClick: () => clicks++,
    });
    return { tray, calls, actions, clicks: () => clicks, instance: () => calls };
  }

  it('sets a freshly built menu and tooltip on every render, so Linux shows the change', () => {
    const t = fakeTray('linux');
    t.tray.render(buildTrayModel({ vault: 'locked', favourites: [], recent: [], attention: [] }));
    t.tray.render(buildTrayModel({ vault: 'unlocked', favourites: [], recent: [], attention: [] }));
    expect(t.calls.filter(([name]) => name === 'setContextMenu')).toHaveLength(2);
    expect(t.calls.filter(([name]) => name === 'setToolTip').map(([, text]) => text)).toEqual([
      'Keyward: locked',
      'Keyward: unlocked',
    ]);
    expect(t.calls[0]).toEqual(['new', '/app/dist/main/tray/tray.png']);
    // Linux cannot pop a tray menu up from code; the window is what the user gets there.
    t.tray.popUp();
    expect(t.calls.some(([name]) => name === 'popUpContextMenu')).toBe(false);
  });

  it('pops the menu up again on Windows and macOS', () => {
    const t = fakeTray('win32');
    t.tray.render(buildTrayModel({ vault: 'unlocked', favourites: [], recent: [], attention: [] }));
    t.tray.popUp();
    expect(t.calls.at(-1)![0]).toBe('popUpContextMenu');
  });

  it('maps the model to a template whose clicks carry the model’s actions, with & kept literal', () => {
    const actions: TrayAction[] = [];
    const model = buildTrayModel({
      vault: 'unlocked',
      favourites: [{ id: 'k1', label: 'R&D bot', provider: 'openai' }],
      recent: [],
      attention: [],
    });
    const template = toTemplate(model.items, 'linux', (a) => actions.push(a));
    const copyMenu = template.find((item) => item.label === 'Copy favourite')!.submenu as MenuItemConstructorOptions[];
    expect(copyMenu.map((item) => [item.label, item.enabled])).toEqual([
      ['OpenAI', false],
      ['R&&D bot', undefined],
    ]);
    (copyMenu[1]!.click as () => void)();
    expect(actions).toEqual([{ type: 'copy', keyId: 'k1' }]);
    expect(toTemplate(model.items, 'darwin', () => {}).find((i) => i.label === 'Copy favourite')!.submenu).toContainEqual(
      expect.objectContaining({ label: 'R&D bot' }),
    );
    expect(template.filter((item) => item.type === 'separator').length).toBeGreaterThan(0);
  });

  it('uses the platform’s icon: .ico on Windows, a template image on macOS', () => {
    expect([trayIconFile('win32'), trayIconFile('darwin'), trayIconFile('linux')]).toEqual([
      'tray.ico',
      'trayTemplate.png',
      'tray.png',
    ]);
  });

  it('has its icons generated and committed, each PNG at its size and its @2x twice that', () => {
    const size = (file: string) => {
      const png = readFileSync(join('build', 'tray', file));
      expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('tray.png')).toEqual([24, 24]);
    expect(size('tray@2x.png')).toEqual([48, 48]);
    expect(size('trayTemplate.png')).toEqual([16, 16]);
    expect(size('trayTemplate@2x.png')).toEqual([32, 32]);
    expect(existsSync(join('build', 'tray', 'tray.ico'))).toBe(true);
    for (const platform of ['win32', 'darwin', 'linux'])
      expect(existsSync(join('build', 'tray', trayIconFile(platform))), platform).toBe(true);
  });
});

describe('closing the window', () => {
  it('hides to the tray when set, unless quitting or there is no tray', () => {
    expect(onWindowClose({ quitting: false, closeToTray: true, trayShown: true })).toBe('hide');
    expect(onWindowClose({ quitting: true, closeToTray: true, trayShown: true })).toBe('close');
    expect(onWindowClose({ quitting: false, closeToTray: false, trayShown: true })).toBe('close');
    expect(onWindowClose({ quitting: false, closeToTray: true, trayShown: false })).toBe('close');
  });

  it('defaults to the tray on Windows and Linux, and to the dock convention on macOS', () => {
    expect(lifecycleDefaultsFor('win32').closeToTray).toBe(true);
    expect(lifecycleDefaultsFor('linux').closeToTray).toBe(true);
    expect(lifecycleDefaultsFor('darwin').closeToTray).toBe(false);
  });
});

describe('notifications', () => {
  class FakeNotification extends EventEmitter {
    static supported = true;
    static made: FakeNotification[] = [];
    static isSupported() {
      return FakeNotification.supported;
    }
    readonly options: unknown;
    shown = false;
    constructor(options: unknown) {
      super();
      this.options = options;
      FakeNotification.made.push(this);
    }
    show() {
      this.shown = true;
    }
  }

  it('shows the notice, keeps it alive until clicked or closed, and a click brings the window up and runs the notice’s action', () => {
    let windowShown = 0;
    let clicked = 0;
    const port = electronNotifications({ Notification: FakeNotification as never }, () => windowShown++);
    port.show({ title: 'Chatbot prod: Expires in 2 days', body: 'OpenAI · prod', onClick: () => clicked++ });
    port.show({ title: 'Keyward', body: 'Copied X — clears in 30 s' });
    const [first, second] = FakeNotification.made.slice(-2);
    expect(first!.options).toEqual({ title: 'Chatbot prod: Expires in 2 days', body: 'OpenAI · prod', silent: false });
    expect(first!.shown).toBe(true);
    expect(port.pending()).toBe(2);
    first!.emit('click');
    second!.emit('close');
    expect([windowShown, clicked, port.pending()]).toEqual([1, 1, 0]);
  });

  it('does nothing where the system has no notifications', () => {
    FakeNotification.supported = false;
    const before = FakeNotification.made.length;
    electronNotifications({ Notification: FakeNotification as never }, () => {}).show({ title: 't', body: 'b' });
    expect(FakeNotification.made.length).toBe(before);
    FakeNotification.supported = true;
  });
});

describe('power events and idle time', () => {
  it('forwards suspend, resume and screen events, and stops when undone', () => {
    const monitor = new EventEmitter();
    const seen: string[] = [];
    const undo = forwardPowerEvents(monitor as never, (event) => seen.push(event));
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen', 'on-battery']) monitor.emit(event);
    undo();
    monitor.emit('suspend');
    expect(seen).toEqual(['suspend', 'resume', 'lock-screen', 'unlock-screen']);
  });

  it('reads system idle seconds, and a locked screen from the idle state', () => {
    let state: 'active' | 'locked' = 'active';
    const source = systemIdleSource({ getSystemIdleTime: () => 42, getSystemIdleState: () => state });
    expect([source.idleSeconds(), source.screenLocked()]).toEqual([42, false]);
    state = 'locked';
    expect(source.screenLocked()).toBe(true);
  });
});

describe('opening a provider console', () => {
  it('passes catalog https URLs to shell.openExternal and refuses anything else', async () => {
    const opened: string[] = [];
    const open = consoleOpener({ openExternal: async (url: string) => void opened.push(url) });
    await open('https://platform.openai.com/api-keys');
    for (const bad of [
      'http://platform.openai.com/api-keys',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:pw@platform.openai.com/',
    ]) {
      await expect(open(bad)).rejects.toThrow(/refused/);
    }
    expect(opened).toEqual(['https://platform.openai.com/api-keys']);
  });
});

describe('a single instance', () => {
  function fakeApp(gotLock: boolean) {
    const app = new EventEmitter() as EventEmitter & { quits: number; requestSingleInstanceLock(): boolean; quit(): void };
    app.quits = 0;
    app.requestSingleInstanceLock = () => gotLock;
    app.quit = () => void app.quits++;
    return app;
  }

  it('a second launch quits at once and starts nothing', () => {
    const app = fakeApp(false);
    let focused = 0;
    expect(claimSingleInstance(app as never, () => focused++)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('the first instance brings itself up when another launch arrives, even before its window exists', () => {
    const app = fakeApp(true);
    let focused = 0;
    expect(claimSingleInstance(app as never, () => focused++)).toBe(true);
    app.emit('second-instance', {}, ['keyward'], '/');
    expect([focused, app.quits]).toEqual([1, 0]);
  });

  it('brings a minimised or hidden window to the front, and opens one when there is none', () => {
    const calls: string[] = [];
    const window = (minimized: boolean, visible: boolean, destroyed = false) => ({
      isDestroyed: () => destroyed,
      isMinimized: () => minimized,
      isVisible: () => visible,
      restore: () => void calls.push('restore'),
      show: () => void calls.push('show'),
      focus: () => void calls.push('focus'),
    });
    const open = () => void calls.push('open');
    bringToFront(window(true, true) as never, open);
    bringToFront(window(false, false) as never, open);
    bringToFront(null, open);
    bringToFront(window(false, true, true) as never, open);
    expect(calls).toEqual(['restore', 'focus', 'show', 'focus', 'open', 'open']);
  });
});
