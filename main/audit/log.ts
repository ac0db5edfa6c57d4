import type { AuditAction, AuditEntry, AuditSource } from '../../contract/audit.ts';
import { isPhrase, type Phrase } from '../../i18n/phrase.ts';
import { phraseText } from '../../i18n/phrase-text.ts';
import type { Db } from '../vault/database.ts';

export interface AuditRecord {
  at: string;
  action: AuditAction;
  source: AuditSource;
  keyId?: string | null;
  keyLabel?: string | null;
  /**
   * What else a person should know, as a phrase: the window words it in the reader's language.
   * A phrase, never finished text, so no English sentence reaches the Korean window: built by
   * `auditDetail` (details.ts), a bare name (a file, a model) included.
   */
  detail?: Phrase;
}

/**
 * Appends to the audit log inside the caller's transaction, if any. Callers pass no values, only
 * facts. The detail is stored twice: its English in `detail` (the CLI's text, and what any reader
 * of an older Keyward shows) and the phrase beside it in `detail_phrase`.
 */
export function appendAudit(db: Db, record: AuditRecord): void {
  db.prepare(
    'INSERT INTO audit_log (at, action, source, key_id, key_label, detail, detail_phrase) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    record.at,
    record.action,
    record.source,
    record.keyId ?? null,
    record.keyLabel ?? null,
    record.detail ? phraseText(record.detail) : '',
    record.detail ? JSON.stringify(record.detail) : null,
  );
}

interface AuditRow {
  id: number;
  at: string;
  action: AuditAction;
  source: AuditSource;
  key_id: string | null;
  key_label: string | null;
  detail: string;
  detail_phrase: string | null;
}

/** The stored phrase, if it is one: an entry from before phrases, or a damaged one, has none and shows its text. */
function storedPhrase(json: string | null): Phrase | null {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return isPhrase(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** Newest first. */
export function listAudit(
  db: Db,
  options: { keyId?: string | undefined; action?: AuditAction | undefined; limit: number },
): AuditEntry[] {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (options.keyId !== undefined) {
    conditions.push('key_id = ?');
    values.push(options.keyId);
  }
  if (options.action !== undefined) {
    conditions.push('action = ?');
    values.push(options.action);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const rows = db
    .prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`)
    .all(...values, options.limit) as AuditRow[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    source: row.source,
    keyId: row.key_id,
    keyLabel: row.key_label,
    detail: row.detail,
    detailPhrase: storedPhrase(row.detail_phrase),
  }));
}
