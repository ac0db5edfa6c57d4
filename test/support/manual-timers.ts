import type { Timers } from '../../main/timers.ts';
import { ManualClock } from './manual-clock.ts';

interface Pending {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * Timers that fire only when the test moves time, on the same ManualClock the services read,
 * so "an hour later" is one call and the check sees the hour on the clock too.
 */
export class ManualTimers implements Timers {
  readonly #clock: ManualClock;
  #pending: Pending[] = [];
  #next = 1;

  /** Without a clock of the test's, the timers keep one of their own. */
  constructor(clock: ManualClock = new ManualClock()) {
    this.#clock = clock;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#pending.push({ id, at: this.#clock.now().getTime() + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#pending = this.#pending.filter((pending) => pending.id !== handle);
  }

  get pendingCount(): number {
    return this.#pending.length;
  }

  /** Moves the clock forward, firing every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.#clock.now().getTime() + ms;
    for (;;) {
      const due = this.#pending.filter((pending) => pending.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.#pending = this.#pending.filter((pending) => pending !== due);
      this.#clock.advance(Math.max(0, due.at - this.#clock.now().getTime()));
      due.callback();
    }
    this.#clock.advance(Math.max(0, end - this.#clock.now().getTime()));
  }

  /**
   * Moves the clock without firing anything: the machine slept and no timer ran. Timers that
   * fell due fire on the next `advance`, late, as they do after a real resume.
   */
  sleep(ms: number): void {
    this.#clock.advance(ms);
  }
}
