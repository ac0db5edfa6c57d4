import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../contract/settings.ts';
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
    expect(await call('settings.get', undefined, { source: 'app' })).toEqual({ ok: true, value: defaultSettings });
    expect(defaultSettings).toEqual({ clipboardClearSeconds: 30, autoLockMinutes: 15, theme: 'system' });
  });

  it('update changes the given settings, keeps the rest, persists across a lock and tells listeners', async () => {
    const { services, call, dir } = await withSettings();
    const changed: unknown[] = [];
    services.events.subscribe((name, payload) => name === 'settingsChanged' && changed.push(payload));
    const result = await call('settings.update', { clipboardClearSeconds: null, theme: 'dark' }, { source: 'app' });
    const expected = { clipboardClearSeconds: null, autoLockMinutes: 15, theme: 'dark' };
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
  ])('%j is refused on %s and changes nothing', async (input, path) => {
    const { services, call } = await withSettings();
    const result = await call('settings.update', input, { source: 'app' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('Invalid');
    expect(result.error.issues?.map((issue) => issue.path)).toEqual([path]);
    expect(result.error.issues?.[0]?.message.length).toBeGreaterThan(3);
    expect(services.settings.get()).toEqual(defaultSettings);
  });

  it('a damaged or unknown stored value reads as its default', async () => {
    const { services } = await withSettings();
    const db = services.vault.session().db;
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('clipboardClearSeconds', '"soon"');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '{not json');
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('fromTheFuture', 'true');
    expect(services.settings.get()).toEqual(defaultSettings);
  });

  it('needs an unlocked vault', async () => {
    const { services, call } = await withSettings();
    services.vault.lock('manual');
    expect(await call('settings.get', undefined, { source: 'app' })).toMatchObject({ ok: false, error: { code: 'Locked' } });
    expect(await call('settings.update', { theme: 'light' }, { source: 'app' })).toMatchObject({ ok: false, error: { code: 'Locked' } });
  });
});
