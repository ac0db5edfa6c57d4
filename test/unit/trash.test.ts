import { afterEach, describe, expect, it } from 'vitest';
import { TrayController } from '../../main/tray/controller.ts';
import { appLike, DAY_MS } from '../support/app.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { PASSWORD } from '../support/vault.ts';

// The trash through the router, as the window and the CLI reach it, on a real vault.

const apps: Array<ReturnType<typeof appLike>> = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.services.vault.lock('quit');
});

async function vaultWithKeys() {
  const app = appLike();
  apps.push(app);
  await app.create();
  const doomed = await app.api.keys.add({
    label: 'Old bot',
    secret: fakeKeys.openaiProject(),
    favourite: true,
    expiresAt: app.day(2),
    tags: ['legacy'],
  });
  const kept = await app.api.keys.add({ label: 'Shop', secret: fakeKeys.stripeTest(), expiresAt: app.day(3) });
  await app.api.keys.rotate({ id: doomed.id, secret: fakeKeys.openaiProject('ROTATED'), keepOldForDays: 5 });
  return { app, doomed, kept };
}

function trayOf(app: ReturnType<typeof appLike>) {
  return new TrayController({
    ...app.services,
    notifications: app.notifications,
    host: { showWindow: () => {}, quit: () => {}, popUpMenu: () => {} },
    render: () => {},
    copy: async () => ({ label: '', clearAfterMs: 0 }),
  });
}

