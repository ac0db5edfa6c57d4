import type { Migration } from './index.ts';

/**
 * Usage sync: costs pulled from the providers' own usage APIs (main/costs/sync).
 * - `usage_sync`: one row per provider: the admin key the user picked in "Connect usage" (a key
 *   in this vault; the link goes when the key is purged), the cursor (the first day the next
 *   sync fetches again: the oldest day that was not closed yet), and the last run's outcome.
 * - `usage_sync_days`: every provider day a sync wrote, with the provider's own billed total
 *   for it (the cost endpoints), shown beside the records' total; a day an import takes over
 *   leaves this table.
 * - `usage_key_links`: the provider's API key ids (as its admin API lists them: name and
 *   redacted value, never a secret) and the vault key each one is attributed to, matched
 *   automatically or set by the user (`set_by = 'user'`, which matching never overwrites).
 * - `usage_records.sync_source` / `provider_key_id`: which provider's sync wrote a record and
 *   the provider's id of the key it was spent with, so a corrected attribution relinks the
 *   records (the rollup follows through the update trigger). Synced rows carry no import id, so
 *   the per-row insert trigger keeps their rollup.
 */
export const usageSync: Migration = {
  version: 8,
  name: 'usage-sync',
  up(db) {
    db.exec(`
      CREATE TABLE usage_sync (
        provider      TEXT PRIMARY KEY CHECK (provider IN ('openai', 'anthropic', 'openrouter')),
        admin_key_id  TEXT REFERENCES keys (id) ON DELETE SET NULL,
        cursor_day    TEXT CHECK (cursor_day IS NULL OR cursor_day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        last_sync_at  TEXT,
        last_success_at TEXT,
        last_outcome  TEXT
      ) STRICT;

      CREATE TABLE usage_sync_days (
        provider      TEXT NOT NULL,
        day           TEXT NOT NULL,
        billed_micros INTEGER,
        synced_at     TEXT NOT NULL,
        PRIMARY KEY (provider, day)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE usage_key_links (
        provider      TEXT NOT NULL,
        api_key_id    TEXT NOT NULL,
        name          TEXT NOT NULL DEFAULT '',
        hint          TEXT NOT NULL DEFAULT '',
        key_id        TEXT REFERENCES keys (id) ON DELETE SET NULL,
        set_by        TEXT NOT NULL CHECK (set_by IN ('match', 'user')),
        matched_on    TEXT NOT NULL DEFAULT '' CHECK (matched_on IN ('', 'redacted-value', 'name', 'user')),
        seen_at       TEXT NOT NULL,
        PRIMARY KEY (provider, api_key_id)
      ) STRICT;

      ALTER TABLE usage_records ADD COLUMN sync_source TEXT;
      ALTER TABLE usage_records ADD COLUMN provider_key_id TEXT;
      CREATE INDEX usage_records_by_sync ON usage_records (provider, day) WHERE sync_source IS NOT NULL;
    `);
  },
};
