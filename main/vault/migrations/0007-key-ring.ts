import type { Migration } from './index.ts';

/**
 * The keys a vault keeps inside itself once its master password has been changed (see
 * vault/key-ring.ts). A password change gives the database a new data key (SQLCipher rekey), so
 * the old password no longer opens it; the table then holds:
 * - 'secret-box': the key the second-layer encryption of secret values derives from. It is the
 *   vault's first data key and never changes, so secrets need not be re-sealed (absent: the data
 *   key itself, as in every vault before its first change);
 * - 'former-data-key': each data key the vault had before, so a backup taken under one can still
 *   be restored (it is opened with it and brought to the current key).
 * Readable only under the current data key, like everything in the database.
 */
export const keyRing: Migration = {
  version: 7,
  name: 'key-ring',
  up(db) {
    db.exec(`
      CREATE TABLE key_ring (
        id         INTEGER PRIMARY KEY,
        role       TEXT NOT NULL CHECK (role IN ('secret-box', 'former-data-key')),
        key        BLOB NOT NULL CHECK (length(key) = 32),
        added_at   TEXT NOT NULL,
        UNIQUE (role, key)
      );
    `);
  },
};
