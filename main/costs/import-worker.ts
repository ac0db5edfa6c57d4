import { parentPort, workerData } from 'node:worker_threads';
import { isKeywardError } from '../../contract/errors.ts';
import { openEncrypted } from '../vault/database.ts';
import { commitStaged, dropStaged, stageImport, type PreviewJob, type StagedImport } from './import-job.ts';
import type { WorkerCommand } from './import-runner.ts';
import { claimCommit } from './commit-gate.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';

/**
 * The import worker thread: opens its own connection to the vault, reads and stages one file
 * (the preview), and then holds the staged rows until the runner sends `commit`, so reading,
 * pricing and the commit's single transaction never block the app's main thread, and the commit
 * does not read the file again. A discard or a lock ends the thread (workerRunner terminates it).
 * Messages out: `progress` (rows read), `staged` (the preview's outcome), then `done` (the
 * commit's outcome); `failed` (an error payload) at any point.
 */
interface WorkerInput {
  job: PreviewJob;
  dbPath: string;
  dataKey: Uint8Array;
  /** One Int32 shared with workerRunner: the commit gate (see commit-gate.ts). */
  gate: SharedArrayBuffer;
  /** The encrypted staging file this preview's rows go to. */
  stagingPath: string;
}

// A function rather than top-level await: the app's build bundles this file as CommonJS.
async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const key = Buffer.from(input.dataKey);
  input.dataKey.fill(0);
  const job: PreviewJob = {
    ...input.job,
    // Structured clone hands a Buffer over as a plain Uint8Array.
    file:
      'bytes' in input.job.file
        ? { bytes: Buffer.from(input.job.file.bytes.buffer, input.job.file.bytes.byteOffset, input.job.file.bytes.byteLength) }
        : input.job.file,
  };

  let staged: StagedImport | null = null;
  try {
    const db = openEncrypted(input.dbPath, key, 'secondary');
    key.fill(0);
    try {
      staged = await stageImport(db, job, input.stagingPath, (rows) => port.postMessage({ type: 'progress', rows }));
      port.postMessage({ type: 'staged', outcome: staged.outcome });
      const command = await new Promise<WorkerCommand>((resolve) => port.once('message', resolve));
      const gate = new Int32Array(input.gate);
      const outcome = commitStaged(db, staged, command.options, () => claimCommit(gate));
      port.postMessage({ type: 'done', outcome });
    } finally {
      if (staged) dropStaged(staged);
      db.close();
    }
  } catch (error) {
    key.fill(0);
    // Only a KeywardError's own message crosses: any other text could quote the file.
    port.postMessage({
      type: 'failed',
      error: isKeywardError(error)
        ? error.toPayload()
        : phraseError('Internal', phrase(costErrors.importFailedInside)).toPayload(),
    });
  }
}

void main();
