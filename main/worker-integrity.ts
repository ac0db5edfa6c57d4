import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The worker scripts (imports, the integrity check) receive the data key, and they run from
 * outside the asar (worker threads cannot load from inside it), where Electron's asar integrity
 * fuse does not reach. Their SHA-256 is computed at build time and compiled into the main bundle,
 * which is inside the asar and so covered by the fuse; a worker whose bytes differ is refused
 * before it is started. (Issue 18, item 10; decided here because it can only be exercised end to
 * end in a packaged build.)
 */
export type WorkerHashes = Readonly<Record<string, string>>;

export class WorkerTampered extends Error {}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `path` when its bytes hash to what the build recorded for `name`; throws otherwise (also when nothing was recorded). */
export function checkedWorkerScript(path: string, name: string, hashes: WorkerHashes): string {
  const expected = hashes[name];
  if (!expected) throw new WorkerTampered(`no recorded hash for the worker ${name}`);
  let actual: string;
  try {
    actual = sha256Of(readFileSync(path));
  } catch {
    throw new WorkerTampered(`the worker ${name} cannot be read`);
  }
  if (actual !== expected) throw new WorkerTampered(`the worker ${name} differs from the one this build shipped`);
  return path;
}
