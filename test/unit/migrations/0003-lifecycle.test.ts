import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';
import { everything } from './rows.ts';

/**
 * A database at schema 2 (the cost tracker's) holding data: two keys, an audit entry, a setting
 * and a usage record linked to a key.
 */
function version2WithData() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 2);
  const insert = db.prepare(
    `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, created_at, updated_at, expires_at, rotate_every_days)
     VALUES (?, ?, 'openai', 'prod', x'01', 'sk-proj-…FAKE', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, ?)`,
  );
  insert.run('key-a', 'Chatbot prod', 'fp-a', '2027-03-01', 90);
  insert.run('key-b', 'Batch jobs', 'fp-b', null, null);
  db.prepare(
    "INSERT INTO audit_log (at, action, source, key_id, key_label) VALUES ('2026-01-01T00:00:00.000Z', 'key.added', 'app', 'key-a', 'Chatbot prod')",
  ).run();
  db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
  db.prepare(
    `INSERT INTO usage_records (identity, day, provider, key_id, model, model_raw, input_tokens, output_tokens, requests, cost_micros, cost_basis, created_at)
     VALUES (x'0102', '2026-11-01', 'openai', 'key-a', 'gpt-4o', 'gpt-4o', 100, 10, 1, 1200, 'computed', 't')`,
  ).run();
  return db;
}

/** Every row of every table, by table. */

describe('migration 3: lifecycle', () => {
  it('adds key history and reminder state and keeps every row of every table it found', () => {
    const db = version2WithData();
    const before = everything(db);
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    const after = everything(db);
    expect(
      Object.keys(after)
        .filter((table) => !(table in before))
        .sort(),
    ).toEqual(['key_history', 'reminder_state']);
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows);
    expect(after.key_history).toEqual([]);
    db.close();
  });

  it('history and reminder rows go with their key, and only belong to keys that exist', () => {
    const db = version2WithData();
    migrate(db, 3);
    const history = db.prepare(
      `INSERT INTO key_history (key_id, seq, secret, masked, fingerprint, added_at, replaced_at) VALUES (?, ?, x'02', 'm', 'f', 't', 't')`,
    );
    history.run('key-a', 1);
    history.run('key-a', 2);
    history.run('key-b', 1);
    const state = db.prepare(
      `INSERT INTO reminder_state (key_id, reason, history_seq, due_date, notified_lead) VALUES (?, ?, ?, '2027-03-01', 14)`,
    );
    state.run('key-a', 'expiry', 0);
    state.run('key-a', 'revoke', 2);
    expect(() => history.run('no-such-key', 1)).toThrow(/FOREIGN KEY/);
    expect(() => history.run('key-a', 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => history.run('key-b', 0)).toThrow(/CHECK/);
    expect(() => state.run('key-b', 'birthday', 0)).toThrow(/CHECK/);

    db.prepare("DELETE FROM keys WHERE id = 'key-a'").run();
    expect(db.prepare('SELECT key_id, seq FROM key_history').all()).toEqual([{ key_id: 'key-b', seq: 1 }]);
    expect(db.prepare('SELECT count(*) FROM reminder_state').pluck().get()).toBe(0);
    // The cost tracker's own rule still holds: usage outlives its key, unlinked.
    expect(db.prepare('SELECT key_id FROM usage_records').pluck().all()).toEqual([null]);
    db.close();
  });
});
