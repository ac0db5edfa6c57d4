import { inWriteTransaction, type Db } from '../database.ts';
import { initial } from './0001-initial.ts';
import { costs } from './0002-costs.ts';
import { lifecycle } from './0003-lifecycle.ts';
import { bulkImportRollup } from './0004-bulk-import-rollup.ts';
import { trash } from './0005-trash.ts';
import { keyChecks } from './0006-key-checks.ts';
import { keyRing } from './0007-key-ring.ts';
import { usageSync } from './0008-usage-sync.ts';
import { auditPhrases } from './0009-audit-phrases.ts';

/**
 * Schema versions, applied in order, each in its own transaction, tracked in `PRAGMA user_version`.
 * A migration is never edited once released: add the next one. Each has its own test.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const migrations: readonly Migration[] = [
  initial,
  costs,
  lifecycle,
  bulkImportRollup,
  trash,
  keyChecks,
  keyRing,
  usageSync,
  auditPhrases,
];

export const LATEST_SCHEMA_VERSION = migrations.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the database's version, up to `target` (tests stop early). */
export function migrate(db: Db, target = LATEST_SCHEMA_VERSION): void {
  for (const migration of migrations) {
    if (migration.version <= schemaVersion(db) || migration.version > target) continue;
    inWriteTransaction(db, () => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
  }
}
