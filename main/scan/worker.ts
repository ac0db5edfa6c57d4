import { parentPort, workerData } from 'node:worker_threads';
import { ScanEngine, type EngineMessage, type ScanJob, type ScanTarget } from './engine.ts';

/**
 * The scan worker thread: runs one ScanEngine so reading hundreds of megabytes never blocks the
 * main process. In: the job, the targets and their values (as UTF-8 bytes, zeroed once turned
 * into needles). Out: EngineMessages, then `failed` if something unexpected stopped it, with
 * no text from the error: an error here could quote a file, or a value.
 */
interface WorkerInput {
  job: ScanJob;
  targets: ScanTarget[];
  secrets: Uint8Array[];
}

function main(): void {
  const input = workerData as WorkerInput;
  const port = parentPort!;
  const secrets = input.secrets.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  for (const bytes of input.secrets) bytes.fill(0);
  const emit = (message: EngineMessage) => port.postMessage(message);
  new ScanEngine(input.job, input.targets, secrets, emit).run().catch(() => port.postMessage({ type: 'failed' }));
}

try {
  main();
} catch {
  parentPort!.postMessage({ type: 'failed' });
}
