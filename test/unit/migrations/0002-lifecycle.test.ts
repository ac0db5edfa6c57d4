import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';

/** A database at schema 1 holding two keys, an audit entry and a setting, as the first release wrote them. */
function schema1WithData() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 1);
  const insert = db.prepare(
    `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, created_at, updated_at, expires_at, rotate_every_days)
     VALUES (?, ?, 'openai', 'prod', x'01', 'sk-proj-…FAKE', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?, ?)`,
  );
  insert.run('key-a', 'Chatbot prod', 'fp-a', '2027-03-01', 90);
  insert.run('key-b', 'Batch jobs', 'fp-b', null, null);
  db.prepare("INSERT INTO audit_log (at, action, source, key_id, key_label) VALUES ('2026-01-01T00:00:00.000Z', 'key.added', 'app', 'key-a', 'Chatbot prod')").run();
  db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')").run();
  return db;
}

describe('migration 2: lifecycle', () => {
  it('adds key history and reminder state and keeps every row it found', () => {
    const db = schema1WithData();
    const before = {
      keys: db.prepare('SELECT * FROM keys ORDER BY id').all(),
      audit: db.prepare('SELECT * FROM audit_log').all(),
      settings: db.prepare('SELECT * FROM settings').all(),
    };
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['audit_log', 'key_history', 'keys', 'reminder_state', 'settings', 'vault_meta']);
    expect(db.prepare('SELECT * FROM keys ORDER BY id').all()).toEqual(before.keys);
    expect(db.prepare('SELECT * FROM audit_log').all()).toEqual(before.audit);
    expect(db.prepare('SELECT * FROM settings').all()).toEqual(before.settings);
    db.close();
  });

  it('history and reminder rows go with their key, and only belong to keys that exist', () => {
    const db = schema1WithData();
    migrate(db, 2);
    const history = db.prepare(
      `INSERT INTO key_history (key_id, seq, secret, masked, fingerprint, added_at, replaced_at) VALUES (?, ?, x'02', 'm', 'f', 't', 't')`,
    );
    history.run('key-a', 1);
    history.run('key-a', 2);
    history.run('key-b', 1);
    const state = db.prepare(`INSERT INTO reminder_state (key_id, reason, history_seq, due_date, notified_lead) VALUES (?, ?, ?, '2027-03-01', 14)`);
    state.run('key-a', 'expiry', 0);
    state.run('key-a', 'revoke', 2);
    expect(() => history.run('no-such-key', 1)).toThrow(/FOREIGN KEY/);
    expect(() => history.run('key-a', 1)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => history.run('key-b', 0)).toThrow(/CHECK/);
    expect(() => state.run('key-b', 'birthday', 0)).toThrow(/CHECK/);

    db.prepare("DELETE FROM keys WHERE id = 'key-a'").run();
    expect(db.prepare('SELECT key_id, seq FROM key_history').all()).toEqual([{ key_id: 'key-b', seq: 1 }]);
    expect(db.prepare('SELECT count(*) FROM reminder_state').pluck().get()).toBe(0);
    db.close();
  });
});
