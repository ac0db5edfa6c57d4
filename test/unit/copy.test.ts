import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../contract/index.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { ManualTimers, RecordingClipboard } from '../support/recording-clipboard.ts';
import { createdVault, ManualClock } from '../support/vault.ts';

const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.vault.lock('quit');
});

async function copying() {
  const clipboard = new RecordingClipboard('win32');
  const timers = new ManualTimers();
  const clock = new ManualClock('2026-11-27T12:00:00.000Z');
  const services = await createdVault(undefined, clock, { clipboard, timers });
  opened.push(services);
  const events: Array<{ name: EventName; payload: unknown }> = [];
  services.events.subscribe((name, payload) => events.push({ name, payload }));
  const call = createRouter(createHandlers(services));
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clipboard, timers, clock, services, events, call, settle };
}

describe('clipboard.copyKey', () => {
  it('writes the secret with its exclusion markers, records last-copied and audits, and returns no secret', async () => {
    const { clipboard, clock, services, events, call } = await copying();
    const key = services.keys.add({ ...defaults, label: 'Deploy bot', secret: fakeKeys.github() }, 'app');
    clock.advance(60_000);

    const result = await call('clipboard.copyKey', { id: key.id }, { source: 'app' });
    expect(result).toEqual({
      ok: true,
      value: { keyId: key.id, label: 'Deploy bot', clearAfterMs: 30_000, clearsAt: '2026-11-27T12:01:30.000Z' },
    });
    expect(JSON.stringify(result)).not.toContain(fakeKeys.github());
    expect(clipboard.text()).toBe(fakeKeys.github());
    expect(Object.keys(clipboard.current)).toContain('electron application/osclipboard;format="CanIncludeInClipboardHistory"');

    expect(services.keys.get(key.id).lastCopiedAt).toBe('2026-11-27T12:01:00.000Z');
    const entries = services.vault.session().db.prepare('SELECT * FROM audit_log WHERE key_id = ? ORDER BY id').all(key.id);
    expect(entries.map((entry) => (entry as { action: string }).action)).toEqual(['key.added', 'key.copied']);
    expect(JSON.stringify(entries)).not.toContain(fakeKeys.github());

    const copied = events.find((event) => event.name === 'copied')?.payload as EventPayload<'copied'>;
    expect(copied).toEqual({ keyId: key.id, label: 'Deploy bot', clearAfterMs: 30_000, clearsAt: '2026-11-27T12:01:30.000Z' });
    expect(JSON.stringify(events)).not.toContain(fakeKeys.github());
  });

  it('clears after the delay chosen in settings and says so', async () => {
    const { clipboard, timers, services, events, settle } = await copying();
    services.settings.update({ clipboardClearSeconds: 10 });
    const key = services.keys.add({ ...defaults, label: 'Shop', secret: fakeKeys.stripeLive() }, 'app');
    const receipt = await services.clipboard.copyKey(key.id, 'app');
    expect(receipt.clearAfterMs).toBe(10_000);
    timers.advance(10_000);
    await settle();
    expect(clipboard.text()).toBe('');
    expect(events.filter((event) => event.name === 'clipboardCleared').map((event) => event.payload)).toEqual([
      { keyId: key.id, reason: 'timer', cleared: true },
    ]);
  });

  it('"never" leaves the value until the vault locks, and locking clears it', async () => {
    const { clipboard, timers, services, events, settle } = await copying();
    services.settings.update({ clipboardClearSeconds: null });
    const key = services.keys.add({ ...defaults, label: 'Shop', secret: fakeKeys.stripeLive() }, 'app');
    const receipt = await services.clipboard.copyKey(key.id, 'app');
    expect(receipt).toMatchObject({ clearAfterMs: null, clearsAt: null });
    timers.advance(24 * 3_600_000);
    expect(clipboard.text()).toBe(fakeKeys.stripeLive());
    services.vault.lock('idle');
    await settle();
    expect(clipboard.text()).toBe('');
    expect(events.map((event) => event.name)).toEqual(expect.arrayContaining(['clipboardCleared', 'locked']));
  });

  it('a failed clipboard write records nothing and reports a plain error', async () => {
    const { clipboard, services, call } = await copying();
    const key = services.keys.add({ ...defaults, label: 'Shop', secret: fakeKeys.stripeLive() }, 'app');
    clipboard.failNextWrite = true;
    const result = await call('clipboard.copyKey', { id: key.id }, { source: 'app' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'Internal', message: 'The clipboard could not be written; nothing was copied.' },
    });
    expect(services.keys.get(key.id).lastCopiedAt).toBeNull();
    const actions = services.vault.session().db.prepare('SELECT action FROM audit_log WHERE key_id = ?').pluck().all(key.id);
    expect(actions).toEqual(['key.added']);
  });

  it('refuses unknown ids, bad ids and a locked vault without touching the clipboard', async () => {
    const { clipboard, services, call } = await copying();
    expect(await call('clipboard.copyKey', { id: '00000000-0000-4000-8000-000000000000' }, { source: 'app' })).toEqual({
      ok: false,
      error: {
        code: 'NotFound',
        message: 'No key with that id.',
        phrase: { id: 'keys.error.noSuchKey', defaultMessage: 'No key with that id.' },
      },
    });
    expect(await call('clipboard.copyKey', { id: 'x' }, { source: 'app' })).toMatchObject({
      ok: false,
      error: { code: 'Invalid' },
    });
    const key = services.keys.add({ ...defaults, label: 'Shop', secret: fakeKeys.stripeLive() }, 'app');
    services.vault.lock('manual');
    expect(await call('clipboard.copyKey', { id: key.id }, { source: 'app' })).toMatchObject({
      ok: false,
      error: { code: 'Locked' },
    });
    expect(clipboard.log).toEqual([]);
  });

  it('clipboard.clear clears only our own value', async () => {
    const { clipboard, services, call } = await copying();
    const key = services.keys.add({ ...defaults, label: 'Shop', secret: fakeKeys.stripeLive() }, 'app');
    await services.clipboard.copyKey(key.id, 'app');
    expect(await call('clipboard.clear', undefined, { source: 'app' })).toEqual({ ok: true, value: { cleared: true } });
    await services.clipboard.copyKey(key.id, 'app');
    clipboard.copyFromElsewhere('mine');
    expect(await call('clipboard.clear', undefined, { source: 'app' })).toEqual({ ok: true, value: { cleared: false } });
    expect(clipboard.text()).toBe('mine');
  });

  it('the CLI has no clipboard: copying is refused and nothing is recorded', async () => {
    const clock = new ManualClock();
    const services = await createdVault(undefined, clock);
    opened.push(services);
    const key = services.keys.add({ ...defaults, label: 'Shop', secret: fakeKeys.stripeLive() }, 'cli');
    await expect(services.clipboard.copyKey(key.id, 'cli')).rejects.toMatchObject({ code: 'Internal' });
    expect(services.keys.get(key.id).lastCopiedAt).toBeNull();
  });
});

