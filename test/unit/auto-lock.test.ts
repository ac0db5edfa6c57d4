import { describe, expect, it } from 'vitest';
import type { LockReason } from '../../contract/vault.ts';
import {
  AutoLock,
  decideOnPoll,
  decideOnPowerEvent,
  POLL_MS,
  SUSPECTED_SLEEP_MS,
  type AutoLockPolicy,
} from '../../main/lock/auto-lock.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { ManualClock } from '../support/vault.ts';

const MINUTE = 60_000;
const policy = (over: Partial<AutoLockPolicy> = {}): AutoLockPolicy => ({
  idleMinutes: 15,
  onSuspend: true,
  onScreenLock: true,
  ...over,
});

describe('auto-lock decisions', () => {
  const poll = (over: Partial<Parameters<typeof decideOnPoll>[0]>) =>
    decideOnPoll({ policy: policy(), idleSeconds: 0, screenLocked: false, elapsedMs: POLL_MS, ...over });

  it('locks once the system has been idle for the limit, not before', () => {
    expect(poll({ idleSeconds: 15 * 60 - 1 })).toBe(null);
    expect(poll({ idleSeconds: 15 * 60 })).toBe('idle');
    expect(poll({ idleSeconds: 10 * 60, policy: policy({ idleMinutes: 5 }) })).toBe('idle');
    expect(poll({ idleSeconds: 24 * 3600, policy: policy({ idleMinutes: null }) })).toBe(null);
  });

  it('counts time asleep as idle: a gap between polls longer than the limit locks even when idle time restarted on wake', () => {
    expect(poll({ idleSeconds: 2, elapsedMs: 15 * MINUTE, policy: policy({ onSuspend: false }) })).toBe('idle');
    expect(poll({ idleSeconds: 2, elapsedMs: 14 * MINUTE, policy: policy({ onSuspend: false }) })).toBe(null);
  });

  it('treats a long gap as a suspend that was never announced, when locking on suspend', () => {
    const noIdle = policy({ idleMinutes: null });
    expect(poll({ elapsedMs: SUSPECTED_SLEEP_MS, policy: noIdle })).toBe('suspend');
    expect(poll({ elapsedMs: SUSPECTED_SLEEP_MS - 1, policy: noIdle })).toBe(null);
    expect(poll({ elapsedMs: SUSPECTED_SLEEP_MS * 10, policy: policy({ idleMinutes: null, onSuspend: false }) })).toBe(null);
  });

  it('locks when the desktop reports the screen locked (Linux has no lock-screen event), if asked to', () => {
    expect(poll({ screenLocked: true })).toBe('screen-lock');
    expect(poll({ screenLocked: true, policy: policy({ onScreenLock: false }) })).toBe(null);
  });

  it('follows each power event’s own setting; resume and unlock-screen decide nothing by themselves', () => {
    expect(decideOnPowerEvent('suspend', policy())).toBe('suspend');
    expect(decideOnPowerEvent('suspend', policy({ onSuspend: false }))).toBe(null);
    expect(decideOnPowerEvent('lock-screen', policy())).toBe('screen-lock');
    expect(decideOnPowerEvent('lock-screen', policy({ onScreenLock: false }))).toBe(null);
    expect(decideOnPowerEvent('resume', policy())).toBe(null);
    expect(decideOnPowerEvent('unlock-screen', policy())).toBe(null);
  });
});

describe('the auto-lock timer', () => {
  function setup(current: AutoLockPolicy = policy()) {
    const clock = new ManualClock();
    const timers = new ManualTimers(clock);
    const idle = { seconds: 0, locked: false };
    const locks: LockReason[] = [];
    let settings = current;
    const autoLock = new AutoLock({
      clock,
      timers,
      idle: { idleSeconds: () => idle.seconds, screenLocked: () => idle.locked },
      policy: () => settings,
      lock: (reason) => locks.push(reason),
    });
    /** The user is idle for `ms` while Keyward runs: the system idle counter grows with the clock. */
    const idleFor = (ms: number) => {
      for (let passed = 0; passed < ms; passed += 1000) {
        idle.seconds += 1;
        timers.advance(1000);
      }
    };
    return { clock, timers, idle, locks, autoLock, idleFor, set: (next: AutoLockPolicy) => (settings = next) };
  }

  it('locks after N idle minutes and stops polling', () => {
    const t = setup(policy({ idleMinutes: 5 }));
    t.autoLock.start();
    t.idleFor(5 * MINUTE - POLL_MS);
    expect(t.locks).toEqual([]);
    t.idleFor(POLL_MS);
    expect(t.locks).toEqual(['idle']);
    expect(t.autoLock.running).toBe(false);
    expect(t.timers.pendingCount).toBe(0);
  });

  it('does not lock someone who keeps working', () => {
    const t = setup(policy({ idleMinutes: 1 }));
    t.autoLock.start();
    for (let i = 0; i < 60; i += 1) {
      t.idle.seconds = 0;
      t.timers.advance(30_000);
    }
    expect(t.locks).toEqual([]);
  });

  it('locks at the first poll after a sleep longer than the limit, even though timers did not run during it', () => {
    const t = setup(policy({ idleMinutes: 15, onSuspend: false }));
    t.autoLock.start();
    t.timers.advance(POLL_MS);
    t.timers.sleep(2 * 3600_000);
    // Waking up is input: the system idle counter starts again from zero.
    t.idle.seconds = 0;
    t.timers.advance(1);
    expect(t.locks).toEqual(['idle']);
  });

  it('on resume, checks at once rather than at the next poll', () => {
    const t = setup(policy({ idleMinutes: 15, onSuspend: false }));
    t.autoLock.start();
    t.timers.sleep(20 * MINUTE);
    t.autoLock.power('resume');
    expect(t.locks).toEqual(['idle']);
  });

  it('locks on suspend and on screen lock when those settings are on, and not otherwise', () => {
    const t = setup(policy({ onSuspend: false, onScreenLock: false }));
    t.autoLock.start();
    t.autoLock.power('suspend');
    t.autoLock.power('lock-screen');
    expect(t.locks).toEqual([]);
    t.set(policy());
    t.autoLock.power('lock-screen');
    expect(t.locks).toEqual(['screen-lock']);
    t.autoLock.start();
    t.autoLock.power('suspend');
    expect(t.locks).toEqual(['screen-lock', 'suspend']);
  });

  it('does nothing while stopped (the vault is locked)', () => {
    const t = setup();
    t.autoLock.power('suspend');
    t.idle.seconds = 3600;
    t.autoLock.poll();
    t.timers.advance(3600_000);
    expect(t.locks).toEqual([]);
  });

  it('takes a changed idle limit at the next poll', () => {
    const t = setup(policy({ idleMinutes: 60 }));
    t.autoLock.start();
    t.idleFor(2 * MINUTE);
    expect(t.locks).toEqual([]);
    t.set(policy({ idleMinutes: 1 }));
    t.idleFor(POLL_MS);
    expect(t.locks).toEqual(['idle']);
  });

  it('takes a clock set backwards as no time passed, and measures the next gaps from there', () => {
    const t = setup(policy({ idleMinutes: 15, onSuspend: false }));
    t.autoLock.start();
    t.clock.advance(-3600_000);
    t.autoLock.poll();
    t.clock.advance(10 * MINUTE);
    t.autoLock.poll();
    expect(t.locks).toEqual([]);
    t.clock.advance(15 * MINUTE);
    t.autoLock.poll();
    expect(t.locks).toEqual(['idle']);
  });
});
