import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoLockMinutes } from '../../contract/settings.ts';
import { attachDesktopLifecycle } from '../../main/platform/desktop-lifecycle.ts';
import { listAudit } from '../../main/audit/log.ts';
import { RecordingClipboard } from '../support/recording-clipboard.ts';
import { appLike, DAY_MS } from '../support/app.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { PASSWORD } from '../support/vault.ts';

/**
 * The desktop wiring of the lifecycle, with fake Electron modules and the real services on a
 * moveable clock: what the app does on idle, suspend, resume, and when its window is closed.
 */
const MINUTE = 60_000;
const running: Array<{ detach(): void; app: ReturnType<typeof appLike> }> = [];
afterEach(() => {
  for (const r of running.splice(0)) {
    r.detach();
    r.app.services.vault.lock('quit');
  }
});

function desktop(platform = 'linux', idleMinutes: AutoLockMinutes = 15) {
  const clipboard = new RecordingClipboard(platform as NodeJS.Platform);
  const app = appLike({ platform, clipboard });
  const menus: MenuItemConstructorOptions[][] = [];
  class FakeTray extends EventEmitter {
    setToolTip() {}
    setContextMenu(menu: { template: MenuItemConstructorOptions[] }) {
      menus.push(menu.template);
    }
    popUpContextMenu() {}
  }
  const power = Object.assign(new EventEmitter(), {
    idle: 0,
    getSystemIdleTime: () => power.idle,
    getSystemIdleState: () => 'active' as const,
  });
  const electronApp = Object.assign(new EventEmitter(), { quits: 0, quit: () => void electronApp.quits++ });
  let shown = 0;
  const lifecycle = attachDesktopLifecycle(
    {
      Tray: FakeTray as never,
      Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) as never },
      powerMonitor: power as never,
      app: electronApp as never,
    },
    {
      services: app.services,
      notifications: app.notifications,
      platform,
      trayIconDir: '/app/dist/main/tray',
      showWindow: () => void shown++,
      // The window's own clipboard path, as main/index.ts wires it.
      copy: (id, source) => app.services.clipboard.copyKey(id, source),
      timers: app.timers,
    },
  );
  running.push({ detach: () => lifecycle.detach(), app });
  /** The idle limit is a setting in the vault: set it once the vault exists. */
  const create = async () => {
    await app.create();
    app.services.settings.update({ autoLockMinutes: idleMinutes });
  };
  const window = Object.assign(new EventEmitter(), { hidden: 0, hide: () => void window.hidden++ });
  lifecycle.watchWindow(window as never);
  /** The user closes the window: true when it was only hidden. */
  const close = () => {
    let prevented = false;
    window.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  };
  /** Clicks a tray item by its label path, as a user would in the menu. */
  const click = (...path: string[]) => {
    let items = menus.at(-1)!;
    for (const label of path.slice(0, -1)) items = items.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];
    (items.find((i) => i.label === path.at(-1))!.click as () => void)();
  };
  return { app, create, menus, power, electronApp, close, window, clipboard, click, shown: () => shown };
}

