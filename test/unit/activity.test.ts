import { describe, expect, it } from 'vitest';
import type { Result } from '../../contract/errors.ts';
import { Activity } from '../../main/activity.ts';
import { ManualTimers } from '../support/manual-timers.ts';

// Work an unlock leaves for later waits for a quiet moment in the window's calls (main/activity.ts).
describe('waiting for a quiet moment', () => {
  function setUp() {
    const timers = new ManualTimers();
    const activity = new Activity(timers);
    const pending: Array<() => void> = [];
    // A call that ends when the test says so.
    const call = activity.tracking(
      () => new Promise<Result<unknown>>((resolve) => pending.push(() => resolve({ ok: true, value: null }))),
    );
    const finishAll = async () => {
      for (const finish of pending.splice(0)) finish();
      await Promise.resolve();
      await Promise.resolve();
    };
    const wait = (atMostMs = 10_000, signal = new AbortController().signal) => {
      const state: { ready: boolean | null } = { ready: null };
      activity.afterQuiet({ quietMs: 250, atMostMs, signal }, (ready) => (state.ready = ready));
      return state;
    };
    return { timers, call, finishAll, wait };
  }

  it('waits while a call is in flight and while calls keep ending, then starts', async () => {
    const { timers, call, finishAll, wait } = setUp();
    void call('keys.list', undefined, { source: 'app' });
    const waiting = wait();
    timers.advance(1000);
    expect(waiting.ready).toBe(null);
    await finishAll();
    // The call ended within this interval: not quiet yet.
    timers.advance(250);
    expect(waiting.ready).toBe(null);
    timers.advance(250);
    expect(waiting.ready).toBe(true);
  });

  it('starts anyway after at most the given time', () => {
    const { timers, call, wait } = setUp();
    void call('keys.list', undefined, { source: 'app' });
    const waiting = wait(2000);
    timers.advance(1999);
    expect(waiting.ready).toBe(null);
    timers.advance(1);
    expect(waiting.ready).toBe(true);
  });

  it('an abort (a lock) ends the wait at once, with nothing left scheduled', () => {
    const { timers, wait } = setUp();
    const abort = new AbortController();
    const waiting = wait(10_000, abort.signal);
    abort.abort();
    expect(waiting.ready).toBe(false);
    expect(timers.pendingCount).toBe(0);
    expect(wait(10_000, abort.signal).ready).toBe(false);
  });
});
