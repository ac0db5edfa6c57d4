import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';
import { everything } from './rows.ts';

/** A version-4 database holding a key with rotation history, reminder state and linked usage. */
function version4WithData() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 4);
  db.prepare(
    `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, created_at, updated_at)
     VALUES ('key-a', 'Chatbot prod', 'openai', 'prod', x'01', 'sk-proj-…FAKE', 'fp-a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  ).run();
  db.prepare(
    `INSERT INTO key_history (key_id, seq, secret, masked, fingerprint, added_at, replaced_at) VALUES ('key-a', 1, x'02', 'm', 'f', 't', 't')`,
  ).run();
  db.prepare(
    `INSERT INTO reminder_state (key_id, reason, history_seq, due_date, notified_lead) VALUES ('key-a', 'expiry', 0, '2027-03-01', 14)`,
  ).run();
  db.prepare(
    `INSERT INTO usage_records (identity, day, provider, key_id, model, model_raw, input_tokens, output_tokens, requests, cost_micros, cost_basis, created_at)
     VALUES (x'0102', '2026-11-01', 'openai', 'key-a', 'gpt-4o', 'gpt-4o', 100, 10, 1, 1200, 'computed', 't')`,
  ).run();
  return db;
}

describe('migration 5: trash', () => {
  it('adds deleted_at, empty for every key it found, and keeps every other value of every table', () => {
    const db = version4WithData();
    const before = everything(db);
    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    const after = everything(db);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after.keys).toEqual((before.keys as object[]).map((row) => ({ ...row, deleted_at: null })));
    for (const [table, rows] of Object.entries(before)) if (table !== 'keys') expect(after[table], table).toEqual(rows);
    db.close();
  });

  it('a trashed key keeps its history, reminders and usage; purging it takes history and reminders and unlinks usage', () => {
    const db = version4WithData();
    migrate(db, 5);
    db.prepare("UPDATE keys SET deleted_at = '2026-12-01T00:00:00.000Z' WHERE id = 'key-a'").run();
    expect(db.prepare('SELECT count(*) FROM key_history').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM reminder_state').pluck().get()).toBe(1);
    expect(db.prepare('SELECT id FROM keys WHERE deleted_at IS NOT NULL').pluck().all()).toEqual(['key-a']);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM keys WHERE deleted_at IS NOT NULL').all() as Array<{
      detail: string;
    }>;
    expect(plan.map((step) => step.detail).join(' ')).toContain('keys_in_trash');

    db.prepare("DELETE FROM keys WHERE id = 'key-a'").run();
    expect(db.prepare('SELECT count(*) FROM key_history').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM reminder_state').pluck().get()).toBe(0);
    expect(db.prepare('SELECT key_id FROM usage_records').pluck().all()).toEqual([null]);
    db.close();
  });
});
