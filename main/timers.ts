/**
 * Timers are injected like the clock, so tests run hourly checks and idle polls without waiting.
 * The system timers are unref'd: a pending check never keeps a CLI or test process alive.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * System timers that keep the process alive, for a short wait whose outcome someone awaits: the
 * whole-file check waiting for a quiet moment (main/activity.ts) is work in progress, like the
 * worker thread it then starts.
 */
export const keepAliveTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `task` every `intervalMs` while started. A chain of timeouts rather than an interval, so
 * a task that throws or runs long never stacks up runs, and `stop` always ends the chain.
 */
export class Repeater {
  readonly #timers: Timers;
  readonly #intervalMs: number;
  readonly #task: () => void;
  #handle: unknown = null;

  constructor(timers: Timers, intervalMs: number, task: () => void) {
    this.#timers = timers;
    this.#intervalMs = intervalMs;
    this.#task = task;
  }

  get running(): boolean {
    return this.#handle !== null;
  }

  /** Starts the chain (after one interval); restarting resets the wait. */
  start(): void {
    this.stop();
    this.#schedule();
  }

  stop(): void {
    if (this.#handle !== null) this.#timers.clearTimeout(this.#handle);
    this.#handle = null;
  }

  #schedule(): void {
    this.#handle = this.#timers.setTimeout(() => {
      try {
        this.#task();
      } finally {
        // The task may have stopped us (a lock from inside an idle check): then stay stopped.
        if (this.#handle !== null) this.#schedule();
      }
    }, this.#intervalMs);
  }
}
