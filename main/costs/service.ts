import { randomBytes, randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { AuditSource } from '../../contract/audit.ts';
import type {
  Budget,
  BudgetStatus,
  CostAlert,
  CostOverview,
  CostSummary,
  ImportPreset,
  ImportPreview,
  ImportResult,
  ImportSummary,
  ModelPrice,
  PriceTable,
  UsageRecord,
} from '../../contract/costs.ts';
import { columnMappingSchema } from '../../contract/costs.ts';
import type { InputOf, ParsedInputOf } from '../../contract/define.ts';
import { KeywardError } from '../../contract/errors.ts';
import type { Contract } from '../../contract/index.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { projectMonth, spikes, SPIKE_WINDOW_DAYS } from './analysis.ts';
import { addDays, daysBetween, daysInMonth, monthBounds, monthOf, utcToday } from './calendar.ts';
import { budgetStatus, dueAlerts, getBudget, listBudgets, upsertBudget, type CostNotifier } from './budgets.ts';
import { MAX_LISTED_ERRORS, type ImportJob, type JobOutcome } from './import-job.ts';
import type { ImportRunner } from './import-runner.ts';
import type { ImportSource } from './importers/read-file.ts';
import { sharedCopy, sharedFromBase64 } from './importers/shared-bytes.ts';
import { PRICE_SNAPSHOT } from './price-data.ts';
import { PriceBook, saveOverride } from './pricing.ts';
import { dailyCosts, grouped, labeller, spendByKey, totals, unpricedModels } from './queries.ts';
import { getRecord, listRecords, recordsCsv } from './records.ts';

type AddInput = ParsedInputOf<Contract['usage']['add']>;
type PreviewInput = ParsedInputOf<Contract['usage']['preview']>;
type ListInput = ParsedInputOf<Contract['usage']['list']>;
type FilterInput = ParsedInputOf<Contract['usage']['exportCsv']>;
type PriceSetInput = ParsedInputOf<Contract['prices']['set']>;
type BudgetSetInput = ParsedInputOf<Contract['budgets']['set']>;
export type OverviewInput = NonNullable<InputOf<Contract['costs']['overview']>>;

/** A preview waits this long for its commit; then the file must be read again. */
const PREVIEW_TTL_MS = 30 * 60_000;

interface PendingImport {
  job: Omit<ImportJob, 'mode' | 'importId' | 'at' | 'door' | 'skipInvalid' | 'expectDigest' | 'backupFiles'>;
  digest: string;
  fresh: number;
  expiresAt: number;
}

export interface CostServiceOptions {
  vault: Vault;
  clock: Clock;
  events: EventBus;
  runner: ImportRunner;
  notifier?: CostNotifier | undefined;
}

/**
 * The cost tracker: usage records, imports, prices, budgets, and the views over them.
 * Every write is one transaction; an import's writes happen on the runner's own connection.
 */
export class CostService {
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #runner: ImportRunner;
  readonly #notifier: CostNotifier | undefined;
  readonly #pending = new Map<string, PendingImport>();
  /** Cost writes wait for a running commit, so they never contend with its transaction. */
  #writes: Promise<unknown> = Promise.resolve();

  constructor(options: CostServiceOptions) {
    this.#vault = options.vault;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#runner = options.runner;
    this.#notifier = options.notifier;
    this.#vault.onLock(() => {
      this.#pending.clear();
      this.#runner.abortAll();
    });
  }

  #db() {
    return this.#vault.session().db;
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  #today(): string {
    return utcToday(this.#clock.now());
  }

  #serial<T>(task: () => Promise<T> | T): Promise<T> {
    const run = this.#writes.then(task, task);
    this.#writes = run.catch(() => undefined);
    return run;
  }

  // ---- records ---------------------------------------------------------------------------

  add(input: AddInput, source: AuditSource): Promise<UsageRecord> {
    return this.#serial(() => {
      const db = this.#db();
      if (input.keyId && db.prepare('SELECT 1 FROM keys WHERE id = ? AND deleted_at IS NULL').get(input.keyId) === undefined) {
        throw new KeywardError('NotFound', 'No key with that id.');
      }
      const prices = PriceBook.load(db);
      const model = prices.resolve(input.model) ?? input.model;
      const day = input.day ?? this.#today();
      let cost: number | null = input.costUsd ?? null;
      let basis: 'given' | 'computed' | 'unpriced' = 'given';
      let pricesUsed: string | null = null;
      if (cost === null) {
        const priced = prices.price(model, input);
        if (priced) {
          cost = priced.costMicros;
          pricesUsed = JSON.stringify(priced.pricesUsed);
          basis = 'computed';
        } else basis = 'unpriced';
      }
      const at = this.#now();
      const id = inWriteTransaction(db, () => {
        const result = db
          .prepare(
            `INSERT INTO usage_records (identity, day, provider, key_id, model, model_raw, input_tokens, output_tokens, cached_tokens,
               cache_write_tokens, requests, cost_micros, cost_basis, prices_used, note, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            randomBytes(16),
            day,
            input.provider,
            input.keyId,
            model,
            input.model,
            input.inputTokens,
            input.outputTokens,
            input.cachedTokens,
            input.cacheWriteTokens,
            input.requests,
            cost,
            basis,
            pricesUsed,
            input.note,
            at,
          );
        appendAudit(db, { at, action: 'usage.added', source, keyId: input.keyId, detail: `${day} ${input.provider} ${model}` });
        return Number(result.lastInsertRowid);
      });
      this.#alert();
      return getRecord(db, id)!;
    });
  }

  list(input: ListInput): { records: UsageRecord[]; total: number } {
    return listRecords(this.#db(), input, input.limit, input.offset);
  }

  remove(id: number, source: AuditSource): Promise<{ id: number }> {
    return this.#serial(() => {
      const db = this.#db();
      const record = getRecord(db, id);
      if (!record) throw new KeywardError('NotFound', 'No usage record with that id.');
      inWriteTransaction(db, () => {
        db.prepare('DELETE FROM usage_records WHERE id = ?').run(id);
        appendAudit(db, { at: this.#now(), action: 'usage.deleted', source, keyId: record.keyId, detail: `${record.day} ${record.provider} ${record.model}` });
      });
      return { id };
    });
  }

  exportCsv(filter: FilterInput, source: AuditSource): { fileName: string; csv: string; records: number } {
    const db = this.#db();
    const { csv, records } = recordsCsv(db, filter);
    const span = filter.month ?? ([filter.from, filter.to].filter(Boolean).join('_to_') || 'all');
    inWriteTransaction(db, () => appendAudit(db, { at: this.#now(), action: 'usage.exported', source, detail: `${records} records (${span})` }));
    return { fileName: `keyward-usage-${span}.csv`, csv, records };
  }

  // ---- imports ---------------------------------------------------------------------------

  async preview(input: PreviewInput, source: AuditSource): Promise<ImportPreview> {
    const db = this.#db();
    const file = await toSource(input.file, source);
    const fileName = 'path' in input.file ? basename(input.file.path) : input.file.name;
    let mapping = input.mapping;
    if (input.preset) {
      const preset = this.presets().find((p) => p.name === input.preset);
      // Errors never quote what was given (a value pasted into the wrong field could be a key).
      if (!preset) throw new KeywardError('NotFound', 'No import preset has that name; the Import dialog lists the saved ones.');
      mapping = preset.mapping;
    }
    const format = mapping ? 'generic' : input.format;
    if (input.keyId && db.prepare('SELECT 1 FROM keys WHERE id = ? AND deleted_at IS NULL').get(input.keyId) === undefined) {
      throw new KeywardError('NotFound', 'No key with that id to link the import to.');
    }
    const job = { file, fileName, format, mapping, keyId: input.keyId };
    const outcome = await this.#runner.run({ ...job, mode: 'preview', skipInvalid: false, importId: '', at: this.#now(), door: source });
    const token = randomUUID();
    this.#dropExpired();
    this.#pending.set(token, { job: { ...job, format: outcome.format }, digest: outcome.digest, fresh: outcome.fresh, expiresAt: this.#clock.now().getTime() + PREVIEW_TTL_MS });
    return {
      token,
      fileName,
      format: outcome.format,
      formatLabel: outcome.formatLabel,
      rows: outcome.rows,
      new: outcome.fresh,
      duplicates: outcome.duplicates,
      ignored: outcome.ignored,
      errors: outcome.errors,
      errorCount: outcome.errorCount,
      firstDay: outcome.firstDay,
      lastDay: outcome.lastDay,
      costMicros: outcome.costMicros,
      unpricedModels: outcome.unpricedModels,
      warnings: outcome.fatal ? [] : outcome.warnings,
      sample: outcome.sample,
    };
  }

  commit(token: string, skipInvalid: boolean, source: AuditSource): Promise<ImportResult> {
    return this.#serial(async () => {
      this.#dropExpired();
      const pending = this.#pending.get(token);
      if (!pending) throw new KeywardError('NotFound', 'That preview has expired or was already used; preview the file again.');
      this.#pending.delete(token);
      const importId = randomUUID();
      const outcome = await this.#runner.run({
        ...pending.job,
        mode: pending.fresh === 0 ? 'preview' : 'commit',
        skipInvalid,
        expectDigest: pending.digest,
        importId,
        at: this.#now(),
        door: source,
        backupFiles: this.#vault.files,
      });
      // A lock that came while the commit was finishing leaves the alerts to the next unlock.
      if (outcome.committed && this.#vault.isUnlocked()) this.#alert();
      return toResult(outcome, outcome.committed ? importId : null, skipInvalid);
    });
  }

  discard(token: string): { discarded: boolean } {
    return { discarded: this.#pending.delete(token) };
  }

  #dropExpired(): void {
    const now = this.#clock.now().getTime();
    for (const [token, pending] of this.#pending) if (pending.expiresAt < now) this.#pending.delete(token);
  }

  imports(): ImportSummary[] {
    const rows = this.#db()
      .prepare(
        `SELECT i.id, i.at, i.file_name AS fileName, i.format, i.rows, i.added, i.duplicates, i.skipped,
           (SELECT count(*) FROM usage_records r WHERE r.import_id = i.id) AS records,
           (SELECT coalesce(sum(cost_micros), 0) FROM usage_records r WHERE r.import_id = i.id) AS costMicros
         FROM usage_imports i ORDER BY i.at DESC`,
      )
      .all() as ImportSummary[];
    return rows;
  }

  undoImport(importId: string, source: AuditSource): Promise<{ removed: number }> {
    return this.#serial(() => {
      const db = this.#db();
      const found = db.prepare('SELECT file_name FROM usage_imports WHERE id = ?').pluck().get(importId) as string | undefined;
      if (found === undefined) throw new KeywardError('NotFound', 'No import with that id.');
      const removed = inWriteTransaction(db, () => {
        const count = db.prepare('DELETE FROM usage_records WHERE import_id = ?').run(importId).changes;
        db.prepare('DELETE FROM usage_imports WHERE id = ?').run(importId);
        appendAudit(db, { at: this.#now(), action: 'usage.import-undone', source, detail: `${found}: ${count} records removed` });
        return count;
      });
      return { removed };
    });
  }

  presets(): ImportPreset[] {
    const rows = this.#db().prepare('SELECT name, mapping, updated_at FROM import_presets ORDER BY name').all() as Array<{
      name: string;
      mapping: string;
      updated_at: string;
    }>;
    return rows.map((row) => ({ name: row.name, mapping: columnMappingSchema.parse(JSON.parse(row.mapping)), updatedAt: row.updated_at }));
  }

  savePreset(name: string, mapping: ImportPreset['mapping']): ImportPreset {
    const at = this.#now();
    const db = this.#db();
    inWriteTransaction(db, () =>
      db
        .prepare(
          'INSERT INTO import_presets (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
        )
        .run(name, JSON.stringify(mapping), at),
    );
    return { name, mapping, updatedAt: at };
  }

  removePreset(name: string): { name: string } {
    const db = this.#db();
    const changes = inWriteTransaction(db, () => db.prepare('DELETE FROM import_presets WHERE name = ?').run(name).changes);
    if (changes === 0) throw new KeywardError('NotFound', 'No import preset has that name; the Import dialog lists the saved ones.');
    return { name };
  }

  // ---- views -----------------------------------------------------------------------------

  summary(input: { month?: string | undefined; by: CostSummary['by'] }): CostSummary {
    const db = this.#db();
    const month = input.month ?? monthOf(this.#today());
    const { from, to } = monthBounds(month);
    const labels = labeller(db, PriceBook.load(db));
    return { month, by: input.by, totals: totals(db, from, to), rows: grouped(db, from, to, input.by, labels) };
  }

  overview(input: { month?: string | undefined; days: 30 | 90 }): CostOverview {
    const db = this.#db();
    const today = this.#today();
    const month = input.month ?? monthOf(today);
    const { from, to } = monthBounds(month);
    const labels = labeller(db, PriceBook.load(db));
    const monthTotals = totals(db, from, to);
    // The chart ends on the month's last day, or today while the month is running.
    const end = to < today ? to : today < from ? to : today;
    const first = addDays(end, -(input.days - 1));
    const start = addDays(first, -SPIKE_WINDOW_DAYS);
    const days = daysBetween(start, end);
    const costs = dailyCosts(db, start, end);
    const flags = spikes(days.map((day) => costs.get(day)?.costMicros ?? 0));
    const daily = days.slice(SPIKE_WINDOW_DAYS).map((day, i) => ({
      day,
      costMicros: costs.get(day)?.costMicros ?? 0,
      records: costs.get(day)?.records ?? 0,
      unpricedRecords: costs.get(day)?.unpricedRecords ?? 0,
      spike: flags[i]!.spike,
      medianMicros: flags[i]!.medianMicros,
    }));
    return {
      month,
      today,
      totals: monthTotals,
      projectionMicros: projectMonth({ month, today, spentMicros: monthTotals.costMicros, daysInMonth: daysInMonth(month) }),
      budgets: this.budgets(month),
      daily,
      byProvider: grouped(db, from, to, 'provider', labels),
      byKey: grouped(db, from, to, 'key', labels),
      byModel: grouped(db, from, to, 'model', labels),
      unpricedModels: unpricedModels(db, from, to),
    };
  }

  keySpend(month: string | undefined): Record<string, number> {
    const { from, to } = monthBounds(month ?? monthOf(this.#today()));
    return spendByKey(this.#db(), from, to);
  }

  // ---- prices ----------------------------------------------------------------------------

  prices(provider: string | undefined): PriceTable {
    const models = PriceBook.load(this.#db())
      .list()
      .filter((p) => provider === undefined || p.provider === provider)
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    return { source: PRICE_SNAPSHOT.source, snapshotDate: PRICE_SNAPSHOT.snapshotDate, models };
  }

  setPrice(input: PriceSetInput, source: AuditSource): Promise<{ price: ModelPrice; repriced: number }> {
    return this.#serial(() => {
      const db = this.#db();
      const book = PriceBook.load(db);
      const model = book.resolve(input.model) ?? input.model.trim();
      const current = book.get(model);
      const provider = input.provider ?? current?.provider;
      if (!provider) throw invalid('provider', `${model} is not in the price table: name its provider too.`);
      const inputRate = input.input ?? current?.input;
      const output = input.output ?? current?.output;
      if (inputRate === undefined || output === undefined) {
        throw invalid(inputRate === undefined ? 'input' : 'output', `${model} is not in the price table: give both its input and output prices.`);
      }
      const price: ModelPrice = {
        model,
        provider,
        name: input.name ?? current?.name ?? model,
        origin: 'user',
        input: inputRate,
        output,
        cachedInput: input.cachedInput ?? current?.cachedInput ?? null,
        cacheWrite: input.cacheWrite ?? current?.cacheWrite ?? null,
        cacheWrite1h: input.cacheWrite1h ?? current?.cacheWrite1h ?? null,
        perRequest: input.perRequest ?? current?.perRequest ?? null,
        above200k: null,
        deprecationDate: current?.deprecationDate ?? null,
        updatedAt: this.#now(),
      };
      const repriced = inWriteTransaction(db, () => {
        saveOverride(db, price, price.updatedAt!);
        const count = this.#priceUnpriced(model);
        appendAudit(db, { at: price.updatedAt!, action: 'price.set', source, detail: `${model}${count ? `; ${count} unpriced records priced` : ''}` });
        return count;
      });
      if (repriced > 0) this.#alert();
      return { price: PriceBook.load(db).get(model)!, repriced };
    });
  }

  /**
   * Records kept unpriced for lack of a price get one once the model has a price. Records that
   * already have a cost are never touched: a price change does not rewrite history.
   */
  #priceUnpriced(model: string): number {
    const db = this.#db();
    const book = PriceBook.load(db);
    const rows = db
      .prepare(
        `SELECT id, model_raw AS modelRaw, input_tokens AS inputTokens, output_tokens AS outputTokens, cached_tokens AS cachedTokens,
           cache_write_tokens AS cacheWriteTokens, requests FROM usage_records WHERE cost_basis = 'unpriced' AND model <> ''`,
      )
      .all() as Array<{ id: number; modelRaw: string; inputTokens: number; outputTokens: number; cachedTokens: number; cacheWriteTokens: number; requests: number }>;
    const update = db.prepare("UPDATE usage_records SET model = ?, cost_micros = ?, cost_basis = 'computed', prices_used = ? WHERE id = ?");
    let count = 0;
    for (const row of rows) {
      if ((book.resolve(row.modelRaw) ?? row.modelRaw) !== model) continue;
      const priced = book.price(model, row);
      if (!priced) continue;
      update.run(model, priced.costMicros, JSON.stringify(priced.pricesUsed), row.id);
      count += 1;
    }
    return count;
  }

  resetPrice(modelText: string, source: AuditSource): { price: ModelPrice | null } {
    const db = this.#db();
    const model = PriceBook.load(db).resolve(modelText) ?? modelText.trim();
    const removed = inWriteTransaction(db, () => {
      const changes = db.prepare('DELETE FROM model_prices WHERE model = ?').run(model).changes;
      if (changes) appendAudit(db, { at: this.#now(), action: 'price.reset', source, detail: model });
      return changes;
    });
    if (!removed) throw new KeywardError('NotFound', `${model} has no price of your own to reset.`);
    return { price: PriceBook.load(db).get(model) ?? null };
  }

  // ---- budgets ---------------------------------------------------------------------------

  budgets(month?: string): BudgetStatus[] {
    const db = this.#db();
    const today = this.#today();
    return listBudgets(db).map((budget) => budgetStatus(db, budget, month ?? monthOf(today), today));
  }

  setBudget(input: BudgetSetInput, source: AuditSource): Promise<Budget> {
    return this.#serial(() => {
      const db = this.#db();
      if (input.scope === 'key' && db.prepare('SELECT 1 FROM keys WHERE id = ? AND deleted_at IS NULL').get(input.keyId) === undefined) {
        throw new KeywardError('NotFound', 'No key with that id.');
      }
      const at = this.#now();
      const budget = inWriteTransaction(db, () => {
        const saved = upsertBudget(
          db,
          {
            scope: input.scope,
            provider: input.scope === 'provider' ? input.provider! : null,
            keyId: input.scope === 'key' ? input.keyId! : null,
            monthlyMicros: input.monthlyUsd,
          },
          at,
        );
        appendAudit(db, { at, action: 'budget.set', source, keyId: saved.keyId, detail: `${saved.label}: ${saved.monthlyMicros / 1e6} USD a month` });
        return saved;
      });
      this.#alert();
      return budget;
    });
  }

  removeBudget(id: string, source: AuditSource): { id: string } {
    const db = this.#db();
    const budget = getBudget(db, id);
    if (!budget) throw new KeywardError('NotFound', 'No budget with that id.');
    inWriteTransaction(db, () => {
      db.prepare('DELETE FROM budgets WHERE id = ?').run(id);
      db.prepare("DELETE FROM cost_alerts_sent WHERE kind = 'budget' AND subject = ?").run(id);
      appendAudit(db, { at: this.#now(), action: 'budget.deleted', source, keyId: budget.keyId, detail: budget.label });
    });
    return { id };
  }

  /** Sends the budget and spike alerts that became due, each once. */
  #alert(): CostAlert[] {
    const alerts = dueAlerts(this.#db(), this.#today(), this.#now());
    for (const alert of alerts) {
      this.#notifier?.notify(alert);
      this.#events.emit('costAlert', alert);
    }
    return alerts;
  }
}

function invalid(path: string, message: string): KeywardError {
  return new KeywardError('Invalid', `${path}: ${message}`, { issues: [{ path, message }] });
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * A path is read only for the CLI: a page in the app hands over the bytes of a file its user
 * picked, and must not be able to make main read any file it names.
 */
async function toSource(file: PreviewInput['file'], source: AuditSource): Promise<ImportSource> {
  if ('path' in file) {
    if (source !== 'cli') throw new KeywardError('Forbidden', 'Only the command line imports by path; the app sends the file itself.');
    let stats;
    try {
      stats = statSync(file.path);
    } catch {
      throw new KeywardError('NotFound', `${file.path} was not found or cannot be read.`);
    }
    if (!stats.isFile()) throw new KeywardError('Invalid', `${file.path} is not a file.`);
    return { path: file.path };
  }
  if ('bytes' in file) return { bytes: await sharedCopy(file.bytes) };
  return { bytes: await sharedFromBase64(file.base64) };
}

function toResult(outcome: JobOutcome, importId: string | null, skipInvalid: boolean): ImportResult {
  const rejected = outcome.fatal || (outcome.errorCount > 0 && !skipInvalid);
  return {
    importId,
    format: outcome.format,
    rows: outcome.rows,
    added: outcome.committed ? outcome.fresh : 0,
    duplicates: outcome.duplicates,
    ignored: outcome.ignored,
    rejected,
    errors: outcome.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: outcome.errorCount,
    backup: outcome.backup,
  };
}
