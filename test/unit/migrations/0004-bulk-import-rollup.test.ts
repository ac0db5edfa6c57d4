import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';

/** A version-3 database holding a manual record and an imported one, each already in the daily rollup. */
function version3WithUsage() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 3);
  db.prepare(
    "INSERT INTO usage_imports (id, at, file_name, format, digest, rows, added, duplicates, skipped) VALUES ('imp-1', 't', 'cost.csv', 'openai-cost', 'd', 1, 1, 0, 0)",
  ).run();
  addRecord(db, { identity: 'manual-1', importId: null, cost: 1_000 });
  addRecord(db, { identity: 'import-1', importId: 'imp-1', cost: 2_000 });
  return db;
}

function addRecord(db: Database.Database, values: { identity: string; importId: string | null; cost: number }) {
  db.prepare(
    `INSERT INTO usage_records (identity, day, provider, model, model_raw, input_tokens, output_tokens, requests, cost_micros, cost_basis, created_at, import_id)
     VALUES (?, '2026-11-01', 'openai', 'gpt-4o', 'gpt-4o', 100, 10, 1, ?, 'computed', 't', ?)`,
  ).run(Buffer.from(values.identity), values.cost, values.importId);
}

const rollup = (db: Database.Database) => db.prepare('SELECT day, model, records, cost_micros FROM usage_daily').all();
const everything = (db: Database.Database) => ({
  records: db.prepare('SELECT * FROM usage_records ORDER BY id').all(),
  imports: db.prepare('SELECT * FROM usage_imports').all(),
  daily: rollup(db),
});

describe('migration 4: imports keep the daily rollup themselves', () => {
  it('keeps every record and the rollup as they were', () => {
    const db = version3WithUsage();
    const before = everything(db);
    expect(before.daily).toEqual([{ day: '2026-11-01', model: 'gpt-4o', records: 2, cost_micros: 3_000 }]);
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(everything(db)).toEqual(before);
  });

  it('still rolls up a manual entry row by row, but leaves an imported row to the importer', () => {
    const db = version3WithUsage();
    migrate(db, 4);
    addRecord(db, { identity: 'manual-2', importId: null, cost: 500 });
    expect(rollup(db)).toEqual([{ day: '2026-11-01', model: 'gpt-4o', records: 3, cost_micros: 3_500 }]);
    addRecord(db, { identity: 'import-2', importId: 'imp-1', cost: 700 });
    expect(rollup(db)).toEqual([{ day: '2026-11-01', model: 'gpt-4o', records: 3, cost_micros: 3_500 }]);
  });

  it('still takes a deleted import out of the rollup', () => {
    const db = version3WithUsage();
    migrate(db, 4);
    db.prepare("DELETE FROM usage_imports WHERE id = 'imp-1'").run();
    expect(rollup(db)).toEqual([{ day: '2026-11-01', model: 'gpt-4o', records: 1, cost_micros: 1_000 }]);
  });
});
