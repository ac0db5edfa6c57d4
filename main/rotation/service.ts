import { defineMessages } from '@formatjs/intl';
import type { AuditSource } from '../../contract/audit.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import type { Contract } from '../../contract/index.ts';
import { isCatalogProviderId, providerDisplayName } from '../../contract/providers.ts';
import type { HistoryEntry, RotationResult } from '../../contract/rotation.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { maskSecret } from '../keys/mask.ts';
import { recognizeKey } from '../keys/recognize.ts';
import { existingKeyRow, type KeyRow } from '../keys/rows.ts';
import { addDays, localDay } from '../../contract/days.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { consoleUrlFor, type OpenExternal } from './console.ts';
import { phrase } from '../../i18n/phrase.ts';
import { fieldPhraseError, phraseError } from '../../i18n/phrase-text.ts';

const errors = defineMessages({
  sameKey: { id: 'rotation.error.sameKey', defaultMessage: 'That is the key already stored; paste the new one.' },
  earlierKey: {
    id: 'rotation.error.earlierKey',
    defaultMessage: 'That is an earlier key of this entry (#{seq}); paste the new one.',
  },
  otherProvider: {
    id: 'rotation.error.otherProvider',
    defaultMessage: 'That looks like a {found} key, not {stored}; nothing was changed.',
  },
  browserNotOpened: {
    id: 'rotation.error.browserNotOpened',
    defaultMessage: 'The browser could not be opened; visit {url} yourself.',
  },
  noHistoryEntry: { id: 'rotation.error.noHistoryEntry', defaultMessage: 'That key has no history entry #{seq}.' },
});

type RotateInput = ParsedInputOf<Contract['keys']['rotate']>;

interface HistoryRow {
  key_id: string;
  seq: number;
  secret: Buffer;
  masked: string;
  fingerprint: string;
  added_at: string;
  replaced_at: string;
  revoke_by: string | null;
  revoked_at: string | null;
}

/** A history entry's own sealing context, so its blob opens only as that entry of that key. */
export function historyContext(keyId: string, seq: number): string {
  return `${keyId}/history/${seq}`;
}

/**
 * Rotation keeps every earlier secret: the old value moves into the key's history, sealed again
 * under the entry's own context, in the same transaction that stores the new one. Reading a
 * history value is a reveal, audited like one.
 */
export class RotationService {
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #openExternal: OpenExternal | null;

  constructor(options: { vault: Vault; clock: Clock; events: EventBus; openExternal?: OpenExternal | undefined }) {
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#openExternal = options.openExternal ?? null;
  }

