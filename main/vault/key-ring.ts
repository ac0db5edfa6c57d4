import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, rmSync } from 'node:fs';
import { applyKey } from './integrity.ts';
import type { Db } from './database.ts';

/**
 * Reading and extending the key ring (migrations/0007-key-ring.ts). Callers zero what they get.
 */

/** The root of the secret box: the stored one, or (never changed) the data key itself. */
export function secretBoxRoot(db: Db, dataKey: Buffer): Buffer {
  if (!hasKeyRing(db)) return Buffer.from(dataKey);
  const stored = db.prepare("SELECT key FROM key_ring WHERE role = 'secret-box'").pluck().get() as Buffer | undefined;
  return Buffer.from(stored ?? dataKey);
}

/** Every data key this vault had before the current one, newest first. */
export function formerDataKeys(db: Db): Buffer[] {
  if (!hasKeyRing(db)) return [];
  return db.prepare("SELECT key FROM key_ring WHERE role = 'former-data-key' ORDER BY id DESC").pluck().all() as Buffer[];
}

/**
 * Before the data key changes: pins the secret box to the key it uses now and remembers the key
 * being retired. Inside the caller's write transaction; idempotent (an interrupted change redone).
 */
export function retireDataKey(db: Db, dataKey: Buffer, boxRoot: Buffer, at: string): void {
  const insert = db.prepare('INSERT OR IGNORE INTO key_ring (role, key, added_at) VALUES (?, ?, ?)');
  if (db.prepare("SELECT 1 FROM key_ring WHERE role = 'secret-box'").get() === undefined) insert.run('secret-box', boxRoot, at);
  insert.run('former-data-key', dataKey, at);
}

/** Adds earlier data keys learnt elsewhere (a recovery from an old backup). Inside the caller's write transaction. */
export function rememberFormerKeys(db: Db, keys: Buffer[], at: string): void {
  const insert = db.prepare("INSERT OR IGNORE INTO key_ring (role, key, added_at) VALUES ('former-data-key', ?, ?)");
  for (const key of keys) insert.run(key, at);
}

/**
 * The former data keys in the key ring of a database encrypted under `dataKey` (a backup), read
 * on a read-only connection; none when the key does not open it. Companion files the read-only
 * open creates beside it are removed again, so the backup is left as it was.
 */
export function readKeyRing(path: string, dataKey: Buffer): Buffer[] {
  const companions = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    applyKey(db, dataKey);
    return formerDataKeys(db).map((key) => Buffer.from(key));
  } catch {
    return [];
  } finally {
    db?.close();
    for (const file of companions) rmSync(file, { force: true });
  }
}

function hasKeyRing(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'key_ring'").get() !== undefined;
}
