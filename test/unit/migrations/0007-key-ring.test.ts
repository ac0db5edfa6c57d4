import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formerDataKeys, retireDataKey, secretBoxRoot } from '../../../main/vault/key-ring.ts';
import { migrate, schemaVersion } from '../../../main/vault/migrations/index.ts';

describe('migration 7: the key ring', () => {
  it('adds an empty key ring to a version-6 database; the box root stays the data key until a change', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    const dataKey = randomBytes(32);
    // Read before the migration too (an unlock reads it after upgrading, but must never fail).
    expect(secretBoxRoot(db, dataKey).equals(dataKey)).toBe(true);
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(secretBoxRoot(db, dataKey).equals(dataKey)).toBe(true);
    expect(formerDataKeys(db)).toEqual([]);
  });

  it('pins the box root at the first change and remembers each retired key, newest first, once', () => {
    const db = new Database(':memory:');
    migrate(db);
    const [first, second, third] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    retireDataKey(db, first, first, 't1');
    retireDataKey(db, first, first, 't1'); // an interrupted change redone
    retireDataKey(db, second, first, 't2');
    expect(secretBoxRoot(db, third).equals(first)).toBe(true);
    expect(formerDataKeys(db).map((k) => k.toString('hex'))).toEqual([second, first].map((k) => k.toString('hex')));
    expect(() => db.prepare("INSERT INTO key_ring (role, key, added_at) VALUES ('secret-box', x'00', 't')").run()).toThrow(
      /CHECK/,
    );
  });
});
