import type { CheckVerdict } from '../../contract/health.ts';
import type { Environment } from '../../contract/keys.ts';
import type { Db } from '../vault/database.ts';

/** The SQL of key health and live checks. Keys in the trash are never included. */

/** A check made before the key's last rotation was about the old secret: it says nothing about the current one. */
const ABOUT_CURRENT_SECRET = '(k.last_rotated_at IS NULL OR c.checked_at >= k.last_rotated_at)';

export interface FactsRow {
  id: string;
  label: string;
  provider: string;
  environment: Environment;
  masked: string;
  fingerprint: string;
  live: 0 | 1 | null;
  created_at: string;
  expires_at: string | null;
  rotate_every_days: number | null;
  last_rotated_at: string | null;
  last_copied_at: string | null;
  verdict: CheckVerdict | null;
}

export interface CheckRow {
  key_id: string;
  checked_at: string;
  verdict: CheckVerdict;
  status: number | null;
  details: string;
}

/** What a check needs of a key: the sealed secret is opened only just before its request. */
export interface CheckTarget {
  id: string;
  label: string;
  provider: string;
  masked: string;
  secret: Buffer;
  expires_at: string | null;
}

/** Each key's stored facts and its last verdict. */
export function healthFacts(db: Db): FactsRow[] {
  return db
    .prepare(
      `SELECT k.id, k.label, k.provider, k.environment, k.masked, k.fingerprint, k.live, k.created_at, k.expires_at,
              k.rotate_every_days, k.last_rotated_at, k.last_copied_at, c.verdict
         FROM keys k LEFT JOIN key_checks c ON c.key_id = k.id AND ${ABOUT_CURRENT_SECRET}
        WHERE k.deleted_at IS NULL`,
    )
    .all() as FactsRow[];
}

/** The last check of each key that has one, newest first. */
export function lastChecks(db: Db): CheckRow[] {
  return db
    .prepare(
      `SELECT c.key_id, c.checked_at, c.verdict, c.status, c.details
         FROM key_checks c JOIN keys k ON k.id = c.key_id
        WHERE k.deleted_at IS NULL AND ${ABOUT_CURRENT_SECRET} ORDER BY c.checked_at DESC`,
    )
    .all() as CheckRow[];
}

export function checkTargets(db: Db): CheckTarget[] {
  return db
    .prepare('SELECT id, label, provider, masked, secret, expires_at FROM keys WHERE deleted_at IS NULL ORDER BY provider, label')
    .all() as CheckTarget[];
}

/** Keys never checked, last checked at or before `before` (ISO time), or rotated since. */
export function checkedBefore(db: Db, before: string): Array<{ id: string; provider: string; masked: string }> {
  return db
    .prepare(
      `SELECT k.id, k.provider, k.masked FROM keys k LEFT JOIN key_checks c ON c.key_id = k.id
        WHERE k.deleted_at IS NULL AND (c.checked_at IS NULL OR c.checked_at <= ? OR NOT ${ABOUT_CURRENT_SECRET})`,
    )
    .all(before) as Array<{ id: string; provider: string; masked: string }>;
}

/**
 * Statements for storing a run inside the caller's transaction. "No clear answer" does not
 * replace an earlier clear verdict (see HealthService.check).
 */
export function checkWriter(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO key_checks (key_id, checked_at, verdict, status, details) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key_id) DO UPDATE SET checked_at = excluded.checked_at, verdict = excluded.verdict, status = excluded.status, details = excluded.details
     WHERE excluded.verdict != 'unreachable'`,
  );
  const exists = db.prepare('SELECT 1 FROM keys WHERE id = ?');
  const fillExpiry = db.prepare(
    'UPDATE keys SET expires_at = ?, updated_at = ? WHERE id = ? AND expires_at IS NULL AND deleted_at IS NULL',
  );
  return {
    /** False once the key has been purged (while its check ran). */
    exists: (id: string) => exists.get(id) !== undefined,
    store: (id: string, checkedAt: string, verdict: CheckVerdict, status: number | null, details: string) =>
      upsert.run(id, checkedAt, verdict, status, details),
    /** Sets the expiry only where none is set; true when it did. */
    fillExpiry: (id: string, day: string, at: string) => fillExpiry.run(day, at, id).changes > 0,
  };
}
