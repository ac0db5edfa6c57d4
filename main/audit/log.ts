import type { AuditAction, AuditEntry, AuditSource } from '../../contract/audit.ts';
import type { Db } from '../vault/database.ts';

export interface AuditRecord {
  at: string;
  action: AuditAction;
  source: AuditSource;
  keyId?: string | null;
  keyLabel?: string | null;
  detail?: string;
}

/** Appends to the audit log inside the caller's transaction, if any. Callers pass no values, only facts. */
export function appendAudit(db: Db, record: AuditRecord): void {
  db.prepare('INSERT INTO audit_log (at, action, source, key_id, key_label, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
    record.at,
    record.action,
    record.source,
    record.keyId ?? null,
    record.keyLabel ?? null,
    record.detail ?? '',
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
  }));
}
