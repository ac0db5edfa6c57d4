import type { AuditSource } from '../../../contract/audit.ts';
import { MICROS_PER_USD } from '../../../contract/costs.ts';
import { addDays, eachDay, utcToday } from '../../../contract/days.ts';
import { providerDisplayName } from '../../../contract/providers.ts';
import {
  syncProviders,
  type KeyLink,
  type OpenRouterKeyUsage,
  type SyncProvider,
  type SyncRun,
  type SyncSourceResult,
  type SyncSourceStatus,
  type SyncState,
  type SyncStatus,
} from '../../../contract/usage-sync.ts';
import { isPhrase, phrase, type Phrase } from '../../../i18n/phrase.ts';
import { phraseError } from '../../../i18n/phrase-text.ts';
import { appendAudit } from '../../audit/log.ts';
import { auditDetail } from '../../audit/details.ts';
import { isAdminKey } from '../../health/items.ts';
import type { Transport } from '../../health/transport.ts';
import { keyExists } from '../../keys/rows.ts';
import { inWriteTransaction, type Db } from '../../vault/database.ts';
import type { CostContext } from '../context.ts';
import { fetchAnthropic } from './anthropic.ts';
import { ProviderClient, SyncFailure } from './client.ts';
import { fetchOpenAi } from './openai.ts';
import { syncErrors, syncFailures, syncSaid } from './messages.ts';
import { fetchOpenRouterKey } from './openrouter.ts';
import type { SyncedRow, SyncReport } from './report.ts';
import { attributionCandidates, listLinks, MAX_SYNC_DAYS, relinkRecords, storeLinks, writeDays } from './store.ts';

/** A first sync (no cursor, no --since) fetches this many days, today included. */
export const FIRST_SYNC_DAYS = 30;
/**
 * A day is closed this long after its UTC end: the providers' reports settle within minutes to
 * an hour or so (OpenRouter asks for 30 minutes). Until then the next sync fetches it again.
 */
export const SETTLE_MS = 6 * 3_600_000;
/** The daily schedule: a provider is due a day after its last success, asked at most hourly while it fails. */
const DAILY_MS = 24 * 3_600_000;
const RETRY_MS = 3_600_000;

interface SourceRow {
  provider: SyncProvider;
  admin_key_id: string | null;
  cursor_day: string | null;
  last_sync_at: string | null;
  last_success_at: string | null;
  last_outcome: string | null;
}

interface SecretKey {
  id: string;
  label: string;
  secret: string;
}

const sleepReal = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Usage sync (contract/usage-sync.ts): which admin key each provider uses, pulling its usage
 * reports into usage records (store.ts), the attribution of the provider's keys to vault keys,
 * and the daily schedule. Network only through the injected transport; without one, sync refuses.
 */
export class UsageSyncService {
  readonly #costs: CostContext;
  readonly #transport: Transport | null;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #running = new Map<SyncProvider, Promise<SyncSourceResult>>();

