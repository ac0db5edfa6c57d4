import Database from 'better-sqlite3-multiple-ciphers';
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
