import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';
import { everything } from './rows.ts';

describe('migration 9: audit phrases', () => {
  it('keeps every audit entry of a version-8 vault with its detail and no phrase, and every other row', () => {
    const db = new Database(':memory:');
    migrate(db, 8);
    const insert = db.prepare('INSERT INTO audit_log (at, action, source, key_id, key_label, detail) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('2026-11-01T00:00:00.000Z', 'key.edited', 'app', 'key-a', 'Chatbot prod', 'label, notes');
    insert.run('2026-11-02T00:00:00.000Z', 'vault.unlocked', 'cli', null, null, '');
    const before = everything(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(9);
    const after = everything(db);
    expect(after.audit_log).toEqual((before.audit_log as object[]).map((row) => ({ ...row, detail_phrase: null })));
    for (const [table, rows] of Object.entries(before)) if (table !== 'audit_log') expect(after[table], table).toEqual(rows);
    db.close();
  });
});
