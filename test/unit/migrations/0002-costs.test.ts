import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';

/** A version-1 database holding what the first release stored: keys, audit entries, settings. */
function version1WithData() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 1);
  db.prepare("INSERT INTO vault_meta (key, value) VALUES ('vault_id', 'v-1')").run();
  const insertKey = db.prepare(
    `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, live, notes, used_in, tags, favourite, created_at, updated_at, expires_at)
     VALUES (?, ?, ?, 'prod', x'01020304', 'sk-…wxyz', ?, 1, 'n', '["bot"]', '["t"]', 1, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2027-01-01')`,
  );
  insertKey.run('k-1', 'Support bot', 'openai', 'f-1');
  insertKey.run('k-2', 'Batch jobs', 'anthropic', 'f-2');
  db.prepare(
    "INSERT INTO audit_log (at, action, source, key_id, key_label, detail) VALUES ('2026-01-01T00:00:00Z', 'key.added', 'app', 'k-1', 'Support bot', '')",
  ).run();
  db.prepare("INSERT INTO settings (key, value) VALUES ('clipboardSeconds', '30')").run();
  return db;
}

const everything = (db: Database.Database) => ({
  meta: db.prepare('SELECT * FROM vault_meta').all(),
  keys: db.prepare('SELECT * FROM keys ORDER BY id').all(),
  audit: db.prepare('SELECT * FROM audit_log').all(),
  settings: db.prepare('SELECT * FROM settings').all(),
});

function addRecord(
  db: Database.Database,
  values: {
    identity: string;
    day: string;
    keyId?: string | null;
    hint?: string | null;
    model?: string;
    cost: number | null;
    input?: number;
  },
) {
  db.prepare(
    `INSERT INTO usage_records (identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens, requests, cost_micros, cost_basis, created_at)
     VALUES (?, ?, 'openai', ?, ?, ?, ?, ?, 10, 1, ?, ?, 't')`,
  ).run(
    Buffer.from(values.identity),
    values.day,
    values.keyId ?? null,
    values.hint ?? null,
    values.model ?? 'gpt-4o',
    values.model ?? 'gpt-4o',
    values.input ?? 100,
    values.cost,
    values.cost === null ? 'unpriced' : 'computed',
  );
}

interface RollupRow {
  day: string;
  key_ref: string;
  model: string;
  records: number;
  unpriced_records: number;
  cost_micros: number;
  input_tokens: number;
  requests: number;
}

const rollup = (db: Database.Database) =>
  db
    .prepare(
      'SELECT day, key_ref, model, records, unpriced_records, cost_micros, input_tokens, requests FROM usage_daily ORDER BY day, key_ref, model',
    )
    .all() as RollupRow[];

describe('migration 2: costs', () => {
  it('keeps every row of a version-1 vault and adds the cost tables', () => {
    const db = version1WithData();
    const before = everything(db);
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(everything(db)).toEqual(before);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'usage_records',
        'usage_daily',
        'usage_imports',
        'model_prices',
        'import_presets',
        'budgets',
        'cost_alerts_sent',
      ]),
    );
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps the daily rollup equal to the records through inserts, updates, deletes and a deleted key', () => {
    const db = version1WithData();
    migrate(db, 2);
    addRecord(db, { identity: 'a', day: '2026-11-01', keyId: 'k-1', hint: 'prod-bot', cost: 1000 });
    addRecord(db, { identity: 'b', day: '2026-11-01', keyId: 'k-1', cost: 500 });
    addRecord(db, { identity: 'c', day: '2026-11-01', hint: 'unknown-key', cost: null });
    addRecord(db, { identity: 'd', day: '2026-11-02', cost: 7 });
    expect(rollup(db)).toEqual([
      {
        day: '2026-11-01',
        key_ref: 'export:unknown-key',
        model: 'gpt-4o',
        records: 1,
        unpriced_records: 1,
        cost_micros: 0,
        input_tokens: 100,
        requests: 1,
      },
      {
        day: '2026-11-01',
        key_ref: 'k-1',
        model: 'gpt-4o',
        records: 2,
        unpriced_records: 0,
        cost_micros: 1500,
        input_tokens: 200,
        requests: 2,
      },
      {
        day: '2026-11-02',
        key_ref: '',
        model: 'gpt-4o',
        records: 1,
        unpriced_records: 0,
        cost_micros: 7,
        input_tokens: 100,
        requests: 1,
      },
    ]);
    // Pricing an unpriced record moves it from unpriced to cost.
    db.prepare("UPDATE usage_records SET cost_micros = 300, cost_basis = 'computed' WHERE identity = ?").run(Buffer.from('c'));
    expect(rollup(db)[0]).toMatchObject({ unpriced_records: 0, cost_micros: 300 });
    // Deleting a key unlinks its records: they fall back to the export's key name, or to none.
    db.prepare("DELETE FROM keys WHERE id = 'k-1'").run();
    expect(db.prepare('SELECT count(*) FROM usage_records WHERE key_id IS NOT NULL').pluck().get()).toBe(0);
    expect(rollup(db).map((r) => [r.day, r.key_ref, r.records, r.cost_micros])).toEqual([
      ['2026-11-01', '', 1, 500],
      ['2026-11-01', 'export:prod-bot', 1, 1000],
      ['2026-11-01', 'export:unknown-key', 1, 300],
      ['2026-11-02', '', 1, 7],
    ]);
    db.prepare('DELETE FROM usage_records').run();
    expect(rollup(db)).toEqual([]);
  });

  it('lets the database itself refuse what would corrupt totals', () => {
    const db = version1WithData();
    migrate(db, 2);
    const bad = (sql: string) => expect(() => db.prepare(sql).run()).toThrow(/CHECK|UNIQUE|NOT NULL/);
    bad(
      "INSERT INTO usage_records (identity, day, provider, model, model_raw, cost_micros, cost_basis, created_at) VALUES (x'01', '26-11-01', 'openai', 'm', 'm', 1, 'given', 't')",
    );
    bad(
      "INSERT INTO usage_records (identity, day, provider, model, model_raw, input_tokens, cached_tokens, cost_micros, cost_basis, created_at) VALUES (x'02', '2026-11-01', 'openai', 'm', 'm', 5, 6, 1, 'given', 't')",
    );
    bad(
      "INSERT INTO usage_records (identity, day, provider, model, model_raw, cost_micros, cost_basis, created_at) VALUES (x'03', '2026-11-01', 'openai', 'm', 'm', 0, 'unpriced', 't')",
    );
    bad("INSERT INTO budgets (id, scope, monthly_micros, created_at, updated_at) VALUES ('b', 'provider', 5, 't', 't')");
    db.prepare(
      "INSERT INTO budgets (id, scope, monthly_micros, created_at, updated_at) VALUES ('b1', 'total', 5, 't', 't')",
    ).run();
    bad("INSERT INTO budgets (id, scope, monthly_micros, created_at, updated_at) VALUES ('b2', 'total', 6, 't', 't')");
  });
});