  constructor(
    costs: CostContext,
    options: { transport?: Transport | null | undefined; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.#costs = costs;
    this.#transport = options.transport ?? null;
    this.#sleep = options.sleep ?? sleepReal;
  }

  status(daily: boolean): SyncStatus {
    const db = this.#costs.db();
    return { daily, sources: syncProviders.map((provider) => this.#sourceStatus(db, provider)) };
  }

  /** Turns a provider's sync on: OpenAI and Anthropic with one of the vault's admin keys for it; OpenRouter with none. */
  connect(provider: SyncProvider, keyId: string | undefined, source: AuditSource): Promise<SyncSourceStatus> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      if (provider === 'openrouter') {
        if (keyId) throw phraseError('Invalid', phrase(syncErrors.openRouterNeedsNoKey));
      } else {
        if (!keyId) throw phraseError('Invalid', phrase(syncErrors.pickAdminKey, { provider: providerDisplayName(provider) }));
        const key = db.prepare('SELECT label, provider, masked FROM keys WHERE id = ? AND deleted_at IS NULL').get(keyId) as
          { label: string; provider: string; masked: string } | undefined;
        if (!key) throw phraseError('NotFound', phrase(syncErrors.noKey));
        if (key.provider !== provider || !isAdminKey(key.masked))
          throw phraseError(
            'Invalid',
            phrase(syncErrors.notAdminKey, {
              label: key.label,
              provider: providerDisplayName(provider),
              prefix: provider === 'openai' ? 'sk-admin-…' : 'sk-ant-admin01-…',
            }),
          );
      }
      inWriteTransaction(db, () => {
        db.prepare(
          'INSERT INTO usage_sync (provider, admin_key_id) VALUES (?, ?) ON CONFLICT (provider) DO UPDATE SET admin_key_id = excluded.admin_key_id',
        ).run(provider, keyId ?? null);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.sync-connected',
          source,
          keyId: keyId ?? null,
          detail: auditDetail.name(providerDisplayName(provider)),
        });
      });
      return this.#sourceStatus(db, provider);
    });
  }

  /** Turns a provider's sync off. The records it wrote stay; the cursor is kept for a later reconnect. */
  disconnect(provider: SyncProvider, source: AuditSource): Promise<SyncSourceStatus> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      inWriteTransaction(db, () => {
        db.prepare('UPDATE usage_sync SET admin_key_id = NULL WHERE provider = ?').run(provider);
        if (provider === 'openrouter') db.prepare("DELETE FROM usage_sync WHERE provider = 'openrouter'").run();
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.sync-disconnected',
          source,
          detail: auditDetail.name(providerDisplayName(provider)),
        });
      });
      return this.#sourceStatus(db, provider);
    });
  }

  /** Syncs one provider, or every connected one. A provider that fails says so in its result; the others go on. */
  async sync(input: { provider?: SyncProvider | undefined; since?: string | undefined }, source: AuditSource): Promise<SyncRun> {
    if (!this.#transport) throw phraseError('Invalid', phrase(syncErrors.unavailable));
    const db = this.#costs.db();
    const today = this.#costs.today();
    if (input.since && input.since > today)
      throw phraseError('Invalid', phrase(syncErrors.sinceFuture, { since: input.since, today }));
    if (input.since && input.since < addDays(today, -MAX_SYNC_DAYS))
      throw phraseError(
        'Invalid',
        phrase(syncErrors.sinceTooOld, { days: MAX_SYNC_DAYS, earliest: addDays(today, -MAX_SYNC_DAYS) }),
      );
    const connected = syncProviders.filter((provider) => this.#connected(db, provider));
    if (input.provider && !connected.includes(input.provider))
      throw phraseError(
        'Invalid',
        input.provider === 'openrouter'
          ? phrase(syncErrors.openRouterNotConnected)
          : phrase(syncErrors.notConnected, { name: providerDisplayName(input.provider), provider: input.provider }),
      );
    const providers = input.provider ? [input.provider] : connected;
    if (providers.length === 0) throw phraseError('Invalid', phrase(syncErrors.noneConnected));
    const at = this.#costs.now();
    const results: SyncSourceResult[] = [];
    // One provider after another: a sync is a handful of requests, and gentler on the network one at a time.
    for (const provider of providers) {
      const running = this.#running.get(provider);
      if (running) {
        results.push(await running);
        continue;
      }
      const task = this.#syncOne(provider, input.since, source).finally(() => this.#running.delete(provider));
      this.#running.set(provider, task);
      results.push(await task);
    }
    return { at, results };
  }

  /** The daily schedule's step: syncs each connected provider last synced a day ago or more. Null when nothing was due. */
  async syncDue(daily: boolean, source: AuditSource): Promise<SyncRun | null> {
    if (!daily || !this.#transport) return null;
    const db = this.#costs.db();
    const now = this.#costs.nowMs();
    const due = syncProviders.filter((provider) => {
      if (!this.#connected(db, provider)) return false;
      const row = this.#row(db, provider);
      const since = (at: string | null | undefined) => (at ? now - Date.parse(at) : Infinity);
      return since(row?.last_success_at) >= DAILY_MS && since(row?.last_sync_at) >= RETRY_MS;
    });
    if (due.length === 0) return null;
    const results: SyncSourceResult[] = [];
    for (const provider of due) results.push(...(await this.sync({ provider }, source)).results);
    return { at: this.#costs.now(), results };
  }

  links(provider?: SyncProvider): KeyLink[] {
    return listLinks(this.#costs.db(), provider);
  }

  /** The user's attribution: this provider key is that vault key (or none). Its synced records follow at once. */
  setLink(provider: SyncProvider, apiKeyId: string, keyId: string | null, source: AuditSource): Promise<KeyLink> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const link = this.#link(db, provider, apiKeyId);
      if (keyId) {
        const key = db.prepare('SELECT provider FROM keys WHERE id = ? AND deleted_at IS NULL').get(keyId) as
          { provider: string } | undefined;
        if (!key) throw phraseError('NotFound', phrase(syncErrors.noKey));
        if (key.provider !== provider)
          throw phraseError('Invalid', phrase(syncErrors.wrongProvider, { provider: providerDisplayName(provider) }));
      }
      inWriteTransaction(db, () => {
        db.prepare(
          "UPDATE usage_key_links SET key_id = ?, set_by = 'user', matched_on = 'user' WHERE provider = ? AND api_key_id = ?",
        ).run(keyId, provider, apiKeyId);
        relinkRecords(db, provider, apiKeyId, keyId, link.name);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.sync-attributed',
          source,
          keyId,
          detail: auditDetail.syncAttributed(providerDisplayName(provider), apiKeyId, link.name, keyId !== null),
        });
      });
      return this.#link(db, provider, apiKeyId);
    });
  }

  /** Back to automatic matching: matched again now, from what the last sync stored. */
  clearLink(provider: SyncProvider, apiKeyId: string, source: AuditSource): Promise<KeyLink> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const link = this.#link(db, provider, apiKeyId);
      inWriteTransaction(db, () => {
        db.prepare("UPDATE usage_key_links SET set_by = 'match' WHERE provider = ? AND api_key_id = ?").run(provider, apiKeyId);
        const links = storeLinks(
          db,
          provider,
          [{ apiKeyId, name: link.name, hint: link.hint }],
          attributionCandidates(db, provider),
          this.#costs.now(),
        );
        relinkRecords(db, provider, apiKeyId, links.get(apiKeyId) ?? null, link.name);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.sync-attributed',
          source,
          detail: auditDetail.syncMatchedAgain(providerDisplayName(provider), apiKeyId),
        });
      });
      return this.#link(db, provider, apiKeyId);
    });
  }

  #link(db: Db, provider: SyncProvider, apiKeyId: string): KeyLink {
    const link = listLinks(db, provider).find((item) => item.apiKeyId === apiKeyId);
    if (!link)
      throw phraseError('NotFound', phrase(syncErrors.linkNotSeen, { provider: providerDisplayName(provider), apiKeyId }));
    return link;
  }

  async #syncOne(provider: SyncProvider, since: string | undefined, source: AuditSource): Promise<SyncSourceResult> {
    const db = this.#costs.db();
    const today = this.#costs.today();
    const row = this.#row(db, provider);
    const from =
      provider === 'openrouter' ? today : [since ?? row?.cursor_day ?? addDays(today, 1 - FIRST_SYNC_DAYS), today].sort()[0]!;
    const days = eachDay(from, today);
    const name = providerDisplayName(provider);
    const base = { provider, from, to: today, daysFetched: 0, added: 0, updated: 0, removed: 0, unchanged: 0, skippedDays: [] };
    let report: SyncReport;
    let notes: Phrase[] = [];
    let keys: OpenRouterKeyUsage[] = [];
    try {
      if (provider === 'openrouter') ({ report, notes, keys } = await this.#fetchOpenRouter(db, today));
      else {
        const admin = this.#adminKey(db, provider, row?.admin_key_id ?? null);
        const client = this.#client(provider, admin);
        report = provider === 'openai' ? await fetchOpenAi(client, from, today) : await fetchAnthropic(client, from, today);
      }
    } catch (error) {
      if (!(error instanceof SyncFailure)) throw error;
      const failed: SyncSourceResult = {
        ...base,
        state: error.kind,
        message:
          error.kind === 'offline' && row?.last_success_at ? offlineSince(error.phrase, row.last_success_at) : error.phrase,
        notes: [],
        billedMicros: null,
        recordedMicros: 0,
        cursor: row?.cursor_day ?? null,
        keys: [],
      };
      await this.#costs.write(() => this.#record(provider, failed, false));
      return failed;
    }

    const cursor = [utcToday(new Date(this.#costs.nowMs() - SETTLE_MS)), today].sort()[0]!;
    const result = await this.#costs.write(() => {
      const db = this.#costs.db();
      return inWriteTransaction(db, () => {
        const at = this.#costs.now();
        const links =
          provider === 'openrouter'
            ? new Map<string, string | null>()
            : storeLinks(db, provider, report.keys, attributionCandidates(db, provider), at);
        const names = new Map(report.keys.map((key) => [key.apiKeyId, key.name]));
        const counts = writeDays({ db, provider, days, rows: report.rows, billed: report.billed, links, names, at });
        const fetchedDays = days.filter((day) => !counts.skippedDays.includes(day));
        const billed = fetchedDays.some((day) => report.billed.has(day))
          ? fetchedDays.reduce((sum, day) => sum + (report.billed.get(day) ?? 0), 0)
          : null;
        const result: SyncSourceResult = {
          ...base,
          ...counts,
          state: 'ok',
          daysFetched: fetchedDays.length,
          billedMicros: billed,
          cursor,
          keys,
          message: summary(name, fetchedDays.length, counts, billed),
          notes,
        };
        this.#record(provider, result, true, source);
        return result;
      });
    });
    this.#costs.sendDueAlerts();
    return result;
  }

  async #fetchOpenRouter(db: Db, today: string): Promise<{ report: SyncReport; notes: Phrase[]; keys: OpenRouterKeyUsage[] }> {
    const keys = db
      .prepare("SELECT id, label, secret FROM keys WHERE provider = 'openrouter' AND deleted_at IS NULL ORDER BY label")
      .all() as Array<{
      id: string;
      label: string;
      secret: Buffer;
    }>;
    const { box } = this.#costs.vault.session();
    const rows: SyncedRow[] = [];
    const notes: Phrase[] = [];
    const answers: OpenRouterKeyUsage[] = [];
    for (const key of keys) {
      const client = this.#client('openrouter', { id: key.id, label: key.label, secret: box.open(key.id, key.secret) });
      try {
        const usage = await fetchOpenRouterKey(client, key.id, today);
        rows.push(usage.row);
        answers.push({
          keyId: key.id,
          label: key.label,
          answered: true,
          todayMicros: usage.row.costMicros,
          monthMicros: usage.monthMicros,
          limitMicros: usage.limitMicros,
          remainingMicros: usage.remainingMicros,
        });
        if (usage.limitMicros !== null)
          notes.push(
            phrase(syncSaid.keyLimit, {
              label: key.label,
              limit: usage.limitMicros / MICROS_PER_USD,
              left: (usage.remainingMicros ?? 0) / MICROS_PER_USD,
            }),
          );
      } catch (error) {
        // One revoked key does not stop the others; offline stops them all.
        if (!(error instanceof SyncFailure) || error.kind === 'offline') throw error;
        answers.push({
          keyId: key.id,
          label: key.label,
          answered: false,
          todayMicros: null,
          monthMicros: null,
          limitMicros: null,
          remainingMicros: null,
        });
        notes.push(error.kind === 'rejected' ? phrase(syncSaid.keyRefused, { label: key.label }) : error.phrase);
      }
    }
    return { report: { rows, billed: new Map(), keys: [] }, notes, keys: answers };
  }

  #client(provider: SyncProvider, key: SecretKey): ProviderClient {
    const auth: Record<string, string> =
      provider === 'anthropic'
        ? { 'x-api-key': key.secret, 'anthropic-version': '2023-06-01' }
        : { authorization: `Bearer ${key.secret}` };
    return new ProviderClient({
      provider,
      providerName: providerDisplayName(provider),
      transport: this.#transport!,
      auth,
      keyLabel: key.label,
      sleep: this.#sleep,
    });
  }

  #adminKey(db: Db, provider: SyncProvider, keyId: string | null): SecretKey {
    const key = keyId
      ? (db.prepare('SELECT id, label, secret FROM keys WHERE id = ? AND deleted_at IS NULL').get(keyId) as
          { id: string; label: string; secret: Buffer } | undefined)
      : undefined;
    if (!key) throw new SyncFailure('rejected', phrase(syncFailures.adminKeyGone, { provider: providerDisplayName(provider) }));
    return { id: key.id, label: key.label, secret: this.#costs.vault.session().box.open(key.id, key.secret) };
  }

  /** Stores the outcome (and, after a success, the cursor); audits a success. Runs inside the write queue. */
  #record(provider: SyncProvider, result: SyncSourceResult, success: boolean, source?: AuditSource): void {
    const db = this.#costs.db();
    const at = this.#costs.now();
    const write = () => {
      db.prepare(
        `INSERT INTO usage_sync (provider, last_sync_at, last_outcome) VALUES (?, ?, ?)
         ON CONFLICT (provider) DO UPDATE SET last_sync_at = excluded.last_sync_at, last_outcome = excluded.last_outcome`,
      ).run(provider, at, JSON.stringify(result));
      if (success) {
        db.prepare('UPDATE usage_sync SET cursor_day = ?, last_success_at = ? WHERE provider = ?').run(
          result.cursor,
          at,
          provider,
        );
        appendAudit(db, {
          at,
          action: 'usage.synced',
          source: source ?? 'app',
          detail: auditDetail.synced(providerDisplayName(provider), result),
        });
      }
    };
    if (success) write();
    else inWriteTransaction(db, write);
  }

  #row(db: Db, provider: SyncProvider): SourceRow | undefined {
    return db.prepare('SELECT * FROM usage_sync WHERE provider = ?').get(provider) as SourceRow | undefined;
  }

  #connected(db: Db, provider: SyncProvider): boolean {
    const row = this.#row(db, provider);
    return provider === 'openrouter' ? row !== undefined : Boolean(row?.admin_key_id);
  }

  #sourceStatus(db: Db, provider: SyncProvider): SyncSourceStatus {
    const row = this.#row(db, provider);
    const adminKeys =
      provider === 'openrouter'
        ? []
        : (
            db
              .prepare('SELECT id, label, masked FROM keys WHERE provider = ? AND deleted_at IS NULL ORDER BY label')
              .all(provider) as Array<{
              id: string;
              label: string;
              masked: string;
            }>
          )
            .filter((key) => isAdminKey(key.masked))
            .map((key) => ({ keyId: key.id, label: key.label }));
    const adminKeyId = row?.admin_key_id && keyExists(db, row.admin_key_id) ? row.admin_key_id : null;
    let last: SyncSourceResult | null = null;
    try {
      last = row?.last_outcome ? storedResult(JSON.parse(row.last_outcome) as SyncSourceResult) : null;
    } catch {
      /* a damaged outcome reads as none */
    }
    const state: SyncState = last?.state ?? 'never';
    return {
      provider,
      connected: this.#connected(db, provider),
      adminKeyId,
      adminKeyLabel: adminKeyId ? (adminKeys.find((key) => key.keyId === adminKeyId)?.label ?? null) : null,
      adminKeys,
      keysToAsk:
        provider === 'openrouter'
          ? (db.prepare("SELECT count(*) FROM keys WHERE provider = 'openrouter' AND deleted_at IS NULL").pluck().get() as number)
          : 0,
      state,
      lastSyncAt: row?.last_sync_at ?? null,
      lastSuccessAt: row?.last_success_at ?? null,
      last,
      cursor: row?.cursor_day ?? null,
    };
  }
}

