import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { damaged } from './header.ts';
import { applyKey, integrityCheck, isDamageError, quickCheck } from './integrity.ts';

export { applyKey, isDamageError, quickCheck };

export type Db = Database.Database;

const PLAIN_SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens `vault.db` encrypted whole with SQLCipher (v4 format) under the 256-bit data key.
 * The key is given raw (`x'…'`), so SQLCipher's own PBKDF2 is skipped: the data key is random,
 * the password work already happened in Argon2. JS strings cannot be wiped, so the hex form
 * lives only as long as this call.
 *
 * An existing file is checked first on a read-only connection (see `verifyReadOnly`); `verify`
 * adds the caller's own checks (which vault, which schema) to that pass.
 */
export function openEncrypted(
  path: string,
  dataKey: Buffer,
  mode: 'create' | 'open' | 'secondary',
  options: { verify?: (db: Db) => void; check?: IntegrityCheck } = {},
): Db {
  if (mode === 'open') verifyReadOnly(path, dataKey, options.check ?? 'whole-file', options.verify);
  // 'secondary': another connection to a vault this process has just opened and checked.
  if (mode === 'secondary' && !existsSync(path)) throw damaged('dbMissing');

  let db: Db;
  try {
    db = new Database(path, { fileMustExist: mode !== 'create' });
  } catch {
    throw damaged('dbUnopenable');
  }
  try {
    applyKey(db, dataKey);
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
    throw damaged('corrupted');
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

/**
 * Every check an open makes, done on a read-only connection before the real one opens. SQLite
 * checkpoints a leftover write-ahead log into the database when the last read-write connection
 * closes, even one that has just failed its checks: closing it would write into a damaged file
 * and consume the log (found by the reliability suite). A read-only connection never writes the
 * database or the log. It does create an empty log and the shared-memory index where they are
 * missing; when the vault is refused, the ones it created are removed again (they were missing,
 * so no other process had the vault open), and the directory is left exactly as it was.
 */
function verifyReadOnly(path: string, dataKey: Buffer, check: IntegrityCheck, verify: ((db: Db) => void) | undefined): void {
  if (!existsSync(path)) throw damaged('dbMissing');
  // An empty file opens as an empty database under any key; a vault's never is (creation
  // checkpoints its first pages before the header that makes it a vault is written).
  if (statSync(path).size === 0) throw damaged('dbEmpty');
  const companions = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  let db: Db | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    applyKey(db, dataKey);
    checkFileSize(path, db);
    if (logHoldsFrames(path)) {
      // A log left beside the database (a crash, another process, or a log copied earlier and put
      // back) is replayed over it. A log that belongs to an earlier state overlays old pages on
      // newer ones: each page is authentic, so quick_check passes, but the B-trees no longer
      // agree with each other (a table and its indexes). integrity_check compares them; see
      // docs/reliability.md, §2, for what it still cannot see.
      if (!integrityCheck(db)) throw new Error('integrity_check failed');
    } else if (!quickCheck(db, check === 'whole-file' ? null : FIRST_SCREEN_TABLES)) throw new Error('quick_check failed');
    verify?.(db);
    db.close();
  } catch (error) {
    db?.close();
    for (const file of companions) rmSync(file, { force: true });
    if (error instanceof Error && error.name === 'KeywardError') throw error;
    throw damaged('corrupted');
  }
}

function logHoldsFrames(path: string): boolean {
  return existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0;
}

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
 * checkpoint pages past this snapshot into the file, so the two numbers describe the same moment.
 * While a write-ahead log holds frames the file may legitimately lag behind the database (pages
 * not yet checkpointed) but never run past it: Keyward never shrinks a database in place (no
 * VACUUM, no auto-vacuum), so bytes past the end are an extension by someone else.
 */
function checkFileSize(path: string, db: Db): void {
  db.transaction(() => {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const logHasFrames = logHoldsFrames(path);
    const size = statSync(path).size;
    if (logHasFrames ? size > pageSize * pageCount : size !== pageSize * pageCount) throw new Error('size mismatch');
  }).deferred();
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
