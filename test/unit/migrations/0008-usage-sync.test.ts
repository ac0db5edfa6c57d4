import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';
import { everything } from './rows.ts';

describe('migration 8: usage sync', () => {
  it('keeps every usage record of a version-7 vault, marked as not synced, and adds the empty sync tables', () => {
    const db = new Database(':memory:');
    migrate(db, 7);
    db.prepare(
      `INSERT INTO usage_records (identity, day, provider, model, model_raw, input_tokens, cost_micros, cost_basis, created_at)
       VALUES (x'00112233445566778899aabbccddeeff', '2026-11-01', 'openai', 'gpt-4o', 'gpt-4o', 10, 5, 'given', 't')`,
    ).run();
    const before = everything(db);
    migrate(db, 8);
    expect(schemaVersion(db)).toBe(8);
    const after = everything(db);
    expect(after.usage_records).toEqual(
      (before.usage_records as object[]).map((row) => ({ ...row, sync_source: null, provider_key_id: null })),
    );
    expect(after.usage_daily).toEqual(before.usage_daily);
    expect([after.usage_sync, after.usage_sync_days, after.usage_key_links]).toEqual([[], [], []]);
    expect(() => db.prepare("INSERT INTO usage_sync (provider) VALUES ('google')").run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare("INSERT INTO usage_key_links (provider, api_key_id, set_by, seen_at) VALUES ('openai', 'key_x', 'guess', 't')")
        .run(),
    ).toThrow(/CHECK/);
  });
});
