import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { KeywardError, type ErrorPayload } from '../../contract/errors.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';
import type { Db } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { claimAbort } from './commit-gate.ts';
import {
  commitStaged,
  dropStaged,
  stageImport,
  stagingPathFor,
  type CommitOptions,
  type JobOutcome,
  type PreviewJob,
} from './import-job.ts';

/**
 * Where import jobs run. Both runners give the job a database connection of its own, so its
 * one long transaction never holds the connection every other call uses.
 *  - inline: in this thread (the CLI, tests): simple, and nothing else is waiting.
 *  - worker: in a worker thread (the app): the main process keeps answering the window while a
 *    100 MB export is read and committed.
 * A preview is held, connection and staged rows, until it is committed or discarded: the commit
 * writes what the preview read instead of reading the file again.
 */
export interface ImportRunner {
  preview(job: PreviewJob, onProgress?: (rows: number) => void): Promise<HeldImport>;
  /** Stops every running job and frees every held preview (on lock): an open transaction is rolled back. */
  abortAll(): void;
}

/** A preview waiting for its commit. Exactly one of commit and discard is called, once. */
export interface HeldImport {
  readonly outcome: JobOutcome;
  commit(options: CommitOptions): Promise<JobOutcome>;
  /** Frees the staged rows and the connection. */
  discard(): void;
}

/**
 * The worker's JavaScript heap, capped: left alone, V8 let a million-row import's garbage grow
 * the heap by ~100 MB before collecting it. What the job keeps (the rollup's groups, at most
 * 150,000 at ~100 bytes; the first 1,000 errors; price and key lookups) fits well within this.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

/** The vault was locked while a job ran: its connection is gone, and nothing was written. */
const stopped = () => phraseError('Locked', phrase(costErrors.importStopped));

export function inlineRunner(vault: Vault): ImportRunner {
  /** Open connections and their staging files, so a lock can close and delete them. */
  const open = new Map<Db, string>();
  const release = (db: Db) => {
    const path = open.get(db);
    open.delete(db);
    if (db.open) db.close();
    if (path) rmSync(path, { force: true });
  };
  return {
    async preview(job, onProgress) {
      const db = vault.openSecondary();
      open.set(db, stagingPathFor(vault.files.db));
      let staged;
      try {
        staged = await stageImport(db, job, open.get(db)!, onProgress);
      } catch (error) {
        const closed = !db.open;
        release(db);
        if (closed) throw stopped();
        throw error;
      }
      const held = staged;
      let used = false;
      const finish = () => {
        used = true;
        dropStaged(held);
        release(db);
      };
      return {
        outcome: staged.outcome,
        async commit(options) {
          if (used || !db.open) throw stopped();
          try {
            return commitStaged(db, held, options);
          } catch (error) {
            if (!db.open) throw stopped();
            throw error;
          } finally {
            finish();
          }
        },
        discard() {
          if (!used) finish();
        },
      };
    },
    abortAll() {
      // Closing the connection mid-transaction discards it: SQLite never commits a half.
      for (const db of [...open.keys()]) release(db);
    },
  };
}

type WorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'staged'; outcome: JobOutcome }
  | { type: 'done'; outcome: JobOutcome }
  | { type: 'failed'; error: ErrorPayload };

/** What the runner sends a worker holding a preview (see import-worker.ts). */
export type WorkerCommand = { type: 'commit'; options: CommitOptions };

export function workerRunner(vault: Vault, script: string | URL): ImportRunner {
  const running = new Map<Worker, Int32Array>();
  return {
    preview(job, onProgress) {
      const dataKey = vault.dataKeyCopy();
      const stagingPath = stagingPathFor(vault.files.db);
      const gate = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
      const worker = new Worker(script, {
        workerData: { job, dbPath: vault.files.db, dataKey, gate, stagingPath },
        resourceLimits: WORKER_HEAP,
      });
      dataKey.fill(0);
      const gateView = new Int32Array(gate);
      running.set(worker, gateView);
      // The promise the worker answers next: the preview's, then the commit's.
      let waiting: { resolve: (outcome: JobOutcome) => void; reject: (error: Error) => void } | null = null;
      let ended = false;
      const answer = (action: (w: NonNullable<typeof waiting>) => void) => {
        const current = waiting;
        waiting = null;
        if (current) action(current);
      };
      let held: HeldImport | null = null;
      const previewDone = new Promise<HeldImport>((resolve, reject) => {
        waiting = {
          resolve: (outcome) => {
            held = {
              outcome,
              commit(options) {
                if (ended) return Promise.reject(stopped());
                return new Promise<JobOutcome>((resolveCommit, rejectCommit) => {
                  waiting = { resolve: resolveCommit, reject: rejectCommit };
                  worker.postMessage({ type: 'commit', options } satisfies WorkerCommand);
                });
              },
              discard() {
                if (claimAbort(gateView)) void worker.terminate();
              },
            };
            resolve(held);
          },
          reject,
        };
      });
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'progress') onProgress?.(message.rows);
        else if (message.type === 'staged' || message.type === 'done') answer((w) => w.resolve(message.outcome));
        else answer((w) => w.reject(KeywardError.fromPayload(message.error)));
      });
      worker.on('error', () => answer((w) => w.reject(phraseError('Internal', phrase(costErrors.workerStopped)))));
      worker.on('exit', () => {
        ended = true;
        running.delete(worker);
        // A terminated worker cannot delete its staging file; its key died with it.
        rmSync(stagingPath, { force: true });
        rmSync(`${stagingPath}-journal`, { force: true });
        answer((w) => w.reject(stopped()));
      });
      return previewDone;
    },
    abortAll() {
      for (const [worker, gate] of running) if (claimAbort(gate)) void worker.terminate();
    },
  };
}
