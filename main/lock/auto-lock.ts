import type { LockReason } from '../../contract/vault.ts';
import type { Clock } from '../clock.ts';
import { Repeater, type Timers } from '../timers.ts';

/** Where idleness comes from: the system (powerMonitor in the app), a fake in tests. */
export interface IdleSource {
  /** Seconds since the last keyboard or mouse input anywhere on the system, not only in Keyward. */
  idleSeconds(): number;
  /** True when the desktop reports the screen as locked; false where it cannot tell. */
  screenLocked(): boolean;
}

export interface AutoLockPolicy {
  /** null: never for idleness (suspend, screen lock and quit still lock). */
  idleMinutes: number | null;
  onSuspend: boolean;
  onScreenLock: boolean;
}

export type PowerEvent = 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen';

/** How often idleness is looked at. With a one-minute minimum limit, a lock is at most 15 s late. */
export const POLL_MS = 15_000;

/**
 * A gap this long between two polls means the process did not run: the machine slept. Long
 * enough that a busy main thread never looks like sleep (spurious locks are the other complaint,
 * keepassxc#10317), short enough to catch a suspend whose event never came (Snap, electron#13767).
 */
export const SUSPECTED_SLEEP_MS = 5 * 60_000;

/**
 * What one poll decides. `elapsedMs` is wall-clock time since the previous poll: timers stop
 * while the machine sleeps and some systems reset the idle counter on wake, so time spent asleep
 * counts as idle time too (the inactivity timer that ignored sleep: keepassxc#2014).
 */
export function decideOnPoll(input: {
  policy: AutoLockPolicy;
  idleSeconds: number;
  screenLocked: boolean;
  elapsedMs: number;
}): LockReason | null {
  const { policy, idleSeconds, screenLocked, elapsedMs } = input;
  if (policy.onScreenLock && screenLocked) return 'screen-lock';
  if (policy.idleMinutes !== null) {
    const limitMs = policy.idleMinutes * 60_000;
    if (idleSeconds * 1000 >= limitMs || elapsedMs >= limitMs) return 'idle';
  }
  if (policy.onSuspend && elapsedMs >= SUSPECTED_SLEEP_MS) return 'suspend';
  return null;
}

/** What a power event decides. Resume decides nothing itself: it triggers a poll, which sees the gap. */
export function decideOnPowerEvent(event: PowerEvent, policy: AutoLockPolicy): LockReason | null {
  if (event === 'suspend') return policy.onSuspend ? 'suspend' : null;
  if (event === 'lock-screen') return policy.onScreenLock ? 'screen-lock' : null;
  return null;
}

export interface AutoLockDeps {
  clock: Clock;
  idle: IdleSource;
  timers: Timers;
  policy: () => AutoLockPolicy;
  lock: (reason: LockReason) => void;
  pollMs?: number;
}

/**
 * Locks the vault on idleness, suspend and screen lock while it is unlocked. Started at unlock,
 * stopped at lock; the policy is read at each decision, so a changed setting applies at once.
 */
export class AutoLock {
  readonly #deps: AutoLockDeps;
  readonly #repeater: Repeater;
  #lastPollAt = 0;

  constructor(deps: AutoLockDeps) {
    this.#deps = deps;
    this.#repeater = new Repeater(deps.timers, deps.pollMs ?? POLL_MS, () => this.poll());
  }

  get running(): boolean {
    return this.#repeater.running;
  }

  start(): void {
    this.#lastPollAt = this.#deps.clock.now().getTime();
    this.#repeater.start();
  }

  stop(): void {
    this.#repeater.stop();
  }

  poll(): void {
    if (!this.running) return;
    const now = this.#deps.clock.now().getTime();
    // A clock set backwards is not time that passed.
    const elapsedMs = Math.max(0, now - this.#lastPollAt);
    this.#lastPollAt = now;
    const reason = decideOnPoll({
      policy: this.#deps.policy(),
      idleSeconds: this.#deps.idle.idleSeconds(),
      screenLocked: this.#deps.idle.screenLocked(),
      elapsedMs,
    });
    if (reason) this.#lock(reason);
  }

  power(event: PowerEvent): void {
    if (!this.running) return;
    if (event === 'resume') return this.poll();
    const reason = decideOnPowerEvent(event, this.#deps.policy());
    if (reason) this.#lock(reason);
  }

  #lock(reason: LockReason): void {
    this.stop();
    this.#deps.lock(reason);
  }
}

/**
 * When the idle timeout will lock the vault if nobody touches the machine from now on: what
 * `keyward agent status` reports as the app's `locksAt`. null when idleness never locks.
 */
export function idleLockAt(idleMinutes: number | null, idleSeconds: number, now: Date): Date | null {
  if (idleMinutes === null) return null;
  const leftMs = Math.max(0, idleMinutes * 60_000 - idleSeconds * 1000);
  return new Date(now.getTime() + leftMs);
}
