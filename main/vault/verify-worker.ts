import Database from 'better-sqlite3-multiple-ciphers';
import { parentPort, workerData } from 'node:worker_threads';
import { applyKey, quickCheck } from './integrity.ts';

/**
 * The worker of verify.ts: PRAGMA quick_check over the whole vault on a read-only connection.
 * Posts { ok }. Any failure to read (a page that fails its HMAC throws) is a damaged vault.
 */
const input = workerData as { dbPath: string; dataKey: Uint8Array };
const key = Buffer.from(input.dataKey);
input.dataKey.fill(0);
function check(): boolean {
  try {
    const db = new Database(input.dbPath, { readonly: true, fileMustExist: true });
    try {
      applyKey(db, key);
      return quickCheck(db, null);
    } finally {
      db.close();
    }
  } catch {
    return false;
  } finally {
    key.fill(0);
  }
}

parentPort!.postMessage({ ok: check() });
