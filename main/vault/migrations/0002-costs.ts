import type { Migration } from './index.ts';

/**
 * The cost tracker: usage records, the imports that brought them, the vault's own prices,
 * budgets and the alert state that makes each alert fire once.
 *
 * `usage_daily` is a rollup kept by triggers — one row per day, provider, key and model — so the
 * views (month by model, 90-day series) read thousands of rows, not the millions of per-request
 * records an OpenRouter export can hold. Triggers, not service code, keep it right, whichever path
 * writes: inserts, deletes, re-pricing, and a deleted key's records becoming unlinked.
 */
export const costs: Migration = {
  version: 2,
  name: 'costs',
  up(db) {
    db.exec(`
      CREATE TABLE usage_imports (
        id          TEXT PRIMARY KEY,
        at          TEXT NOT NULL,
        file_name   TEXT NOT NULL,
        format      TEXT NOT NULL,
        digest      TEXT NOT NULL,
        rows        INTEGER NOT NULL,
        added       INTEGER NOT NULL,
        duplicates  INTEGER NOT NULL,
        skipped     INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE usage_records (
        id                 INTEGER PRIMARY KEY,
        -- 128 bits of SHA-256 over the source format and the row's identifying fields (random for
        -- manual entries): what makes a re-import of the same rows add nothing.
        identity           BLOB NOT NULL UNIQUE,
        day                TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        provider           TEXT NOT NULL,
        key_id             TEXT REFERENCES keys (id) ON DELETE SET NULL,
        key_hint           TEXT,
        model              TEXT NOT NULL,
        model_raw          TEXT NOT NULL,
        input_tokens       INTEGER NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
        output_tokens      INTEGER NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
        cached_tokens      INTEGER NOT NULL DEFAULT 0 CHECK (cached_tokens >= 0),
        cache_write_tokens INTEGER NOT NULL DEFAULT 0 CHECK (cache_write_tokens >= 0),
        requests           INTEGER NOT NULL DEFAULT 0 CHECK (requests >= 0),
        cost_micros        INTEGER,
        currency           TEXT NOT NULL DEFAULT 'USD',
        cost_basis         TEXT NOT NULL CHECK (cost_basis IN ('given', 'computed', 'unpriced')),
        prices_used        TEXT,
        import_id          TEXT REFERENCES usage_imports (id) ON DELETE CASCADE,
        import_format      TEXT,
        note               TEXT NOT NULL DEFAULT '',
        created_at         TEXT NOT NULL,
        CHECK (cached_tokens + cache_write_tokens <= input_tokens),
        CHECK ((cost_basis = 'unpriced') = (cost_micros IS NULL))
      ) STRICT;
      CREATE INDEX usage_records_by_day ON usage_records (day, provider);
      CREATE INDEX usage_records_by_key ON usage_records (key_id) WHERE key_id IS NOT NULL;
      CREATE INDEX usage_records_by_import ON usage_records (import_id) WHERE import_id IS NOT NULL;

      CREATE TABLE usage_daily (
        day                TEXT NOT NULL,
        provider           TEXT NOT NULL,
        -- A key id, 'export:<name>' for an export's key that matches no vault key, or '' for none.
        key_ref            TEXT NOT NULL,
        model              TEXT NOT NULL,
        records            INTEGER NOT NULL,
        unpriced_records   INTEGER NOT NULL,
        cost_micros        INTEGER NOT NULL,
        input_tokens       INTEGER NOT NULL,
        output_tokens      INTEGER NOT NULL,
        cached_tokens      INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL,
        requests           INTEGER NOT NULL,
        PRIMARY KEY (day, provider, key_ref, model)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX usage_daily_by_key ON usage_daily (key_ref, day);

      CREATE TRIGGER usage_records_rollup_insert AFTER INSERT ON usage_records BEGIN
        INSERT INTO usage_daily VALUES (
          NEW.day, NEW.provider,
          coalesce(NEW.key_id, CASE WHEN NEW.key_hint IS NULL THEN '' ELSE 'export:' || NEW.key_hint END),
          NEW.model, 1, NEW.cost_micros IS NULL, coalesce(NEW.cost_micros, 0),
          NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.requests)
        ON CONFLICT (day, provider, key_ref, model) DO UPDATE SET
          records = records + 1,
          unpriced_records = unpriced_records + excluded.unpriced_records,
          cost_micros = cost_micros + excluded.cost_micros,
          input_tokens = input_tokens + excluded.input_tokens,
          output_tokens = output_tokens + excluded.output_tokens,
          cached_tokens = cached_tokens + excluded.cached_tokens,
          cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
          requests = requests + excluded.requests;
      END;

      CREATE TRIGGER usage_records_rollup_delete AFTER DELETE ON usage_records BEGIN
        UPDATE usage_daily SET
          records = records - 1,
          unpriced_records = unpriced_records - (OLD.cost_micros IS NULL),
          cost_micros = cost_micros - coalesce(OLD.cost_micros, 0),
          input_tokens = input_tokens - OLD.input_tokens,
          output_tokens = output_tokens - OLD.output_tokens,
          cached_tokens = cached_tokens - OLD.cached_tokens,
          cache_write_tokens = cache_write_tokens - OLD.cache_write_tokens,
          requests = requests - OLD.requests
        WHERE day = OLD.day AND provider = OLD.provider AND model = OLD.model
          AND key_ref = coalesce(OLD.key_id, CASE WHEN OLD.key_hint IS NULL THEN '' ELSE 'export:' || OLD.key_hint END);
        DELETE FROM usage_daily
        WHERE records = 0 AND day = OLD.day AND provider = OLD.provider AND model = OLD.model
          AND key_ref = coalesce(OLD.key_id, CASE WHEN OLD.key_hint IS NULL THEN '' ELSE 'export:' || OLD.key_hint END);
      END;

      -- An update is a delete of the old row's share and an insert of the new one's.
      CREATE TRIGGER usage_records_rollup_update AFTER UPDATE ON usage_records BEGIN
        UPDATE usage_daily SET
          records = records - 1,
          unpriced_records = unpriced_records - (OLD.cost_micros IS NULL),
          cost_micros = cost_micros - coalesce(OLD.cost_micros, 0),
          input_tokens = input_tokens - OLD.input_tokens,
          output_tokens = output_tokens - OLD.output_tokens,
          cached_tokens = cached_tokens - OLD.cached_tokens,
          cache_write_tokens = cache_write_tokens - OLD.cache_write_tokens,
          requests = requests - OLD.requests
        WHERE day = OLD.day AND provider = OLD.provider AND model = OLD.model
          AND key_ref = coalesce(OLD.key_id, CASE WHEN OLD.key_hint IS NULL THEN '' ELSE 'export:' || OLD.key_hint END);
        DELETE FROM usage_daily
        WHERE records = 0 AND day = OLD.day AND provider = OLD.provider AND model = OLD.model
          AND key_ref = coalesce(OLD.key_id, CASE WHEN OLD.key_hint IS NULL THEN '' ELSE 'export:' || OLD.key_hint END);
        INSERT INTO usage_daily VALUES (
          NEW.day, NEW.provider,
          coalesce(NEW.key_id, CASE WHEN NEW.key_hint IS NULL THEN '' ELSE 'export:' || NEW.key_hint END),
          NEW.model, 1, NEW.cost_micros IS NULL, coalesce(NEW.cost_micros, 0),
          NEW.input_tokens, NEW.output_tokens, NEW.cached_tokens, NEW.cache_write_tokens, NEW.requests)
        ON CONFLICT (day, provider, key_ref, model) DO UPDATE SET
          records = records + 1,
          unpriced_records = unpriced_records + excluded.unpriced_records,
          cost_micros = cost_micros + excluded.cost_micros,
          input_tokens = input_tokens + excluded.input_tokens,
          output_tokens = output_tokens + excluded.output_tokens,
          cached_tokens = cached_tokens + excluded.cached_tokens,
          cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
          requests = requests + excluded.requests;
      END;

      CREATE TABLE model_prices (
        model          TEXT PRIMARY KEY,
        provider       TEXT NOT NULL,
        name           TEXT NOT NULL,
        input          INTEGER NOT NULL CHECK (input >= 0),
        output         INTEGER NOT NULL CHECK (output >= 0),
        cached_input   INTEGER CHECK (cached_input >= 0),
        cache_write    INTEGER CHECK (cache_write >= 0),
        cache_write_1h INTEGER CHECK (cache_write_1h >= 0),
        per_request    INTEGER CHECK (per_request >= 0),
        updated_at     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE import_presets (
        name       TEXT PRIMARY KEY,
        mapping    TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE budgets (
        id             TEXT PRIMARY KEY,
        scope          TEXT NOT NULL CHECK (scope IN ('total', 'provider', 'key')),
        provider       TEXT,
        key_id         TEXT REFERENCES keys (id) ON DELETE CASCADE,
        monthly_micros INTEGER NOT NULL CHECK (monthly_micros > 0),
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        CHECK ((scope = 'provider') = (provider IS NOT NULL)),
        CHECK ((scope = 'key') = (key_id IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX budgets_one_per_scope ON budgets (scope, coalesce(provider, ''), coalesce(key_id, ''));

      -- One row per alert sent: a threshold in a month, or a spike day. Never sent twice.
      CREATE TABLE cost_alerts_sent (
        kind       TEXT NOT NULL CHECK (kind IN ('budget', 'spike')),
        subject    TEXT NOT NULL,
        period     TEXT NOT NULL,
        threshold  INTEGER NOT NULL,
        sent_at    TEXT NOT NULL,
        PRIMARY KEY (kind, subject, period, threshold)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
