import { rmSync } from 'node:fs';
import { readBounded } from '../bounded-read.ts';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { writeFileAtomic } from './atomic-file.ts';

/**
 * Growing delay after repeated wrong passwords, kept in its own small file so it survives
 * restarts without the vault being open. It slows guessing through Keyward's doors (app, CLI);
 * an offline attacker is slowed by Argon2 instead. It never locks the user out: the delay is capped.
 * The vault header and database are never written on a failed attempt; this file is.
 */
const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;
/** Failed attempts are listed in the audit log at the next unlock; keep the list bounded. */
const MAX_REMEMBERED = 100;

export function delayAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

const stateSchema = z.object({
  consecutiveFailures: z.int().nonnegative(),
  lastFailureAt: z.iso.datetime(),
  failuresSinceUnlock: z.array(z.iso.datetime()),
});

type ThrottleState = z.infer<typeof stateSchema>;

export class UnlockThrottle {
  readonly #path: string;
  readonly #clock: Clock;

  constructor(path: string, clock: Clock) {
    this.#path = path;
    this.#clock = clock;
  }

  failures(): number {
    return this.#read()?.consecutiveFailures ?? 0;
  }

  retryAfterMs(): number {
    const state = this.#read();
    if (!state) return 0;
    const delay = delayAfterFailures(state.consecutiveFailures);
    const now = this.#clock.now();
    const since = now.getTime() - Date.parse(state.lastFailureAt);
    if (since < 0) {
      // The last failure lies in the future: the clock was set back, or the file came from a
      // machine ahead of this one. Waiting for that moment could lock the owner out for as long
      // as the clock is off; the wait starts again from now instead.
      this.#write({ ...state, lastFailureAt: now.toISOString() });
      return delay;
    }
    return Math.max(0, delay - since);
  }

  /** `listForUnlockAudit: false`: counted for the delay, but already audited by the caller (a password change). */
  recordFailure(listForUnlockAudit = true): void {
    const state = this.#read();
    const at = this.#clock.now().toISOString();
    const listed = state?.failuresSinceUnlock ?? [];
    const next: ThrottleState = {
      consecutiveFailures: (state?.consecutiveFailures ?? 0) + 1,
      lastFailureAt: at,
      failuresSinceUnlock: (listForUnlockAudit ? [...listed, at] : listed).slice(-MAX_REMEMBERED),
    };
    this.#write(next);
  }

  /** When each wrong password since the last unlock was given, for the audit log. */
  failuresSinceUnlock(): string[] {
    return this.#read()?.failuresSinceUnlock ?? [];
  }

  /** Clears the counter (once the failed attempts are in the audit log). */
  recordSuccess(): void {
    rmSync(this.#path, { force: true });
  }

  #write(state: ThrottleState): void {
    writeFileAtomic(this.#path, `${JSON.stringify(state)}\n`);
  }

  #read(): ThrottleState | null {
    let text: string;
    try {
      // Bounded, plain files only: a counter planted as a link to /dev/zero must not hang `status`.
      const bytes = readBounded(this.#path, 64 * 1024, { regularOnly: true });
      if (!bytes) return null;
      text = bytes.toString('utf8');
    } catch {
      return null;
    }
    // A damaged counter file is treated as no failures: anyone able to edit it can attack offline anyway.
    try {
      const parsed = stateSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
