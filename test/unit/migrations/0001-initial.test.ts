import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, migrate, migrations, schemaVersion } from '../../../main/vault/migrations/index.ts';

describe('migrations', () => {
  it('are numbered 1..n with no gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });
});

describe('migration 1: initial', () => {
  it('creates the keys, audit, settings and meta tables on an empty database', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['audit_log', 'keys', 'settings', 'vault_meta']);
    // Constraints that protect data: environment and flags are checked by the database itself.
    const insert = db.prepare(
      `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, created_at, updated_at)
       VALUES (?, 'l', 'openai', ?, x'00', 'm', 'f', 't', 't')`,
    );
    insert.run('a', 'prod');
    expect(() => insert.run('b', 'production')).toThrow(/CHECK/);
    db.close();
  });

  it('is applied once: migrating again changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});
