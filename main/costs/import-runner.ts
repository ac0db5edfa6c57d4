import { Worker } from 'node:worker_threads';
import { KeywardError, type ErrorPayload } from '../../contract/errors.ts';
import type { Db } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { claimAbort } from './commit-gate.ts';
import { runImportJob, type ImportJob, type JobOutcome } from './import-job.ts';

/**
 * Where import jobs run. Both runners give the job a database connection of its own, so its
 * one long transaction never holds the connection every other call uses.
 *  - inline: in this thread (the CLI, tests): simple, and nothing else is waiting.
 *  - worker: in a worker thread (the app): the main process keeps answering the window while a
 *    100 MB export is read and committed.
 */
export interface ImportRunner {
  run(job: ImportJob, onProgress?: (rows: number) => void): Promise<JobOutcome>;
  /** Stops every running job (on lock): its open transaction is rolled back. */
  abortAll(): void;
}

export function inlineRunner(vault: Vault): ImportRunner {
  const open = new Set<Db>();
  return {
    async run(job, onProgress) {
      const db = vault.openSecondary();
      open.add(db);
      try {
        return await runImportJob(db, job, onProgress);
      } catch (error) {
        if (!db.open) throw new KeywardError('Locked', 'The import was stopped because the vault was locked; nothing was saved.');
        throw error;
      } finally {
        open.delete(db);
        if (db.open) db.close();
      }
    },
    abortAll() {
      // Closing the connection mid-transaction discards it: SQLite never commits a half.
      for (const db of open) db.close();
      open.clear();
    },
  };
}

type WorkerMessage =
  { type: 'progress'; rows: number } | { type: 'done'; outcome: JobOutcome } | { type: 'failed'; error: ErrorPayload };

export function workerRunner(vault: Vault, script: string | URL): ImportRunner {
  const running = new Map<Worker, Int32Array>();
  return {
    run(job, onProgress) {
      const dataKey = vault.dataKeyCopy();
      return new Promise<JobOutcome>((resolve, reject) => {
        let settled = false;
        const gate = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
        const worker = new Worker(script, { workerData: { job, dbPath: vault.files.db, dataKey, gate } });
        dataKey.fill(0);
        running.set(worker, new Int32Array(gate));
        const finish = (action: () => void) => {
          if (settled) return;
          settled = true;
          running.delete(worker);
          action();
        };
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') onProgress?.(message.rows);
          else if (message.type === 'done') finish(() => resolve(message.outcome));
          else finish(() => reject(KeywardError.fromPayload(message.error)));
        });
        worker.on('error', () =>
          finish(() => reject(new KeywardError('Internal', 'The import worker stopped unexpectedly; nothing was saved.'))),
        );
        worker.on('exit', () =>
          finish(() =>
            reject(new KeywardError('Locked', 'The import was stopped because the vault was locked; nothing was saved.')),
          ),
        );
      });
    },
    abortAll() {
      for (const [worker, gate] of running) if (claimAbort(gate)) void worker.terminate();
    },
  };
}
