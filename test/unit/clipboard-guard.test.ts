import { describe, expect, it } from 'vitest';
import { ClipboardGuard, type ClearedListener } from '../../main/clipboard/guard.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { ManualTimers, RecordingClipboard } from '../support/recording-clipboard.ts';

const KEY_A = '11111111-1111-4111-8111-111111111111';
const KEY_B = '22222222-2222-4222-8222-222222222222';

function guarded() {
  const clipboard = new RecordingClipboard();
  const timers = new ManualTimers();
  const cleared: Array<Parameters<ClearedListener>[0]> = [];
  const guard = new ClipboardGuard(clipboard, timers, (result) => cleared.push(result));
  /** Lets a clear the timer started run to its end (it only awaits promises, so one macrotask is enough). */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clipboard, timers, cleared, guard, settle };
}

describe('compare-then-clear', () => {
  it('clears the clipboard when the delay has passed and it still holds our value', async () => {
    const { clipboard, timers, cleared, guard, settle } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, 30_000);
    expect(clipboard.text()).toBe(fakeKeys.github());

    timers.advance(29_999);
    await settle();
    expect(clipboard.text()).toBe(fakeKeys.github());
    expect(cleared).toEqual([]);

    timers.advance(1);
    await settle();
    expect(clipboard.text()).toBe('');
    expect(cleared).toEqual([{ keyId: KEY_A, reason: 'timer', cleared: true }]);
    expect(clipboard.log.map((entry) => entry.op)).toEqual(['write', 'clear']);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { clipboard, timers, cleared, guard, settle } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, 10_000);
    clipboard.copyFromElsewhere('a shopping list');
    timers.advance(10_000);
    await settle();
    expect(clipboard.text()).toBe('a shopping list');
    expect(cleared).toEqual([{ keyId: KEY_A, reason: 'timer', cleared: false }]);
    expect(clipboard.log.some((entry) => entry.op === 'clear')).toBe(false);
  });

  it('a second copy replaces the first: one timer, measured from the second copy', async () => {
    const { clipboard, timers, cleared, guard, settle } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, 30_000);
    timers.advance(20_000);
    await guard.write(fakeKeys.stripeTest(), KEY_B, 30_000);
    expect(timers.pendingCount).toBe(1);
    timers.advance(15_000);
    await settle();
    expect(clipboard.text()).toBe(fakeKeys.stripeTest());
    timers.advance(15_000);
    await settle();
    expect(clipboard.text()).toBe('');
    expect(cleared).toEqual([{ keyId: KEY_B, reason: 'timer', cleared: true }]);
  });

  it('"never" sets no timer, but lock still clears', async () => {
    const { clipboard, timers, cleared, guard } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, null);
    expect(timers.pendingCount).toBe(0);
    timers.advance(3_600_000);
    expect(clipboard.text()).toBe(fakeKeys.github());
    expect(await guard.clear('lock')).toBe(true);
    expect(clipboard.text()).toBe('');
    expect(cleared).toEqual([{ keyId: KEY_A, reason: 'lock', cleared: true }]);
  });

  it('clearing early cancels the timer, and a second clear finds nothing to do', async () => {
    const { clipboard, timers, cleared, guard } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, 30_000);
    expect(await guard.clear('quit')).toBe(true);
    expect(timers.pendingCount).toBe(0);
    expect(await guard.clear('quit')).toBe(false);
    expect(guard.hasPending()).toBe(false);
    expect(clipboard.log.filter((entry) => entry.op === 'clear')).toHaveLength(1);
    expect(cleared).toHaveLength(1);
  });

  it('a failed write keeps the previous pending clear', async () => {
    const { clipboard, timers, guard, settle } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, 30_000);
    clipboard.failNextWrite = true;
    await expect(guard.write(fakeKeys.stripeTest(), KEY_B, 30_000)).rejects.toThrow();
    timers.advance(30_000);
    await settle();
    expect(clipboard.text()).toBe('');
  });

  it('a clear and a copy started together cannot interleave: the new copy survives', async () => {
    const { clipboard, guard } = guarded();
    await guard.write(fakeKeys.github(), KEY_A, 30_000);
    const clearing = guard.clear('timer');
    const copying = guard.write(fakeKeys.stripeTest(), KEY_B, 30_000);
    await Promise.all([clearing, copying]);
    expect(clipboard.text()).toBe(fakeKeys.stripeTest());
  });

  it('keeps no plaintext to compare with, only a keyed digest', async () => {
    const { guard } = guarded();
    await guard.write(fakeKeys.anthropic(), KEY_A, 30_000);
    const seen = JSON.stringify(guard, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value));
    expect(seen).not.toContain(fakeKeys.anthropic());
  });
});
