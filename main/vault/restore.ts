import { defineMessages } from '@formatjs/intl';
import type { BackupInfo } from '../../contract/backups.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { inWriteTransaction, type Db } from './database.ts';

const errors = defineMessages({
  tablesDiffer: {
    id: 'vault.error.backupTablesDiffer',
    defaultMessage: 'The backup’s tables do not match this vault’s; nothing was changed.',
  },
  notExact: {
    id: 'vault.error.restoreNotExact',
    defaultMessage: 'The backup could not be put back exactly; nothing was changed.',
  },
});

const ATTACHED = 'restoring';
/**
 * The audit log is the vault's history, not its data: a restore keeps it whole (it already holds
 * every entry the backup has, and everything since) and adds the restore to it. The key ring
 * likewise belongs to the vault as it is now (its current and former data keys), not to the backup.
 */
const KEPT_THROUGH_RESTORE = new Set(['audit_log', 'key_ring']);

/**
 * Puts the contents of `source` (an encrypted database of the same vault and schema) in place of
 * the open database's, inside ONE write transaction on the open connection.
 *
 * Why not swap the files: another process (the app while the CLI restores, or the reverse) keeps
 * its own handles on vault.db and its log; after a rename it goes on writing into the unlinked
 * old files and every write it makes is silently lost (found by the reliability suite). Inside
 * the database, every connection sees the restore as one more commit, and a crash leaves either
 * the old contents or the new.
 *
 * `saveCurrent` snapshots the current state from ANOTHER connection while this one holds the
 * write lock: nobody can commit in between, so the snapshot is exactly the state being replaced.
 * If it fails, nothing is replaced. `finish` runs inside the transaction (the audit entry).
 */
export function replaceContents(
  db: Db,
  source: string,
  dataKey: Buffer,
  saveCurrent: () => BackupInfo,
  finish: () => void,
): BackupInfo {
  db.prepare(`ATTACH DATABASE ? AS ${ATTACHED} KEY ?`).run(source, `x'${dataKey.toString('hex')}'`);
  try {
    const ours = userTables(db, 'main');
    if (ours.join('\n') !== userTables(db, ATTACHED).join('\n')) {
      throw phraseError('VaultDamaged', phrase(errors.tablesDiffer));
    }
    const tables = ours.filter((table) => !KEPT_THROUGH_RESTORE.has(table));
    return inWriteTransaction(db, () => {
      const saved = saveCurrent();
      // Checked at commit, so rows can go in table by table whatever references what.
      db.pragma('defer_foreign_keys = ON');
      for (const table of tables) db.prepare(`DELETE FROM main.${quote(table)}`).run();
      for (const table of tables) copy(db, table);
      // Triggers write to other tables while rows go in (usage_records keeps usage_daily's
      // totals), so a table copied before its trigger fired no longer equals the backup's:
      // copy such tables again until every one does, and refuse if that never settles.
      for (let pass = 0; pass < 3; pass++) {
        const differing = tables.filter((table) => !sameRows(db, table));
        if (differing.length === 0) break;
        for (const table of differing) {
          db.prepare(`DELETE FROM main.${quote(table)}`).run();
          copy(db, table);
        }
      }
      if (tables.some((table) => !sameRows(db, table))) {
        throw phraseError('Internal', phrase(errors.notExact));
      }
      finish();
      return saved;
    });
  } finally {
    db.prepare(`DETACH DATABASE ${ATTACHED}`).run();
  }
}

function columnsOf(db: Db, table: string): string {
  return (db.pragma(`main.table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => quote(c.name)).join(', ');
}

function copy(db: Db, table: string): void {
  const columns = columnsOf(db, table);
  db.prepare(`INSERT INTO main.${quote(table)} (${columns}) SELECT ${columns} FROM ${ATTACHED}.${quote(table)}`).run();
}

/** The same rows in both, counted and compared whole. */
function sameRows(db: Db, table: string): boolean {
  const columns = columnsOf(db, table);
  const ours = `SELECT ${columns} FROM main.${quote(table)}`;
  const theirs = `SELECT ${columns} FROM ${ATTACHED}.${quote(table)}`;
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM main.${quote(table)}) = (SELECT count(*) FROM ${ATTACHED}.${quote(table)})
          AND NOT EXISTS (${ours} EXCEPT ${theirs}) AND NOT EXISTS (${theirs} EXCEPT ${ours})`,
    )
    .pluck()
    .get();
  return row === 1;
}

function userTables(db: Db, schema: string): string[] {
  return db
    .prepare(
      `SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    )
    .pluck()
    .all() as string[];
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