describe('clipboard.copyReference', () => {
  it('writes the reference or the .env line as plain text (no secret: no markers, no audit, never cleared)', async () => {
    const { clipboard, timers, services, call, settle } = await copying();
    const secret = fakeKeys.openaiProject('REF');
    const key = services.keys.add({ ...defaults, label: 'CI bot', secret }, 'app');
    // A key copied just before: its clear must leave the reference alone.
    await services.clipboard.copyKey(key.id, 'app');
    expect(await call('clipboard.copyReference', { id: key.id, form: 'envLine' }, { source: 'app' })).toEqual({
      ok: true,
      value: { label: 'CI bot', text: 'OPENAI_API_KEY=keyward://openai/CI%20bot' },
    });
    expect(clipboard.current).toEqual({ 'text/plain': 'OPENAI_API_KEY=keyward://openai/CI%20bot' });
    timers.advance(60_000);
    await settle();
    expect(clipboard.text()).toBe('OPENAI_API_KEY=keyward://openai/CI%20bot');
    // A second key with the same provider and label: only the id names each alone.
    services.keys.add({ ...defaults, label: 'CI bot', secret: fakeKeys.openaiProject('TWO') }, 'app');
    expect(await call('clipboard.copyReference', { id: key.id, form: 'reference' }, { source: 'app' })).toMatchObject({
      ok: true,
      value: { text: `keyward://${key.id}` },
    });
    const actions = services.vault.session().db.prepare('SELECT action FROM audit_log WHERE key_id = ?').pluck().all(key.id);
    expect(actions).toEqual(['key.added', 'key.copied']);
  });
});

const defaults = {
  environment: 'prod' as const,
  notes: '',
  usedIn: [],
  tags: [],
  expiresAt: null,
  rotateEveryDays: null,
  favourite: false,
};