  rotate(input: RotateInput, source: AuditSource): RotationResult {
    const { db, box } = this.#vault.session();
    const now = this.#clock.now();
    const at = now.toISOString();
    const revokeBy = input.keepOldForDays === null ? null : addDays(localDay(now), input.keepOldForDays);
    const recognition = recognizeKey(input.secret);
    const fingerprint = box.fingerprint(input.secret);
    // Read and write under one write lock, so a rotation from the CLI and one from the app cannot interleave.
    const seq = inWriteTransaction(db, () => {
      const row = this.#key(input.id);
      if (fingerprint === row.fingerprint) throw fieldPhraseError('secret', phrase(errors.sameKey));
      const earlier = db
        .prepare('SELECT seq FROM key_history WHERE key_id = ? AND fingerprint = ?')
        .pluck()
        .get(row.id, fingerprint);
      if (earlier !== undefined) throw fieldPhraseError('secret', phrase(errors.earlierKey, { seq: String(earlier) }));
      // A key in another provider's format is almost always the wrong paste; a custom provider can hold anything.
      if (recognition.provider && recognition.provider !== row.provider && isCatalogProviderId(row.provider)) {
        throw fieldPhraseError(
          'secret',
          phrase(errors.otherProvider, {
            found: providerDisplayName(recognition.provider),
            stored: providerDisplayName(row.provider),
          }),
        );
      }
      const live = recognition.provider === row.provider && recognition.live !== null ? Number(recognition.live) : null;
      const expiresAt = input.expiresAt === undefined ? row.expires_at : input.expiresAt;
      const next =
        ((db.prepare('SELECT max(seq) FROM key_history WHERE key_id = ?').pluck().get(row.id) as number | null) ?? 0) + 1;
      const old = box.open(row.id, row.secret);
      db.prepare(
        `INSERT INTO key_history (key_id, seq, secret, masked, fingerprint, added_at, replaced_at, revoke_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        row.id,
        next,
        box.seal(historyContext(row.id, next), old),
        row.masked,
        row.fingerprint,
        row.last_rotated_at ?? row.created_at,
        at,
        revokeBy,
      );
      db.prepare(
        `UPDATE keys SET secret = ?, masked = ?, fingerprint = ?, live = ?, expires_at = ?, last_rotated_at = ?, updated_at = ?
         WHERE id = ?`,
      ).run(box.seal(row.id, input.secret), maskSecret(input.secret), fingerprint, live, expiresAt, at, at, row.id);
      const detail = auditDetail.keyRotated(next, revokeBy, expiresAt !== row.expires_at);
      appendAudit(db, { at, action: 'key.rotated', source, keyId: row.id, keyLabel: row.label, detail });
      return next;
    });
    this.#events.emit('keysChanged', { ids: [input.id] });
    return { keyId: input.id, previous: this.#entry(input.id, seq), masked: maskSecret(input.secret), lastRotatedAt: at };
  }

  /** Newest first. */
  history(id: string): HistoryEntry[] {
    this.#key(id);
    const rows = this.#vault
      .session()
      .db.prepare('SELECT * FROM key_history WHERE key_id = ? ORDER BY seq DESC')
      .all(id) as HistoryRow[];
    return rows.map(toEntry);
  }

  /** One earlier secret in full, on purpose; recorded in the audit log like a reveal. */
  revealHistory(id: string, seq: number, source: AuditSource): { secret: string } {
    const { db, box } = this.#vault.session();
    const key = this.#key(id);
    const row = this.#historyRow(id, seq);
    const secret = box.open(historyContext(id, seq), row.secret);
    appendAudit(db, {
      at: this.#clock.now().toISOString(),
      action: 'key.history-revealed',
      source,
      keyId: id,
      keyLabel: key.label,
      detail: auditDetail.historyEntry(seq),
    });
    return { secret };
  }

  /** The user revoked an old secret at the provider: its revoke reminder ends. Marking twice changes nothing. */
  markRevoked(id: string, seq: number, source: AuditSource): HistoryEntry {
    const entry = this.#markRevoked(id, seq, source);
    this.#events.emit('keysChanged', { ids: [id] });
    return entry;
  }

  #markRevoked(id: string, seq: number, source: AuditSource): HistoryEntry {
    const { db } = this.#vault.session();
    const key = this.#key(id);
    const row = this.#historyRow(id, seq);
    if (row.revoked_at !== null) return toEntry(row);
    const at = this.#clock.now().toISOString();
    inWriteTransaction(db, () => {
      // "AND revoked_at IS NULL": marked meanwhile by another door, it keeps its first date and one audit line.
      const { changes } = db
        .prepare('UPDATE key_history SET revoked_at = ? WHERE key_id = ? AND seq = ? AND revoked_at IS NULL')
        .run(at, id, seq);
      if (changes > 0)
        appendAudit(db, {
          at,
          action: 'key.history-revoked',
          source,
          keyId: id,
          keyLabel: key.label,
          detail: auditDetail.historyEntry(seq),
        });
    });
    return this.#entry(id, seq);
  }

  /** Hands the catalog's console URL for the key's provider to the browser, where the app has one. */
  async openConsole(id: string): Promise<{ url: string; opened: boolean }> {
    const url = consoleUrlFor(this.#key(id).provider);
    if (!this.#openExternal) return { url, opened: false };
    try {
      await this.#openExternal(url);
    } catch {
      throw phraseError('Internal', phrase(errors.browserNotOpened, { url }));
    }
    return { url, opened: true };
  }

  #entry(id: string, seq: number): HistoryEntry {
    return toEntry(this.#historyRow(id, seq));
  }

  #historyRow(id: string, seq: number): HistoryRow {
    const row = this.#vault.session().db.prepare('SELECT * FROM key_history WHERE key_id = ? AND seq = ?').get(id, seq) as
      HistoryRow | undefined;
    if (!row) throw phraseError('NotFound', phrase(errors.noHistoryEntry, { seq: String(seq) }));
    return row;
  }

  #key(id: string): KeyRow {
    return existingKeyRow(this.#vault.session().db, id);
  }
}

function toEntry(row: HistoryRow): HistoryEntry {
  return {
    keyId: row.key_id,
    seq: row.seq,
    masked: row.masked,
    addedAt: row.added_at,
    replacedAt: row.replaced_at,
    revokeBy: row.revoke_by,
    revokedAt: row.revoked_at,
  };
}
