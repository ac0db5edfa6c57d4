import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/audit/log.ts';
import { CONSOLE_HOSTS, consoleUrlFor } from '../../main/rotation/console.ts';
import { historyContext } from '../../main/rotation/service.ts';
import { appLike, DAY_MS } from '../support/app.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { PASSWORD } from '../support/vault.ts';

const apps: Array<ReturnType<typeof appLike>> = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.services.vault.lock('quit');
});

async function withKey(options: Parameters<typeof appLike>[0] = {}) {
  const app = appLike(options);
  apps.push(app);
  await app.create();
  const original = fakeKeys.openaiProject('v1');
  const key = await app.api.keys.add({ label: 'Chatbot prod', secret: original, expiresAt: app.day(5), rotateEveryDays: 90 });
  return { ...app, key, original };
}

const audit = (app: ReturnType<typeof appLike>) => listAudit(app.services.vault.session().db, { limit: 1000 });

describe('rotating a key', () => {
  it('stores the new secret, moves the old one into history with the day it was replaced, and sets last-rotated', async () => {
    const app = await withKey();
    app.clock.advance(3 * DAY_MS);
    const next = fakeKeys.openaiProject('v2');
    const result = await app.api.keys.rotate({ id: app.key.id, secret: `  "${next}"\n` });
    const at = app.clock.now().toISOString();
    expect(result).toMatchObject({ keyId: app.key.id, lastRotatedAt: at, masked: `sk-proj-…${next.slice(-4)}` });
    expect(result.previous).toEqual({
      keyId: app.key.id,
      seq: 1,
      masked: app.key.masked,
      addedAt: app.key.createdAt,
      replacedAt: at,
      revokeBy: null,
      revokedAt: null,
    });
    expect((await app.api.keys.reveal({ id: app.key.id })).secret).toBe(next);
    expect(await app.api.keys.get({ id: app.key.id })).toMatchObject({
      lastRotatedAt: at,
      expiresAt: app.key.expiresAt,
      updatedAt: at,
    });
    expect((await app.api.keys.revealHistory({ id: app.key.id, seq: 1 })).secret).toBe(app.original);
  });

  it('keeps every earlier secret, newest first, each sealed to its own history entry', async () => {
    const app = await withKey();
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2') });
    app.clock.advance(DAY_MS);
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v3') });
    const history = await app.api.keys.history({ id: app.key.id });
    expect(history.map((h) => h.seq)).toEqual([2, 1]);
    // Entry 2 was added by the first rotation, and replaced by the second.
    expect(history[0]!.addedAt).toBe(history[1]!.replacedAt);
    const { db, box } = app.services.vault.session();
    const blob = db.prepare('SELECT secret FROM key_history WHERE key_id = ? AND seq = 1').pluck().get(app.key.id) as Buffer;
    expect(box.open(historyContext(app.key.id, 1), blob)).toBe(app.original);
    // Moved onto the key's row or another entry, the blob does not open.
    expect(() => box.open(app.key.id, blob)).toThrow();
    expect(() => box.open(historyContext(app.key.id, 2), blob)).toThrow();
    expect(JSON.stringify(history)).not.toContain(app.original);
  });

  it('is audited, and so is every look at an old secret; the log never holds a value', async () => {
    const app = await withKey();
    await app.api.keys.rotate({
      id: app.key.id,
      secret: fakeKeys.openaiProject('v2'),
      keepOldForDays: 7,
      expiresAt: app.day(400),
    });
    await app.api.keys.revealHistory({ id: app.key.id, seq: 1 });
    await app.api.keys.markRevoked({ id: app.key.id, seq: 1 });
    const entries = audit(app).slice(0, 3);
    expect(entries.map((e) => [e.action, e.keyLabel, e.detail])).toEqual([
      ['key.history-revoked', 'Chatbot prod', '#1'],
      ['key.history-revealed', 'Chatbot prod', '#1'],
      ['key.rotated', 'Chatbot prod', `old key kept as #1; revoke by ${app.day(7)}; expiresAt`],
    ]);
    const text = JSON.stringify(audit(app));
    expect(text).not.toContain(app.original);
    expect(text).not.toContain(fakeKeys.openaiProject('v2'));
  });

  it('with a grace period, reminds to revoke the old key when it ends, until it is marked revoked', async () => {
    const app = await withKey();
    await app.api.keys.update({ id: app.key.id, expiresAt: null, rotateEveryDays: null });
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2'), keepOldForDays: 3 });
    const [item] = await app.api.reminders.needsAttention();
    expect(item).toMatchObject({ reason: 'revoke', historySeq: 1, dueDate: app.day(3), summary: 'Revoke the old key in 3 days' });
    app.timers.advance(3 * DAY_MS + 3_600_000);
    expect(app.notifications.titles().at(-1)).toBe('Chatbot prod: Revoke the old key today');
    const entry = await app.api.keys.markRevoked({ id: app.key.id, seq: 1 });
    expect(entry.revokedAt).toBe(app.clock.now().toISOString());
    expect(await app.api.reminders.needsAttention()).toEqual([]);
    // Marking again changes nothing and adds no audit entry.
    const count = audit(app).length;
    expect(await app.api.keys.markRevoked({ id: app.key.id, seq: 1 })).toEqual(entry);
    expect(audit(app)).toHaveLength(count);
  });

  it('restarts the rotation clock and ends the expiry reminder when a new expiry is given', async () => {
    const app = await withKey();
    expect((await app.api.reminders.needsAttention()).map((i) => i.reason)).toEqual(['expiry']);
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2'), expiresAt: app.day(365) });
    expect(await app.api.reminders.needsAttention()).toEqual([]);
    expect((await app.api.reminders.due({ withinDays: 90 })).map((i) => [i.reason, i.dueDate])).toEqual([
      ['rotation', app.day(90)],
    ]);
  });

  it('refuses the key already stored, an earlier one, or another provider’s key, and changes nothing', async () => {
    const app = await withKey();
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2') });
    const before = {
      key: await app.api.keys.get({ id: app.key.id }),
      history: await app.api.keys.history({ id: app.key.id }),
      audit: audit(app).length,
    };
    const refused = async (secret: string, message: RegExp) => {
      const error = await app.api.keys.rotate({ id: app.key.id, secret }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'Invalid', issues: [{ path: 'secret' }] });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(secret);
    };
    await refused(fakeKeys.openaiProject('v2'), /already stored/);
    await refused(app.original, /earlier key of this entry \(#1\)/);
    await refused(fakeKeys.stripeLive(), /looks like a Stripe key, not OpenAI/);
    await expect(app.api.keys.rotate({ id: app.key.id, secret: '   ' })).rejects.toMatchObject({ code: 'Invalid' });
    expect(await app.api.keys.get({ id: app.key.id })).toEqual(before.key);
    expect(await app.api.keys.history({ id: app.key.id })).toEqual(before.history);
    expect(audit(app)).toHaveLength(before.audit);
  });

  it('lets a custom provider’s key take any format', async () => {
    const app = await withKey();
    const key = await app.api.keys.add({ label: 'Gateway', provider: 'custom:Acme', secret: moreFakeKeys.unrecognised('a') });
    await expect(app.api.keys.rotate({ id: key.id, secret: fakeKeys.github('acme') })).resolves.toMatchObject({
      previous: { seq: 1 },
    });
  });

  it('is one transaction: when the key cannot be updated, no history entry or audit line is left behind', async () => {
    const app = await withKey();
    const { db } = app.services.vault.session();
    db.exec("CREATE TEMP TRIGGER refuse_update BEFORE UPDATE ON keys BEGIN SELECT RAISE(ABORT, 'refused'); END;");
    const auditBefore = audit(app).length;
    await expect(app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2') })).rejects.toMatchObject({
      code: 'Internal',
    });
    db.exec('DROP TRIGGER refuse_update');
    expect(await app.api.keys.history({ id: app.key.id })).toEqual([]);
    expect(audit(app)).toHaveLength(auditBefore);
    expect((await app.api.keys.reveal({ id: app.key.id })).secret).toBe(app.original);
  });

  it('survives a lock and a restart, and goes when the key is deleted', async () => {
    const app = await withKey();
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2'), keepOldForDays: 30 });
    app.services.vault.lock('manual');
    await expect(app.api.keys.history({ id: app.key.id })).rejects.toMatchObject({ code: 'Locked' });
    const again = appLike({ dataDir: app.services.vault.files.dir, clock: app.clock });
    apps.push(again);
    await again.api.vault.unlock({ password: PASSWORD });
    expect((await again.api.keys.revealHistory({ id: app.key.id, seq: 1 })).secret).toBe(app.original);
    // In the trash the history is kept but out of reach; purged, it is gone.
    await again.api.keys.remove({ id: app.key.id });
    const { db } = again.services.vault.session();
    expect(db.prepare('SELECT count(*) FROM key_history').pluck().get()).toBe(1);
    await expect(again.api.keys.history({ id: app.key.id })).rejects.toMatchObject({ code: 'NotFound' });
    await expect(again.api.keys.revealHistory({ id: app.key.id, seq: 1 })).rejects.toMatchObject({ code: 'NotFound' });
    await again.api.trash.purge({ ids: [app.key.id] });
    expect(db.prepare('SELECT count(*) FROM key_history').pluck().get()).toBe(0);
  });

  it('announces the change so the tray and the attention list follow', async () => {
    const app = await withKey();
    await app.api.keys.rotate({ id: app.key.id, secret: fakeKeys.openaiProject('v2') });
    expect(app.eventsNamed('keysChanged').at(-1)).toEqual({ ids: [app.key.id] });
  });
});

