import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings, defaultSettingsFor } from '../../contract/settings.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { tempDir } from '../support/temp.ts';
import { createdVault, PASSWORD, servicesIn } from '../support/vault.ts';

const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.vault.lock('quit');
});

async function withSettings(dir = tempDir()) {
  const services = await createdVault(dir);
  opened.push(services);
  const call = createRouter(createHandlers(services));
  return { services, call, dir };
}

describe('settings', () => {
  it('a new vault has the defaults: clear after 30 s, lock after 15 min, theme follows the system', async () => {
    const { call } = await withSettings();
    expect(await call('settings.get', undefined, { source: 'app' })).toEqual({
      ok: true,
      value: defaultSettingsFor(process.platform),
    });
    expect(defaultSettings).toMatchObject({ clipboardClearSeconds: 30, autoLockMinutes: 15, theme: 'system' });
  });

  it('update changes the given settings, keeps the rest, persists across a lock and tells listeners', async () => {
    const { services, call, dir } = await withSettings();
    const changed: unknown[] = [];
    services.events.subscribe((name, payload) => name === 'settingsChanged' && changed.push(payload));
    const result = await call('settings.update', { clipboardClearSeconds: null, theme: 'dark' }, { source: 'app' });
    const expected = { ...defaultSettingsFor(process.platform), clipboardClearSeconds: null, theme: 'dark' };
    expect(result).toEqual({ ok: true, value: expected });
    expect(changed).toEqual([expected]);

    services.vault.lock('manual');
    const again = servicesIn(dir);
    opened.push(again);
    await again.vault.unlock(PASSWORD, 'app');
    expect(again.settings.get()).toEqual(expected);
  });

  it.each([
    [{ clipboardClearSeconds: 45 }, 'clipboardClearSeconds'],
    [{ clipboardClearSeconds: '30' }, 'clipboardClearSeconds'],
    [{ autoLockMinutes: 0 }, 'autoLockMinutes'],
    [{ theme: 'sepia' }, 'theme'],
    [{ fontSize: 14 }, 'fontSize'],
    [{ reminderLeadDays: [14, -1] }, 'reminderLeadDays.1'],
    [{ reminderLeadDays: [400] }, 'reminderLeadDays.0'],
    [{ rotationPolicy: { dev: null, staging: null, prod: 0, other: null } }, 'rotationPolicy.prod'],
    [{ rotationPolicy: { dev: null, staging: null, prod: 90 } }, 'rotationPolicy.other'],
    [{ closeToTray: 'yes' }, 'closeToTray'],
  ])('%j is refused on %s and changes nothing', async (input, path) => {
    const { services, call } = await withSettings();
    const result = await call('settings.update', input, { source: 'app' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('Invalid');
    expect(result.error.issues?.map((issue) => issue.path)).toEqual([path]);
    expect(result.error.issues?.[0]?.message.length).toBeGreaterThan(3);
    expect(services.settings.get()).toEqual(defaultSettingsFor(process.platform));
  });

  it('a damaged or unknown stored value reads as its default', async () => {
    const { services } = await withSettings();
    const db = services.vault.session().db;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('clipboardClearSeconds', '"soon"');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '{not json');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('fromTheFuture', 'true');
    expect(services.settings.get()).toEqual(defaultSettingsFor(process.platform));
  });

  it('needs an unlocked vault', async () => {
    const { services, call } = await withSettings();
    services.vault.lock('manual');
    expect(await call('settings.get', undefined, { source: 'app' })).toMatchObject({ ok: false, error: { code: 'Locked' } });
    expect(await call('settings.update', { theme: 'light' }, { source: 'app' })).toMatchObject({
      ok: false,
      error: { code: 'Locked' },
    });
  });
});

describe('lifecycle settings', () => {
  it('default to 14, 3, 1 days and the day itself, no rotation policy, and locking on suspend and screen lock', () => {
    expect(defaultSettingsFor('linux')).toMatchObject({
      reminderLeadDays: [14, 3, 1, 0],
      rotationPolicy: { dev: null, staging: null, prod: null, other: null },
      closeToTray: true,
      lockOnSuspend: true,
      lockOnScreenLock: true,
      lockWhenHidden: false,
    });
    // macOS keeps the dock convention; Windows and Linux live in the tray.
    expect([defaultSettingsFor('darwin').closeToTray, defaultSettingsFor('win32').closeToTray]).toEqual([false, true]);
  });

  it('keep lead times sorted, largest first, without repeats, and read a damaged value as the default', async () => {
    const { services, call } = await withSettings();
    const result = await call(
      'settings.update',
      { reminderLeadDays: [1, 30, 1, 0], rotationPolicy: { dev: null, staging: 30, prod: 90, other: null } },
      { source: 'app' },
    );
    expect(result).toMatchObject({
      ok: true,
      value: { reminderLeadDays: [30, 1, 0], rotationPolicy: { staging: 30, prod: 90 } },
    });
    services.vault.session().db.prepare("UPDATE settings SET value = '\"soon\"' WHERE key = 'reminderLeadDays'").run();
    expect(services.settings.get().reminderLeadDays).toEqual([14, 3, 1, 0]);
  });
});
