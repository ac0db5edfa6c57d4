import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Keying a connection and checking a vault's pages: shared by database.ts and the integrity
 * worker (verify-worker.ts), which imports only this, so the worker thread loads the SQLite
 * driver and nothing else.
 */
type Db = Database.Database;

/** Keys a connection with the data key and checks that the cipher is really active. */
export function applyKey(db: Db, dataKey: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${dataKey.toString('hex')}'"`);
  // Signal-Desktop#5245: a build without the cipher would silently write plaintext. Refuse.
  if (db.pragma('cipher', { simple: true }) !== 'sqlcipher') throw new Error('cipher not active');
  db.prepare('SELECT count(*) FROM sqlite_master').get();
}

/** PRAGMA quick_check over the whole file, or over some tables and their indexes. A page that fails its HMAC throws. */
export function quickCheck(db: Db, tables: readonly string[] | null): boolean {
  if (!tables) return db.pragma('quick_check', { simple: true }) === 'ok';
  return tables.every((table) => db.pragma(`quick_check(${table})`, { simple: true }) === 'ok');
}

/** PRAGMA integrity_check: quick_check plus whether every index agrees with its table. Slower; used when a log is replayed. */
export function integrityCheck(db: Db): boolean {
  return db.pragma('integrity_check', { simple: true }) === 'ok';
}

/** SQLite reports tampering and corruption under a few codes; all of them mean "damaged", never "retry". */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}
