import { Worker } from 'node:worker_threads';

/**
 * The whole-file integrity check, run in a worker thread after an unlock that checked only the
 * tables of the first screen (see IntegrityCheck in database.ts): on a vault of a million usage
 * records it takes seconds, which the window should not wait for, and the main thread should not
 * spend. The worker opens its own read-only connection (it never writes, never checkpoints).
 * Resolves 'ok', 'damaged', 'unchecked' when the check could not run (the worker failed to
 * start, SQLite was busy: never taken for damage, which would lock the owner out), or 'stopped'
 * when the worker was ended (the vault locked first).
 */
export type Verdict = 'ok' | 'damaged' | 'unchecked' | 'stopped';

export interface Verification {
  result: Promise<Verdict>;
  stop(): void;
}

export function verifyInBackground(script: string | URL, dbPath: string, dataKey: Buffer): Verification {
  const key = Buffer.from(dataKey);
  const worker = new Worker(script, { workerData: { dbPath, dataKey: key } });
  key.fill(0);
  let stopped = false;
  const result = new Promise<Verdict>((resolve) => {
    worker.once('message', (message: { verdict: Verdict }) => resolve(message.verdict));
    worker.once('error', () => resolve(stopped ? 'stopped' : 'unchecked'));
    worker.once('exit', () => resolve('stopped'));
  });
  return {
    result,
    stop() {
      stopped = true;
      void worker.terminate();
    },
  };
}
