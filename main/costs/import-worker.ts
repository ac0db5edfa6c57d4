import { parentPort, workerData } from 'node:worker_threads';
import { isKeywardError } from '../../contract/errors.ts';
import { openEncrypted } from '../vault/database.ts';
import { runImportJob, type ImportJob } from './import-job.ts';
import { claimCommit } from './commit-gate.ts';

/**
 * The import worker thread: opens its own connection to the vault and runs one import job, so
 * reading, pricing and the commit's single transaction never block the app's main thread.
 * Messages out: `progress` (rows read), then `done` (the outcome) or `failed` (an error payload).
 */
interface WorkerInput {
  job: ImportJob;
  dbPath: string;
  dataKey: Uint8Array;
  /** One Int32 shared with workerRunner: the commit gate (see commit-gate.ts). */
  gate: SharedArrayBuffer;
}

// A function rather than top-level await: the app's build bundles this file as CommonJS.
async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const key = Buffer.from(input.dataKey);
  input.dataKey.fill(0);
  const job: ImportJob = {
    ...input.job,
    // Structured clone hands a Buffer over as a plain Uint8Array.
    file:
      'bytes' in input.job.file
        ? { bytes: Buffer.from(input.job.file.bytes.buffer, input.job.file.bytes.byteOffset, input.job.file.bytes.byteLength) }
        : input.job.file,
  };

  try {
    const db = openEncrypted(input.dbPath, key, 'secondary');
    key.fill(0);
    try {
      const gate = new Int32Array(input.gate);
      const outcome = await runImportJob(
        db,
        job,
        (rows) => port.postMessage({ type: 'progress', rows }),
        () => claimCommit(gate),
      );
      port.postMessage({ type: 'done', outcome });
    } finally {
      db.close();
    }
  } catch (error) {
    key.fill(0);
    // Only a KeywardError's own message crosses: any other text could quote the file.
    port.postMessage({
      type: 'failed',
      error: isKeywardError(error)
        ? error.toPayload()
        : { code: 'Internal', message: 'The import failed inside Keyward; nothing was saved.' },
    });
  }
}

void main();
