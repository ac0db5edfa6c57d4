import type { Migration } from './index.ts';

/**
 * Imports keep the daily rollup themselves, in one statement per import, instead of one trigger
 * run per record: at a million records the per-row upsert into `usage_daily` was most of the
 * import's write time, all of it spent holding the vault's write lock.
 *
 * The insert trigger now skips rows that carry an import id. The importer (costs/import-job.ts,
 * the only writer of such rows) adds them and their rollup in the same transaction. Deletes and
 * updates keep their per-row triggers (undoing an import, re-pricing, a deleted key), and manual
 * entries keep the insert trigger.
 */
export const bulkImportRollup: Migration = {
  version: 4,
  name: 'bulk-import-rollup',
  up(db) {
    db.exec(`
      DROP TRIGGER usage_records_rollup_insert;
      CREATE TRIGGER usage_records_rollup_insert AFTER INSERT ON usage_records WHEN NEW.import_id IS NULL BEGIN
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
    `);
  },
};