describe('the provider console', () => {
  it('is opened from the catalog only, over https, for the key’s provider', async () => {
    const opened: string[] = [];
    const app = await withKey({ openExternal: async (url) => void opened.push(url) });
    expect(await app.api.keys.openConsole({ id: app.key.id })).toEqual({
      url: 'https://platform.openai.com/api-keys',
      opened: true,
    });
    expect(opened).toEqual(['https://platform.openai.com/api-keys']);
    // The caller names a key, never a URL.
    await expect(app.api.keys.openConsole({ id: app.key.id, url: 'https://evil.example/' } as never)).rejects.toMatchObject({
      code: 'Invalid',
    });
    expect(opened).toHaveLength(1);
  });

  it('has no page for a custom provider, and only says where to go where no browser can open', async () => {
    const app = await withKey();
    const custom = await app.api.keys.add({ label: 'Gateway', provider: 'custom:Acme', secret: moreFakeKeys.unrecognised('c') });
    await expect(app.api.keys.openConsole({ id: custom.id })).rejects.toMatchObject({
      code: 'NotFound',
      message: /no console page for Acme/,
    });
    expect(await app.api.keys.openConsole({ id: app.key.id })).toEqual({
      url: 'https://platform.openai.com/api-keys',
      opened: false,
    });
  });

  it('reports a browser that fails without the failure’s text', async () => {
    const app = await withKey({ openExternal: () => Promise.reject(new Error('xdg-open: no method available')) });
    const error = (await app.api.keys.openConsole({ id: app.key.id }).catch((e: unknown) => e)) as Error;
    expect(error).toMatchObject({ code: 'Internal' });
    expect(error.message).toBe('The browser could not be opened; visit https://platform.openai.com/api-keys yourself.');
  });

  it('allows exactly the catalog’s https hosts', () => {
    expect(CONSOLE_HOSTS.has('platform.openai.com')).toBe(true);
    expect(CONSOLE_HOSTS.has('t.me')).toBe(true);
    expect(CONSOLE_HOSTS.has('evil.example')).toBe(false);
    expect(consoleUrlFor('telegram')).toBe('https://t.me/BotFather');
  });
});
