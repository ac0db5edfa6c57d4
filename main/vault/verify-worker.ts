import Database from 'better-sqlite3-multiple-ciphers';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey, isDamageError, quickCheck } from './integrity.ts';
import type { Verdict } from './verify.ts';

/**
 * The worker of verify.ts: PRAGMA quick_check over the whole vault on a read-only connection.
 * Posts { verdict }: 'damaged' when the check fails or SQLite reports corruption (a page that
 * fails its HMAC throws SQLITE_CORRUPT or NOTADB); any other failure (busy, out of memory) is
 * 'unchecked', never damage: a damaged verdict locks the vault until the file changes.
 */
const input = workerData as { dbPath: string; dataKey: Uint8Array };
lowerThisThreadsPriority();
const key = Buffer.from(input.dataKey);
input.dataKey.fill(0);
function check(): Verdict {
  try {
    const db = new Database(input.dbPath, { readonly: true, fileMustExist: true });
    try {
      applyKey(db, key);
      return quickCheck(db, null) ? 'ok' : 'damaged';
    } finally {
      db.close();
    }
  } catch (error) {
    return isDamageError(error) ? 'damaged' : 'unchecked';
  } finally {
    key.fill(0);
  }
}

parentPort!.postMessage({ verdict: check() });

/**
 * The check reads the whole file at the lowest CPU priority, so it takes what the window and the
 * services leave over instead of half of a two-core machine. Only on Linux, where the nice value
 * belongs to the calling thread (this worker) rather than to the process: on macOS and Windows
 * the same call would slow the whole app, so there the check runs at normal priority.
 */
function lowerThisThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(19);
  } catch {
    // Not allowed here (a sandbox, a seccomp filter): the check runs at normal priority.
  }
}
