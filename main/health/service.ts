import type { CheckDetails, CheckResult, CheckVerdict, HealthItem } from '../../contract/health.ts';
import type { Environment } from '../../contract/keys.ts';
import type { RotationPolicy } from '../../contract/reminders.ts';
import type { Clock } from '../clock.ts';
import type { Vault } from '../vault/vault.ts';
import { healthItems, type HealthFacts } from './items.ts';

interface FactsRow {
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

interface CheckRow {
  key_id: string;
  checked_at: string;
  verdict: CheckVerdict;
  status: number | null;
  details: string;
}

/** Health items and stored check results of the keys not in the trash. */
export class HealthService {
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #policy: () => RotationPolicy;

  constructor(options: { vault: Vault; clock: Clock; rotationPolicy: () => RotationPolicy }) {
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#policy = options.rotationPolicy;
  }

  list(): HealthItem[] {
    const { db } = this.#vault.session();
    const rows = db
      .prepare(
        `SELECT k.id, k.label, k.provider, k.environment, k.masked, k.fingerprint, k.live, k.created_at, k.expires_at,
                k.rotate_every_days, k.last_rotated_at, k.last_copied_at, c.verdict
           FROM keys k LEFT JOIN key_checks c ON c.key_id = k.id
          WHERE k.deleted_at IS NULL`,
      )
      .all() as FactsRow[];
    return healthItems(rows.map(toFacts), this.#policy(), this.#clock.now());
  }

  lastChecks(): CheckResult[] {
    const { db } = this.#vault.session();
    const rows = db
      .prepare(
        `SELECT c.key_id, c.checked_at, c.verdict, c.status, c.details
           FROM key_checks c JOIN keys k ON k.id = c.key_id
          WHERE k.deleted_at IS NULL ORDER BY c.checked_at DESC`,
      )
      .all() as CheckRow[];
    return rows.map(toResult);
  }
}

function toFacts(row: FactsRow): HealthFacts {
  return {
    id: row.id,
    label: row.label,
    provider: row.provider,
    environment: row.environment,
    masked: row.masked,
    fingerprint: row.fingerprint,
    live: row.live === null ? null : row.live === 1,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    rotateEveryDays: row.rotate_every_days,
    lastRotatedAt: row.last_rotated_at,
    lastCopiedAt: row.last_copied_at,
    lastVerdict: row.verdict,
  };
}

export function toResult(row: CheckRow): CheckResult {
  let details: CheckDetails = {};
  try {
    details = JSON.parse(row.details) as CheckDetails;
  } catch {
    /* a damaged details column shows as none */
  }
  return { keyId: row.key_id, verdict: row.verdict, status: row.status, checkedAt: row.checked_at, details };
}