describe('deleting a key moves it to the trash', () => {
  it('only the trash sees it: lists, search, reveal, copy, rotation, reminders, the tray and duplicates ignore it', async () => {
    const { app, doomed, kept } = await vaultWithKeys();
    expect((await app.api.reminders.needsAttention()).map((item) => item.keyId)).toContain(doomed.id);
    await app.api.keys.remove({ id: doomed.id });

    expect((await app.api.keys.list()).map((key) => key.id)).toEqual([kept.id]);
    expect(await app.api.keys.list({ search: 'legacy' })).toEqual([]);
    for (const call of [
      () => app.api.keys.get({ id: doomed.id }),
      () => app.api.keys.reveal({ id: doomed.id }),
      () => app.api.clipboard.copyKey({ id: doomed.id }),
      () => app.api.keys.history({ id: doomed.id }),
      () => app.api.keys.rotate({ id: doomed.id, secret: fakeKeys.openaiProject('AGAIN'), keepOldForDays: null }),
      () => app.api.keys.update({ id: doomed.id, label: 'Renamed' }),
      () => app.api.keys.remove({ id: doomed.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NotFound' });
    }
    const attention = await app.api.reminders.needsAttention();
    expect(attention.map((item) => item.keyId)).toEqual([kept.id]);
    expect(trayOf(app).state().favourites).toEqual([]);
    expect(await app.api.keys.findDuplicates({ secret: fakeKeys.openaiProject('ROTATED') })).toEqual([]);
    await expect(
      app.api.usage.add({ day: app.day(), provider: 'openai', keyId: doomed.id, model: 'gpt-4o', costUsd: 1 }),
    ).rejects.toMatchObject({
      code: 'NotFound',
    });

    const [trashed] = await app.api.trash.list();
    expect(trashed).toMatchObject({ id: doomed.id, label: 'Old bot', tags: ['legacy'] });
    expect(trashed!.deletedAt).toBe(app.clock.now().toISOString());
    expect(Date.parse(trashed!.purgeAt) - Date.parse(trashed!.deletedAt)).toBe(30 * DAY_MS);
  });

  it('restore brings the key back with its history and its reminders; each step is audited', async () => {
    const { app, doomed } = await vaultWithKeys();
    await app.api.keys.remove({ id: doomed.id });
    const restored = await app.api.trash.restore({ id: doomed.id });
    expect(restored.label).toBe('Old bot');
    expect(await app.api.keys.get({ id: doomed.id })).toEqual(restored);
    expect((await app.api.keys.history({ id: doomed.id })).map((entry) => entry.seq)).toEqual([1]);
    expect((await app.api.reminders.needsAttention()).map((item) => item.keyId)).toContain(doomed.id);
    expect(
      trayOf(app)
        .state()
        .favourites.map((key) => key.id),
    ).toEqual([doomed.id]);
    expect(await app.api.trash.list()).toEqual([]);
    await expect(app.api.trash.restore({ id: doomed.id })).rejects.toMatchObject({
      code: 'Invalid',
      message: 'Old bot is not in the trash.',
    });

    const audit = await app.api.audit.list({ keyId: doomed.id });
    expect(audit.slice(0, 2).map((entry) => [entry.action, entry.source, entry.keyLabel])).toEqual([
      ['key.restored', 'app', 'Old bot'],
      ['key.trashed', 'app', 'Old bot'],
    ]);
    expect(app.eventsNamed('keysChanged').slice(-2)).toEqual([{ ids: [doomed.id] }, { ids: [doomed.id] }]);
  });

  it('purge deletes forever: the key and its history go, its usage stays unlinked, and only keys in the trash can be purged', async () => {
    const { app, doomed, kept } = await vaultWithKeys();
    await app.api.usage.add({ day: app.day(), provider: 'openai', keyId: doomed.id, model: 'gpt-4o', costUsd: 2 });
    await app.api.budgets.set({ scope: 'key', keyId: doomed.id, monthlyUsd: 10 });
    await expect(app.api.trash.purge({ ids: [kept.id] })).rejects.toMatchObject({
      code: 'Invalid',
      message: 'Shop is not in the trash.',
    });
    await app.api.keys.remove({ id: doomed.id });
    // Its budget stays, named for where the key went; a new budget cannot be set on it.
    expect((await app.api.budgets.list({})).map((budget) => [budget.label, budget.keyInTrash])).toEqual([['Old bot', true]]);
    await expect(app.api.budgets.set({ scope: 'key', keyId: doomed.id, monthlyUsd: 20 })).rejects.toMatchObject({
      code: 'NotFound',
    });
    // Spend of a key in the trash still counts, under its label.
    const overview = await app.api.usage.list({});
    expect(overview.records.map((record) => record.keyLabel)).toEqual(['Old bot (in trash)']);

    expect(await app.api.trash.purge({ ids: [doomed.id] })).toEqual({ purged: [doomed.id] });
    expect(await app.api.trash.list()).toEqual([]);
    const { db } = app.services.vault.session();
    expect(db.prepare('SELECT count(*) FROM key_history WHERE key_id = ?').pluck().get(doomed.id)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM reminder_state WHERE key_id = ?').pluck().get(doomed.id)).toBe(0);
    expect((await app.api.usage.list({})).records.map((record) => [record.keyId, record.costMicros])).toEqual([
      [null, 2_000_000],
    ]);
    await expect(app.api.trash.restore({ id: doomed.id })).rejects.toMatchObject({ code: 'NotFound' });
    expect((await app.api.audit.list({ action: 'key.purged' })).map((entry) => [entry.keyLabel, entry.detail])).toEqual([
      ['Old bot', 'deleted forever'],
    ]);
  });

  it('purge with no ids empties the trash', async () => {
    const { app, doomed, kept } = await vaultWithKeys();
    await app.api.keys.remove({ id: doomed.id });
    await app.api.keys.remove({ id: kept.id });
    expect((await app.api.trash.purge({})).purged.sort()).toEqual([doomed.id, kept.id].sort());
    expect(await app.api.trash.list()).toEqual([]);
    expect(await app.api.trash.purge({})).toEqual({ purged: [] });
  });

  it('a key 30 days in the trash is purged at the next unlock, not a day earlier', async () => {
    const { app, doomed, kept } = await vaultWithKeys();
    await app.api.keys.remove({ id: doomed.id });
    app.clock.advance(29 * DAY_MS);
    await app.api.keys.remove({ id: kept.id });
    await app.api.vault.lock();
    await app.api.vault.unlock({ password: PASSWORD });
    expect((await app.api.trash.list()).map((key) => key.id).sort()).toEqual([doomed.id, kept.id].sort());

    app.clock.advance(DAY_MS);
    await app.api.vault.lock();
    await app.api.vault.unlock({ password: PASSWORD });
    const purged = await app.api.audit.list({ action: 'key.purged' });
    expect(purged.map((entry) => [entry.keyId, entry.detail])).toEqual([[doomed.id, 'after 30 days in the trash']]);
    expect((await app.api.trash.list()).map((key) => key.id)).toEqual([kept.id]);
  });

  it('the trash list purges what is due itself, for a window left unlocked for days', async () => {
    const { app, doomed } = await vaultWithKeys();
    await app.api.keys.remove({ id: doomed.id });
    app.clock.advance(30 * DAY_MS);
    expect(await app.api.trash.list()).toEqual([]);
    expect((await app.api.audit.list({ action: 'key.purged' })).map((entry) => entry.keyId)).toEqual([doomed.id]);
  });
});
