import type { Migration } from './index.ts';

/**
 * Rotation history and reminder state.
 * - `key_history`: each secret a key held before a rotation, sealed again under its own context
 *   (`<key id>/history/<seq>`), so a history blob cannot be swapped with the key's current one.
 * - `reminder_state`: which lead time of which due date has already notified, and snoozes, so a
 *   reminder fires once per threshold across restarts. A row belongs to one due date: when the
 *   date moves (an edit, a rotation) the row is replaced and the thresholds start over.
 * Both go with their key (ON DELETE CASCADE; foreign keys are on for every connection).
 */
export const lifecycle: Migration = {
  version: 3,
  name: 'lifecycle',
  up(db) {
    db.exec(`
      CREATE TABLE key_history (
        key_id      TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL CHECK (seq > 0),
        secret      BLOB NOT NULL,
        masked      TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        added_at    TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        revoke_by   TEXT,
        revoked_at  TEXT,
        PRIMARY KEY (key_id, seq)
      ) STRICT;
      CREATE INDEX key_history_by_fingerprint ON key_history (fingerprint);

      CREATE TABLE reminder_state (
        key_id        TEXT NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
        reason        TEXT NOT NULL CHECK (reason IN ('expiry', 'rotation', 'revoke')),
        history_seq   INTEGER NOT NULL DEFAULT 0,
        due_date      TEXT NOT NULL,
        notified_lead INTEGER,
        snoozed_until TEXT,
        PRIMARY KEY (key_id, reason, history_seq)
      ) STRICT;
    `);
  },
};
