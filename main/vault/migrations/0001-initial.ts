import type { Migration } from './index.ts';

/** Keys, the audit log, settings and the vault's identity. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE vault_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE keys (
        id                TEXT PRIMARY KEY,
        label             TEXT NOT NULL,
        provider          TEXT NOT NULL,
        environment       TEXT NOT NULL CHECK (environment IN ('dev', 'staging', 'prod', 'other')),
        secret            BLOB NOT NULL,
        masked            TEXT NOT NULL,
        fingerprint       TEXT NOT NULL,
        live              INTEGER CHECK (live IN (0, 1)),
        notes             TEXT NOT NULL DEFAULT '',
        used_in           TEXT NOT NULL DEFAULT '[]',
        tags              TEXT NOT NULL DEFAULT '[]',
        favourite         INTEGER NOT NULL DEFAULT 0 CHECK (favourite IN (0, 1)),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        expires_at        TEXT,
        rotate_every_days INTEGER CHECK (rotate_every_days > 0),
        last_rotated_at   TEXT,
        last_copied_at    TEXT
      ) STRICT;
      CREATE INDEX keys_by_provider ON keys (provider);
      CREATE INDEX keys_by_fingerprint ON keys (fingerprint);

      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        action    TEXT NOT NULL,
        source    TEXT NOT NULL,
        key_id    TEXT,
        key_label TEXT,
        detail    TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX audit_log_by_at ON audit_log (at);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
