import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { damaged } from './header.ts';
import { applyKey, quickCheck } from './integrity.ts';

export { applyKey, quickCheck };

export type Db = Database.Database;

const PLAIN_SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens `vault.db` encrypted whole with SQLCipher (v4 format) under the 256-bit data key.
 * The key is given raw (`x'…'`), so SQLCipher's own PBKDF2 is skipped: the data key is random,
 * the password work already happened in Argon2. JS strings cannot be wiped, so the hex form
 * lives only as long as this call.
 */
export function openEncrypted(path: string, dataKey: Buffer, mode: 'create' | 'open' | 'secondary', check: IntegrityCheck = 'whole-file'): Db {
  if (mode !== 'create' && !existsSync(path)) throw damaged('vault.db is missing');

  let db: Db;
  try {
    db = new Database(path, { fileMustExist: mode !== 'create' });
  } catch {
    throw damaged('vault.db cannot be opened');
  }
  try {
    applyKey(db, dataKey);
    // 'secondary': another connection to a vault this process has just opened and checked.
    if (mode === 'open') {
      checkFileSize(path, db);
      if (!quickCheck(db, check === 'whole-file' ? null : FIRST_SCREEN_TABLES)) throw new Error('quick_check failed');
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    // Sorts and temp indexes stay in memory: temp files are a place plaintext could reach the disk.
    db.pragma('temp_store = MEMORY');
  } catch (error) {
    db.close();
    if (error instanceof Error && error.name === 'KeywardError') throw error;
    throw damaged('vault.db does not match its header or is corrupted');
  }
  return db;
}

/**
 * How much an open checks before it returns. 'whole-file': PRAGMA quick_check over every page
 * (about 9 s for a vault with a million usage records on our 2-core machine). 'first-screen':
 * only the tables the unlocked window reads at once; the caller checks the whole file in the
 * background (vault/verify.ts). Either way SQLCipher checks each page's HMAC whenever it reads the
 * page, so a damaged page is an error, never data; what the whole-file check adds is finding
 * damage in pages no query has read yet, and B-tree damage within pages that are authentic.
 */
export type IntegrityCheck = 'whole-file' | 'first-screen';

/** What the unlocked window reads before anything else: the keys, the settings, the vault's identity, the audit log it appends to. */
export const FIRST_SCREEN_TABLES = ['vault_meta', 'settings', 'keys', 'audit_log'] as const;

/** After the first write of a new vault: the bytes on disk must not be a plain SQLite file. */
export function assertEncryptedOnDisk(path: string): void {
  const head = Buffer.alloc(PLAIN_SQLITE_MAGIC.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.equals(PLAIN_SQLITE_MAGIC)) throw new Error('vault.db was written without encryption');
}

/**
 * SQLite trusts the page count in its header and ignores bytes past it, and a file cut short
 * may still answer the first queries: compare the file's size with what the database says.
 * Done inside a read transaction: while it is open, another process (the app, the CLI) cannot
 * checkpoint new pages into the file, so the two numbers describe the same moment. Skipped
 * while a WAL holds frames, since the main file may then legitimately lag behind it.
 */
function checkFileSize(path: string, db: Db): void {
  db.transaction(() => {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    if (existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0) return;
    if (statSync(path).size !== pageSize * pageCount) throw new Error('size mismatch');
  }).deferred();
}

/** SQLite reports tampering and corruption under a few codes; all of them mean "damaged", never "retry". */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * Runs `work` as one write transaction, taking the write lock up front (BEGIN IMMEDIATE).
 * With the app and the CLI on one vault, a deferred transaction that reads first could fail
 * with SQLITE_BUSY when it tries to write; an immediate one waits (busy_timeout) instead.
 * Every write in Keyward goes through here.
 */
export function inWriteTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}
