import type { Call } from './router.ts';
import type { Timers } from './timers.ts';

/**
 * Which calls the doors (the window, the agent) have in flight, so work that can wait (the
 * whole-file integrity check and the first reminder check after an unlock) starts once the
 * window has what its first screen asked for, instead of competing with it for the cores.
 */
export class Activity {
  readonly #timers: Timers;
  #inFlight = 0;
  /** How many calls have ended so far: a wait sees whether any ended during its last interval. */
  #settled = 0;

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  /** The same call, counted while it runs. */
  tracking(call: Call): Call {
    return async (channel, input, ctx) => {
      this.#inFlight += 1;
      try {
        return await call(channel, input, ctx);
      } finally {
        this.#inFlight -= 1;
        this.#settled += 1;
      }
    };
  }

  /**
   * Resolves true once a whole `quietMs` interval passed with no call ending and none in flight
   * at its end, or after about `atMostMs` (a window that never stops asking must not postpone
   * the work for ever). Resolves false, and stops waiting, when `signal` aborts. Counted in
   * intervals of the injected timers rather than read from a clock, so tests drive it by hand.
   */
  whenQuiet(options: QuietOptions): Promise<boolean> {
    return new Promise((resolve) => this.afterQuiet(options, resolve));
  }

  /** whenQuiet with a callback, called from the timer itself: what runs in it starts at that moment, not a tick later. */
  afterQuiet(options: QuietOptions, then: (ready: boolean) => void): void {
    const { quietMs, atMostMs, signal } = options;
    if (signal.aborted) return then(false);
    let waited = 0;
    let seen = this.#settled;
    let handle: unknown = null;
    const onAbort = () => {
      this.#timers.clearTimeout(handle);
      then(false);
    };
    const poll = () => {
      waited += quietMs;
      const quiet = this.#inFlight === 0 && this.#settled === seen;
      seen = this.#settled;
      if (quiet || waited >= atMostMs) {
        signal.removeEventListener('abort', onAbort);
        then(true);
      } else handle = this.#timers.setTimeout(poll, quietMs);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    handle = this.#timers.setTimeout(poll, quietMs);
  }
}

export interface QuietOptions {
  quietMs: number;
  atMostMs: number;
  signal: AbortSignal;
}