/** The offline failure with the time of the last success: "Offline — OpenAI usage last synced 2026-11-20 09:00 UTC. …". */
function offlineSince(said: Phrase, lastSuccessAt: string): Phrase {
  return { ...said, values: { ...said.values, since: lastSuccessAt.slice(0, 16).replace('T', ' ') } };
}

function summary(
  name: string,
  days: number,
  counts: { added: number; updated: number; removed: number; skippedDays: string[]; recordedMicros: number },
  billed: number | null,
): Phrase {
  return phrase(syncSaid.summary, {
    provider: name,
    days,
    added: counts.added,
    updated: counts.updated,
    removed: counts.removed === 0 ? 'none' : String(counts.removed),
    skipped: counts.skippedDays.length === 0 ? 'none' : String(counts.skippedDays.length),
    billed: billed === null ? 'none' : 'known',
    billedUsd: (billed ?? 0) / MICROS_PER_USD,
    recordedUsd: counts.recordedMicros / MICROS_PER_USD,
  });
}

/**
 * A result as the vault stored it. Results stored before they were phrases carry their English
 * as text, and no notes: said as they were (in English) until the next sync replaces them.
 */
function storedResult(stored: SyncSourceResult): SyncSourceResult {
  const message: unknown = stored.message;
  return {
    ...stored,
    message: isPhrase(message) ? message : phrase(syncSaid.stored, { text: typeof message === 'string' ? message : '' }),
    notes: Array.isArray(stored.notes) ? stored.notes.filter(isPhrase) : [],
  };
}
