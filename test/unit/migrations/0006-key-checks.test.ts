import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';
import { everything } from './rows.ts';

function version5WithKey() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, 5);
  db.prepare(
    `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, created_at, updated_at)
     VALUES ('key-a', 'Chatbot prod', 'openai', 'prod', x'01', 'sk-proj-…FAKE', 'fp-a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  ).run();
  return db;
}

describe('migration 6: key checks', () => {
  it('adds an empty key_checks table and keeps every other value of every table', () => {
    const db = version5WithKey();
    const before = everything(db);
    migrate(db, 6);
    expect(schemaVersion(db)).toBe(6);
    const after = everything(db);
    expect(after.key_checks).toEqual([]);
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows);
    db.close();
  });

  it('holds one check per key, only known verdicts, and goes with its key when the key is purged', () => {
    const db = version5WithKey();
    migrate(db, 6);
    const insert = db.prepare("INSERT INTO key_checks (key_id, checked_at, verdict, status) VALUES ('key-a', ?, ?, ?)");
    insert.run('2026-11-01T00:00:00.000Z', 'valid', 200);
    expect(() => insert.run('2026-11-02T00:00:00.000Z', 'valid', 200)).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO key_checks (key_id, checked_at, verdict) VALUES ('key-a', 't', 'maybe')").run()).toThrow(
      /CHECK/,
    );
    expect(() =>
      db.prepare("INSERT INTO key_checks (key_id, checked_at, verdict) VALUES ('no-such-key', 't', 'valid')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("UPDATE keys SET deleted_at = '2026-12-01T00:00:00.000Z'").run();
    expect(db.prepare('SELECT count(*) FROM key_checks').pluck().get()).toBe(1);
    db.prepare("DELETE FROM keys WHERE id = 'key-a'").run();
    expect(db.prepare('SELECT count(*) FROM key_checks').pluck().get()).toBe(0);
    db.close();
  });
});
