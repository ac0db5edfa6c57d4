import type { Migration } from './index.ts';

/**
 * The live check's last answer per key: the verdict, the HTTP status (null when none came), when,
 * and what the provider told besides (scopes, expiry, limits) as JSON. Never the secret. One row
 * per key, replaced by the next check; it goes with its key (ON DELETE CASCADE) when the key is
 * purged, and stays while the key is in the trash.
 */
export const keyChecks: Migration = {
  version: 6,
  name: 'key-checks',
  up(db) {
    db.exec(`
      CREATE TABLE key_checks (
        key_id     TEXT PRIMARY KEY REFERENCES keys (id) ON DELETE CASCADE,
        checked_at TEXT NOT NULL,
        verdict    TEXT NOT NULL CHECK (verdict IN ('valid', 'invalid', 'no-credit', 'not-enabled', 'unreachable')),
        status     INTEGER,
        details    TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
    `);
  },
};
