import { defineMessages } from '@formatjs/intl';
import type { AuditSource } from '../../contract/audit.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { TRASH_DAYS, type TrashedKey } from '../../contract/trash.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Phrase } from '../../i18n/phrase.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { inWriteTransaction, type Db } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import type { KeyRow } from './rows.ts';
import { SUMMARY_COLUMNS, toSummary } from './service.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';

const errors = defineMessages({
  noSuchKey: { id: 'trash.error.noSuchKey', defaultMessage: 'No key with that id, in the vault or in the trash.' },
  notInTrash: { id: 'trash.error.notInTrash', defaultMessage: '{label} is not in the trash.' },
});

const TRASH_MS = TRASH_DAYS * 24 * 60 * 60_000;

type TrashRow = Omit<KeyRow, 'secret' | 'fingerprint'> & { deleted_at: string };

/**
 * The trash: keys moved there by `KeyService.remove` (a `deleted_at` on the row, so history,
 * reminder state and usage links stay with the key). Restoring clears the mark; purging deletes
 * the row, and its history and reminder state with it (ON DELETE CASCADE), while usage records
 * stay, unlinked, as the cost tracker keeps them for any deleted key. Keys older than TRASH_DAYS
 * in the trash are purged on unlock and whenever the trash is listed.
 */
export class TrashService {
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: EventBus;

  constructor(vault: Vault, clock: Clock, events: EventBus) {
    this.#vault = vault;
    this.#clock = clock;
    this.#events = events;
  }

  list(source: AuditSource): TrashedKey[] {
    this.purgeExpired(source);
    const rows = this.#vault
      .session()
      .db.prepare(`SELECT ${SUMMARY_COLUMNS}, deleted_at FROM keys WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, label`)
      .all() as TrashRow[];
    return rows.map((row) => ({ ...toSummary(row), deletedAt: row.deleted_at, purgeAt: purgeAt(row.deleted_at) }));
  }

  restore(id: string, source: AuditSource): KeySummary {
    const { db } = this.#vault.session();
    const restored = inWriteTransaction(db, () => {
      const row = trashed(db, id);
      db.prepare('UPDATE keys SET deleted_at = NULL WHERE id = ?').run(id);
      appendAudit(db, { at: this.#clock.now().toISOString(), action: 'key.restored', source, keyId: id, keyLabel: row.label });
      return toSummary(row);
    });
    this.#events.emit('keysChanged', { ids: [id] });
    return restored;
  }

  /** Deletes forever the keys named (all of them must be in the trash), or the whole trash. */
  purge(ids: readonly string[] | undefined, source: AuditSource): { purged: string[] } {
    const { db } = this.#vault.session();
    const result = inWriteTransaction(db, () => {
      const rows = ids === undefined ? this.#all(db) : [...new Set(ids)].map((id) => trashed(db, id));
      return { purged: this.#purgeRows(db, rows, source, auditDetail.purgedByUser()) };
    });
    this.#events.emit('keysChanged', { ids: result.purged });
    return result;
  }

  /** Purges what has been in the trash for TRASH_DAYS or more; returns the ids purged. */
  purgeExpired(source: AuditSource): string[] {
    const { db } = this.#vault.session();
    const cutoff = new Date(this.#clock.now().getTime() - TRASH_MS).toISOString();
    const due = db.prepare('SELECT id FROM keys WHERE deleted_at IS NOT NULL AND deleted_at <= ? LIMIT 1').get(cutoff);
    // Reading first keeps the common case (nothing due) free of a write lock.
    if (due === undefined) return [];
    return inWriteTransaction(db, () => {
      const rows = db
        .prepare('SELECT id, label FROM keys WHERE deleted_at IS NOT NULL AND deleted_at <= ?')
        .all(cutoff) as PurgeRow[];
      return this.#purgeRows(db, rows, source, auditDetail.purgedExpired(TRASH_DAYS));
    });
  }

  #all(db: Db): PurgeRow[] {
    return db.prepare('SELECT id, label FROM keys WHERE deleted_at IS NOT NULL').all() as PurgeRow[];
  }

  #purgeRows(db: Db, rows: readonly PurgeRow[], source: AuditSource, why: Phrase): string[] {
    const at = this.#clock.now().toISOString();
    const remove = db.prepare('DELETE FROM keys WHERE id = ?');
    for (const row of rows) {
      remove.run(row.id);
      appendAudit(db, { at, action: 'key.purged', source, keyId: row.id, keyLabel: row.label, detail: why });
    }
    return rows.map((row) => row.id);
  }
}

interface PurgeRow {
  id: string;
  label: string;
}

function trashed(db: Db, id: string): TrashRow {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, deleted_at FROM keys WHERE id = ?`).get(id) as TrashRow | undefined;
  if (!row) throw phraseError('NotFound', phrase(errors.noSuchKey));
  if (row.deleted_at === null) throw phraseError('Invalid', phrase(errors.notInTrash, { label: row.label }));
  return row;
}

function purgeAt(deletedAt: string): string {
  return new Date(Date.parse(deletedAt) + TRASH_MS).toISOString();
}