describe('the desktop lifecycle', () => {
  it('shows the tray from the start and rebuilds it as the vault changes', async () => {
    const d = desktop();
    expect(d.menus.at(-1)!.map((i) => i.label ?? '---')).toEqual(['No vault yet', '---', 'Open Keyward', 'Quit Keyward']);
    await d.create();
    expect(d.menus.at(-1)![0]!.label).toBe('Keyward is unlocked');
  });

  it('locks after the idle limit of system inactivity, and on suspend and screen lock', async () => {
    const d = desktop('linux', 5);
    await d.create();
    for (let s = 0; s < 5 * 60; s += 15) {
      d.power.idle += 15;
      d.app.timers.advance(15_000);
    }
    expect(d.app.eventsNamed('locked')).toEqual([{ reason: 'idle' }]);
    await d.app.api.vault.unlock({ password: PASSWORD });
    d.power.emit('suspend');
    await d.app.api.vault.unlock({ password: PASSWORD });
    d.power.emit('lock-screen');
    expect(d.app.eventsNamed('locked').map((e) => e.reason)).toEqual(['idle', 'suspend', 'screen-lock']);
  });

  it('honours the lock settings, read from the vault at unlock', async () => {
    const d = desktop('linux', null);
    await d.create();
    d.app.services.settings.update({ lockOnSuspend: false, lockOnScreenLock: false });
    d.app.services.vault.lock('manual');
    await d.app.api.vault.unlock({ password: PASSWORD });
    d.power.emit('suspend');
    d.power.emit('lock-screen');
    d.power.idle = 3600;
    d.app.timers.advance(10 * MINUTE);
    expect(d.app.services.vault.isUnlocked()).toBe(true);
  });

  it('after a resume from a sleep longer than the idle limit, locks at once, though no timer ran meanwhile', async () => {
    const d = desktop('linux', 15);
    await d.create();
    d.app.services.settings.update({ lockOnSuspend: false });
    d.app.services.vault.lock('manual');
    await d.app.api.vault.unlock({ password: PASSWORD });
    d.app.timers.sleep(2 * 3600_000);
    d.power.emit('resume');
    expect(d.app.eventsNamed('locked').map((e) => e.reason)).toEqual(['manual', 'idle']);
  });

  it('after a resume into a new day, checks reminders at once rather than at the next hourly check', async () => {
    const d = desktop('linux', null);
    await d.create();
    d.app.services.settings.update({ lockOnSuspend: false });
    await d.app.api.keys.add({ label: 'Chatbot prod', secret: fakeKeys.openaiProject(), expiresAt: d.app.day(15) });
    await d.app.api.reminders.check();
    expect(d.app.notifications.take()).toEqual([]);
    d.app.timers.sleep(DAY_MS);
    d.power.emit('resume');
    expect(d.app.notifications.titles()).toEqual(['Chatbot prod: Expires in 14 days']);
    expect(d.app.services.vault.isUnlocked()).toBe(true);
  });

  it('closing the window hides it in the tray on Linux and Windows, and may lock', async () => {
    const d = desktop('linux');
    expect(d.close()).toBe(true);
    await d.create();
    expect(d.close()).toBe(true);
    expect(d.app.services.vault.isUnlocked()).toBe(true);
    d.app.services.settings.update({ lockWhenHidden: true });
    expect(d.close()).toBe(true);
    expect(d.app.eventsNamed('locked')).toEqual([{ reason: 'manual' }]);
    expect(d.window.hidden).toBe(3);
  });

  it('closing follows the dock convention on macOS unless asked otherwise, and quitting always closes', async () => {
    const mac = desktop('darwin');
    expect(mac.close()).toBe(false);
    await mac.create();
    mac.app.services.settings.update({ closeToTray: true });
    expect(mac.close()).toBe(true);
    mac.electronApp.emit('before-quit');
    expect(mac.close()).toBe(false);
  });

  it('copies a favourite from the tray through the window’s clipboard path: marked, audited as the tray, cleared after the delay', async () => {
    const d = desktop();
    await d.create();
    const secret = fakeKeys.openaiProject('TRAY');
    await d.app.api.keys.add({ label: 'Chatbot prod', secret, favourite: true });
    d.click('Copy favourite', 'Chatbot prod');
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(d.clipboard.text()).toBe(secret);
    expect(Object.keys(d.clipboard.current).length).toBeGreaterThan(1);
    expect(d.app.notifications.shown.at(-1)).toEqual({ title: 'Keyward', body: 'Copied Chatbot prod — clears in 30 s' });
    expect(listAudit(d.app.services.vault.session().db, { limit: 1 })[0]).toMatchObject({
      action: 'key.copied',
      source: 'tray',
      keyLabel: 'Chatbot prod',
    });
    expect(d.app.eventsNamed('copied')).toHaveLength(1);
    // Nothing secret went into a menu or a notification.
    expect(JSON.stringify([d.menus, d.app.notifications.shown])).not.toContain(secret);
    d.app.timers.advance(30_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(d.clipboard.text()).toBe('');
  });

  it('when locked, the tray’s copy item brings up the window instead', async () => {
    const d = desktop();
    await d.create();
    d.app.services.vault.lock('manual');
    d.click('Copy a key…');
    expect(d.shown()).toBe(1);
  });
});
