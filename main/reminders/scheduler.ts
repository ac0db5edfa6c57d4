import { isKeywardError } from '../../contract/errors.ts';
import { Repeater, type Timers } from '../timers.ts';

export const HOUR_MS = 3_600_000;

/**
 * Runs the reminder check at unlock and then hourly while the vault stays unlocked. A check
 * that finds the vault locked (a lock raced the timer) is simply skipped; anything else is
 * reported without its message and the schedule goes on.
 */
export class ReminderScheduler {
  readonly #check: () => unknown;
  readonly #repeater: Repeater;
  readonly #onError: (error: unknown) => void;

  constructor(options: { check: () => unknown; timers: Timers; intervalMs?: number; onError?: (error: unknown) => void }) {
    this.#check = options.check;
    this.#onError = options.onError ?? (() => {});
    this.#repeater = new Repeater(options.timers, options.intervalMs ?? HOUR_MS, () => this.runNow());
  }

  get running(): boolean {
    return this.#repeater.running;
  }

  start(): void {
    this.runNow();
    this.#repeater.start();
  }

  stop(): void {
    this.#repeater.stop();
  }

  /** Also called on system resume, so a day that passed during sleep is noticed at once. */
  runNow(): void {
    try {
      this.#check();
    } catch (error) {
      if (isKeywardError(error) && error.code === 'Locked') return;
      this.#onError(error);
    }
  }
}
