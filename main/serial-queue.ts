/**
 * Runs tasks one at a time, in the order they were given. The vault (so a double-clicked unlock
 * cannot race a lock), the clipboard guard (so a clear cannot interleave with a new copy) and the
 * cost writes (so none contends with an import's commit) each keep one. A task that fails does
 * not stop the ones queued after it; its caller gets the failure.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.#tail.then(task, task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
