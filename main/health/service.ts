import { defineMessages } from '@formatjs/intl';
import type { AuditSource } from '../../contract/audit.ts';
import type { CheckDetails, CheckResult, CheckRun, HealthItem, UncheckedKey } from '../../contract/health.ts';
import { isCatalogProviderId } from '../../contract/providers.ts';
import type { RotationPolicy } from '../../contract/reminders.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { checkSecret, CHECK_TIMEOUT_MS } from './checker.ts';
import { healthItems, type HealthFacts } from './items.ts';
import { uncheckable } from './probes.ts';
import {
  checkedBefore,
  checkTargets,
  checkWriter,
  healthFacts,
  lastChecks,
  type CheckRow,
  type CheckTarget,
  type FactsRow,
} from './queries.ts';
import type { Transport } from './transport.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';

const errors = defineMessages({
  noTransport: { id: 'health.error.noTransport', defaultMessage: 'Live checks are not available here.' },
  // The reason is health.uncheckable's phrase (main/health/probes.ts).
  cannotCheck: { id: 'health.error.cannotCheck', defaultMessage: 'This key cannot be checked: {reason}' },
  noSuchKey: { id: 'health.error.noSuchKey', defaultMessage: 'No such key (it may be in the trash).' },
});

/** Checks in flight at once: quick over many keys, gentle on any one provider. */
const PARALLEL_CHECKS = 4;
/** "Check weekly": a key whose last check is older than this is checked again. */
export const WEEKLY_CHECK_MS = 7 * 86_400_000;

/** Health items and stored check results of the keys not in the trash. */
export class HealthService {
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #policy: () => RotationPolicy;
  readonly #transport: Transport | null;
  readonly #timeoutMs: number;
  readonly #events: EventBus | null;
  #weeklyRunning = false;

  /** Without a transport (a build that cannot reach the network) `check` refuses. */
  constructor(options: {
    vault: Vault;
    clock: Clock;
    rotationPolicy: () => RotationPolicy;
    transport?: Transport | null;
    timeoutMs?: number;
    events?: EventBus;
  }) {
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#policy = options.rotationPolicy;
    this.#transport = options.transport ?? null;
    this.#timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
    this.#events = options.events ?? null;
  }

  list(): HealthItem[] {
    const { db } = this.#vault.session();
    const rows = healthFacts(db);
    return healthItems(rows.map(toFacts), this.#policy(), this.#clock.now());
  }

  lastChecks(): CheckResult[] {
    const { db } = this.#vault.session();
    const rows = lastChecks(db);
    return rows.map(toResult);
  }

  /**
   * The live check: asks each key's provider (see checker.ts), stores each verdict with its time,
   * audits it, and fills a key's empty expiry from what GitHub says. Without `ids`, every key not
   * in the trash that can be checked. Only called on a user's request or the weekly schedule.
   */
  async check(ids: string[] | undefined, source: AuditSource): Promise<CheckRun> {
    const transport = this.#transport;
    if (!transport) throw phraseError('Invalid', phrase(errors.noTransport));
    const targets = this.#targets(ids);
    const skipped: UncheckedKey[] = [];
    const runnable: CheckTarget[] = [];
    for (const target of targets) {
      const reason = uncheckable(target.provider, target.masked);
      if (reason === null) runnable.push(target);
      else skipped.push({ keyId: target.id, reason });
    }
    if (ids && ids.length === 1 && skipped.length === 1)
      throw phraseError('Invalid', phrase(errors.cannotCheck, { reason: skipped[0]!.reason }));

    const results: CheckResult[] = new Array(runnable.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < runnable.length; i = next++) {
        const target = runnable[i]!;
        if (!isCatalogProviderId(target.provider)) continue; // uncheckable() said so already
        const { box } = this.#vault.session();
        const outcome = await checkSecret(
          target.provider,
          box.open(target.id, target.secret),
          target.masked,
          transport,
          this.#timeoutMs,
        );
        results[i] = { keyId: target.id, checkedAt: this.#clock.now().toISOString(), ...outcome };
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CHECKS, runnable.length) }, worker));
    this.#store(runnable, results, source);
    // A filled expiry changes a key, and verdicts change the health items: the window and the
    // needs-attention list follow keysChanged, whichever door asked.
    if (results.length > 0) this.#events?.emit('keysChanged', { ids: results.map((result) => result.keyId) });
    return { results, skipped };
  }

  /**
   * The "check weekly" schedule's step (run at unlock and hourly in the app): when the setting is
   * on, checks the keys never checked or last checked a week ago or more. Null when it did nothing.
   */
  async checkDue(weekly: boolean, source: AuditSource): Promise<CheckRun | null> {
    if (!weekly || !this.#transport || this.#weeklyRunning) return null;
    const { db } = this.#vault.session();
    const before = new Date(this.#clock.now().getTime() - WEEKLY_CHECK_MS).toISOString();
    const due = checkedBefore(db, before);
    const ids = due.filter((key) => uncheckable(key.provider, key.masked) === null).map((key) => key.id);
    if (ids.length === 0) return null;
    this.#weeklyRunning = true;
    try {
      return await this.check(ids, source);
    } finally {
      this.#weeklyRunning = false;
    }
  }

  #targets(ids: string[] | undefined): CheckTarget[] {
    const { db } = this.#vault.session();
    const all = checkTargets(db);
    if (!ids) return all;
    const byId = new Map(all.map((row) => [row.id, row]));
    return [...new Set(ids)].map((id) => {
      const row = byId.get(id);
      if (!row) throw phraseError('NotFound', phrase(errors.noSuchKey));
      return row;
    });
  }

  /**
   * Stores each verdict and audits each attempt. "No clear answer" does not replace an earlier
   * clear one: a key found invalid last week stays invalid (and valid stays valid) until the
   * provider says otherwise; the audit log still records the attempt.
   */
  #store(targets: CheckTarget[], results: CheckResult[], source: AuditSource): void {
    const { db } = this.#vault.session();
    const writer = checkWriter(db);
    inWriteTransaction(db, () => {
      targets.forEach((target, i) => {
        const result = results[i]!;
        if (!writer.exists(target.id)) return; // purged while the check ran
        const providerExpiry = result.details.expiresAt;
        if (typeof providerExpiry === 'string') {
          // A date the user set is theirs: it is kept, and the result says the provider differs.
          if (target.expires_at === null && writer.fillExpiry(target.id, providerExpiry, result.checkedAt)) {
            appendAudit(db, {
              at: result.checkedAt,
              action: 'key.edited',
              source,
              keyId: target.id,
              keyLabel: target.label,
              detail: auditDetail.expiryFromProvider(),
            });
            result.details.expiryFilled = true;
          } else if (target.expires_at !== null && target.expires_at !== providerExpiry) {
            result.details.expiryDiffers = true;
          }
        }
        writer.store(target.id, result.checkedAt, result.verdict, result.status, JSON.stringify(result.details));
        appendAudit(db, {
          at: result.checkedAt,
          action: 'key.checked',
          source,
          keyId: target.id,
          keyLabel: target.label,
          detail: auditDetail.checked(result.verdict, result.status),
        });
      });
    });
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
