import { hash } from 'node:crypto';
import type { AuditSource } from '../../contract/audit.ts';
import {
  importFormatInfo,
  type ColumnMapping,
  type CostBasis,
  type ImportFormat,
  type ImportIssue,
  type PreviewRow,
  type PricesUsed,
} from '../../contract/costs.ts';
import { KeywardError } from '../../contract/errors.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { appendAudit } from '../audit/log.ts';
import { maskSecret } from '../keys/mask.ts';
import { recognizeKey } from '../keys/recognize.ts';
import { createBackup } from '../vault/backups.ts';
import { inWriteTransaction, type Db } from '../vault/database.ts';
import { digestOf, readImport, type ImportSource } from './importers/read-file.ts';
import { FileError, type SourceRow } from './importers/types.ts';
import { PriceBook } from './pricing.ts';

/**
 * One import, start to end, on a database connection of its own: read the file, resolve models,
 * link keys, price, and either count (preview) or write (commit). The same code runs inline (CLI,
 * tests) and in a worker thread (the app), which is why it takes plain data and returns plain data.
 */
export interface ImportJob {
  mode: 'preview' | 'commit';
  file: ImportSource;
  fileName: string;
  format?: ImportFormat | undefined;
  mapping?: ColumnMapping | undefined;
  keyId?: string | undefined;
  skipInvalid: boolean;
  /** Commit only: the preview's digest; a different file is refused. */
  expectDigest?: string | undefined;
  importId: string;
  at: string;
  /** The door the import came through, for the audit log. */
  door: AuditSource;
  /** Commit only: where the encrypted backup goes. */
  backupFiles?: { header: string; backups: string } | undefined;
}

/**
 * Asked once, just before the commit's write transaction: false means the vault was locked and
 * the job must stop with nothing written; true means the commit goes ahead and a lock from now on
 * waits for it (see workerRunner), so the caller is never told "nothing was saved" about rows
 * that were.
 */
export type CommitGate = () => boolean;

export interface JobOutcome {
  format: ImportFormat;
  formatLabel: string;
  digest: string;
  rows: number;
  /** Preview: rows that would be added. Commit: rows added. */
  fresh: number;
  duplicates: number;
  ignored: number;
  errors: ImportIssue[];
  errorCount: number;
  /** A problem with the file as a whole: it was not read at all. */
  fatal: boolean;
  firstDay: string | null;
  lastDay: string | null;
  costMicros: number;
  unpricedModels: string[];
  warnings: string[];
  sample: PreviewRow[];
  committed: boolean;
  backup: string | null;
}

export const MAX_LISTED_ERRORS = 1000;
const SAMPLE_ROWS = 20;

interface KeyRef {
  id: string;
  label: string;
  provider: string;
}

interface PreparedRecord {
  identity: Buffer;
  day: string;
  provider: string;
  keyId: string | null;
  keyLabel: string | null;
  keyHint: string | null;
  model: string;
  modelRaw: string;
  row: SourceRow;
  costMicros: number | null;
  costBasis: CostBasis;
  pricesUsed: PricesUsed | null;
}

/**
 * SHA-256 over the format and the fields, each field preceded by U+001F. Hashed as one string in
 * one call (the same bytes, so the same identity as records imported before): an import hashes a
 * million rows, and a hash object per row with a call per field cost four times as much.
 */
export function identityOf(format: ImportFormat, fields: readonly string[]): Buffer {
  const text = fields.length === 0 ? format : `${format}\u001f${fields.join('\u001f')}`;
  return hash('sha256', text, 'buffer').subarray(0, 16);
}

export async function runImportJob(
  db: Db,
  job: ImportJob,
  onProgress: (rows: number) => void = () => {},
  mayCommit: CommitGate = () => true,
): Promise<JobOutcome> {
  // This connection is the job's own: a larger page cache keeps the indexes the commit fills in
  // memory (64 MiB). The staged rows live in a temp table, and temp_store is memory: nothing
  // unencrypted reaches the disk.
  db.pragma('cache_size = -65536');
  const prices = PriceBook.load(db);
  const keys = db.prepare('SELECT id, label, provider FROM keys WHERE deleted_at IS NULL').all() as KeyRef[];
  const forcedKey = job.keyId ? keys.find((k) => k.id === job.keyId) : undefined;
  if (job.keyId && !forcedKey) throw new KeywardError('NotFound', 'No key with that id to link the import to.');
  const byLabel = labelIndex(keys);

  const outcome: JobOutcome = {
    format: job.format ?? 'generic',
    formatLabel: job.format ? importFormatInfo[job.format].label : 'Unrecognised file',
    digest: await digestOf(job.file),
    rows: 0,
    fresh: 0,
    duplicates: 0,
    ignored: 0,
    errors: [],
    errorCount: 0,
    fatal: false,
    firstDay: null,
    lastDay: null,
    costMicros: 0,
    unpricedModels: [],
    warnings: [],
    sample: [],
    committed: false,
    backup: null,
  };
  if (job.expectDigest && job.expectDigest !== outcome.digest) {
    throw new KeywardError('Invalid', `${job.fileName} changed after its preview; preview it again.`);
  }
  // JSON of the prices used, once per model and pricing option rather than once per record.
  const pricesJson = new Map<string, string>();
  const pricesUsedJson = (record: PreparedRecord): string | null => {
    if (!record.pricesUsed) return null;
    const id = `${record.model}\u001f${record.pricesUsed.adjustments.join()}`;
    let json = pricesJson.get(id);
    if (json === undefined) {
      json = JSON.stringify(record.pricesUsed);
      pricesJson.set(id, json);
    }
    return json;
  };

  // An export's key column names a key (its label, an id like key_abc…); some tools write the key
  // itself there. A value that is recognisably a key is kept only masked, as every list shows keys
  // (found by the reliability suite's canary).
  const hints = new Map<string, string>();
  const safeHint = (hint: string): string => {
    let safe = hints.get(hint);
    if (safe === undefined) {
      safe = recognizeKey(hint).provider ? maskSecret(hint) : hint;
      if (hints.size < 10_000) hints.set(hint, safe);
    }
    return safe;
  };

  const prepare = (row: SourceRow, format: ImportFormat): PreparedRecord => {
    const model = row.model ? (prices.resolve(row.model) ?? row.model) : '';
    const linked = forcedKey ?? (row.keyHint ? byLabel.get(`${row.provider}\u001f${row.keyHint.toLowerCase()}`) : undefined);
    let costMicros = row.costMicros;
    let costBasis: CostBasis = 'given';
    let pricesUsed: PricesUsed | null = null;
    if (costMicros === null) {
      const priced = model ? prices.price(model, row, row.pricing) : null;
      if (priced) {
        costMicros = priced.costMicros;
        pricesUsed = priced.pricesUsed;
        costBasis = 'computed';
      } else costBasis = 'unpriced';
    }
    return {
      identity: identityOf(format, row.identity),
      day: row.day,
      provider: row.provider,
      keyId: linked?.id ?? null,
      keyLabel: linked?.label ?? null,
      keyHint: row.keyHint === null ? null : safeHint(row.keyHint),
      model,
      modelRaw: row.model,
      row,
      costMicros,
      costBasis,
      pricesUsed,
    };
  };

  const weigh = (row: SourceRow): bigint => {
    const model = prices.resolve(row.model);
    const priced = model ? prices.price(model, row) : null;
    return BigInt(priced ? priced.costMicros : row.inputTokens + row.outputTokens);
  };

  // Read, price and stage every row first, holding no lock: other writers (a copy, an edit, the
  // CLI) go on meanwhile. Only then, for a commit, the one short write transaction.
  const staging = new Staging(db);
  try {
    try {
      const items = readImport(job.file, {
        format: job.format,
        mapping: job.mapping,
        weigh,
        onFormat: (format) => {
          outcome.format = format;
          outcome.formatLabel = importFormatInfo[format].label;
        },
      });
      for await (const item of items) {
        outcome.rows += item.rows ?? 1;
        if (outcome.rows % 10_000 === 0) onProgress(outcome.rows);
        if ('error' in item) {
          addError(outcome, { line: item.line, message: item.error });
          continue;
        }
        if (item.outcome === 'ignored') {
          outcome.ignored += 1;
          continue;
        }
        for (const row of item.outcome) {
          const record = prepare(row, outcome.format);
          staging.add(item.line, record, pricesUsedJson(record));
        }
      }
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      outcome.fatal = true;
      addError(outcome, { line: error.line, message: error.message });
    }
    staging.finish();
    const fresh = staging.fresh();
    outcome.fresh = fresh.records;
    outcome.duplicates = staging.attempted - fresh.records;
    outcome.costMicros = fresh.costMicros;
    outcome.firstDay = fresh.firstDay;
    outcome.lastDay = fresh.lastDay;
    const unpriced = staging.unpriced();
    const unmodelled = unpriced.get('') ?? 0;
    unpriced.delete('');
    const labels = new Map(keys.map((key) => [key.id, key.label]));
    outcome.sample = staging
      .sample(SAMPLE_ROWS)
      .map(({ keyId, ...row }) => ({ ...row, keyLabel: keyId ? (labels.get(keyId) ?? null) : null }));
    outcome.errors.sort((a, b) => a.line - b.line);
    outcome.unpricedModels = [...unpriced.keys()].sort();
    outcome.warnings = warnings(db, outcome, unpriced, unmodelled);
    const synced = staging.syncedDays();
    if (synced.length > 0) outcome.warnings.push(syncedDaysWarning(synced));

    const rejected = outcome.fatal || (outcome.errorCount > 0 && !job.skipInvalid);
    if (job.mode === 'commit' && !rejected && outcome.fresh > 0) {
      if (job.backupFiles)
        outcome.backup = createBackup(db, job.backupFiles, 'before-import', { now: () => new Date(job.at) }).name;
      if (!mayCommit())
        throw new KeywardError('Locked', 'The import was stopped because the vault was locked; nothing was saved.');
      const added = inWriteTransaction(db, () => {
        db.prepare(
          'INSERT INTO usage_imports (id, at, file_name, format, digest, rows, added, duplicates, skipped) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)',
        ).run(job.importId, job.at, job.fileName, outcome.format, outcome.digest);
        // One source per provider and day: the import takes over the days a usage sync wrote (see costs/sync/store.ts).
        staging.replaceSyncedDays();
        const count = staging.write(job.importId, outcome.format, job.at);
        // Rows another writer added since they were staged are duplicates now.
        outcome.duplicates += outcome.fresh - count;
        if (count === 0) throw new NothingToAdd();
        db.prepare('UPDATE usage_imports SET rows = ?, added = ?, duplicates = ?, skipped = ? WHERE id = ?').run(
          outcome.rows,
          count,
          outcome.duplicates,
          outcome.errorCount,
          job.importId,
        );
        appendAudit(db, {
          at: job.at,
          action: 'usage.imported',
          source: job.door,
          detail: `${job.fileName} (${outcome.format}): ${count} added, ${outcome.duplicates} duplicates, ${outcome.errorCount} skipped`,
        });
        return count;
      });
      outcome.fresh = added;
      outcome.committed = true;
    }
  } catch (error) {
    if (!(error instanceof NothingToAdd)) throw error;
    outcome.fresh = 0;
  } finally {
    staging.drop();
  }
  return outcome;
}

/** Thrown inside the write transaction to roll it back when every staged row turned out to be there already. */
class NothingToAdd extends Error {}

const STAGED_COLUMNS = [
  'line',
  'identity',
  'day',
  'provider',
  'key_id',
  'key_hint',
  'model',
  'model_raw',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'requests',
  'cost_micros',
  'cost_basis',
  'prices_used',
  'note',
] as const;
/** Rows per multi-row INSERT: one call into SQLite per batch instead of per row. */
const BATCH = 200;

/**
 * An import's rows, read and priced, waiting in a temporary table on the job's own connection
 * (temp_store is memory: they never reach the disk unencrypted). Rows repeated within the file
 * are dropped at once (the first one counts); rows already in the vault are marked as not fresh
 * in one pass; the preview's numbers are queries over it; a commit copies the fresh rows into
 * `usage_records` and adds their rollup, in one statement each.
 */
class Staging {
  readonly #db: Db;
  readonly #batch: unknown[] = [];
  #rows = 0;
  /** Records read (including those repeated within the file). */
  attempted = 0;
  readonly #many;
  readonly #one;

  constructor(db: Db) {
    this.#db = db;
    db.exec('DROP TABLE IF EXISTS temp.import_staging');
    db.exec(`CREATE TEMP TABLE import_staging (
      seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, identity BLOB NOT NULL UNIQUE, day TEXT NOT NULL, provider TEXT NOT NULL,
      key_id TEXT, key_hint TEXT, model TEXT NOT NULL, model_raw TEXT NOT NULL, input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL, cache_write_tokens INTEGER NOT NULL, requests INTEGER NOT NULL,
      cost_micros INTEGER, cost_basis TEXT NOT NULL, prices_used TEXT, note TEXT NOT NULL, fresh INTEGER NOT NULL DEFAULT 1)`);
    const values = `(${STAGED_COLUMNS.map(() => '?').join(', ')})`;
    const insert = `INSERT OR IGNORE INTO temp.import_staging (${STAGED_COLUMNS.join(', ')}) VALUES `;
    this.#many = db.prepare(insert + Array.from({ length: BATCH }, () => values).join(', '));
    this.#one = db.prepare(insert + values);
  }

  add(line: number, record: PreparedRecord, pricesUsed: string | null): void {
    const { row } = record;
    this.#batch.push(
      line,
      record.identity,
      record.day,
      record.provider,
      record.keyId,
      record.keyHint,
      record.model,
      record.modelRaw,
      row.inputTokens,
      row.outputTokens,
      row.cachedTokens,
      row.cacheWriteTokens,
      row.requests,
      record.costMicros,
      record.costBasis,
      pricesUsed,
      row.note,
    );
    this.attempted += 1;
    if (++this.#rows === BATCH) {
      this.#many.run(...this.#batch);
      this.#batch.length = 0;
      this.#rows = 0;
    }
  }

  /** Stages what is left and marks the rows the vault already holds. */
  finish(): void {
    const width = STAGED_COLUMNS.length;
    for (let at = 0; at < this.#batch.length; at += width) this.#one.run(...this.#batch.slice(at, at + width));
    this.#batch.length = 0;
    this.#rows = 0;
    this.#db.exec(
      'UPDATE temp.import_staging SET fresh = 0 WHERE EXISTS (SELECT 1 FROM main.usage_records r WHERE r.identity = temp.import_staging.identity)',
    );
  }

  fresh(): { records: number; costMicros: number; firstDay: string | null; lastDay: string | null } {
    return this.#db
      .prepare(
        'SELECT count(*) AS records, coalesce(sum(cost_micros), 0) AS costMicros, min(day) AS firstDay, max(day) AS lastDay FROM temp.import_staging WHERE fresh',
      )
      .get() as { records: number; costMicros: number; firstDay: string | null; lastDay: string | null };
  }

  /** Fresh records without a price, by model ('' for rows that name none). */
  unpriced(): Map<string, number> {
    const rows = this.#db
      .prepare("SELECT model, count(*) AS n FROM temp.import_staging WHERE fresh AND cost_basis = 'unpriced' GROUP BY model")
      .all() as Array<{ model: string; n: number }>;
    return new Map(rows.map((row) => [row.model, row.n]));
  }

  /** The first fresh records in file order, as the preview shows them. */
  sample(limit: number): Array<Omit<PreviewRow, 'keyLabel'> & { keyId: string | null }> {
    return this.#db
      .prepare(
        `SELECT line, day, provider, model, key_id AS keyId, key_hint AS keyHint, input_tokens AS inputTokens, output_tokens AS outputTokens,
           requests, cost_micros AS costMicros, cost_basis AS costBasis
         FROM temp.import_staging WHERE fresh ORDER BY seq LIMIT ?`,
      )
      .all(limit) as Array<Omit<PreviewRow, 'keyLabel'> & { keyId: string | null }>;
  }

  /**
   * Inside the write transaction: the fresh rows into usage_records (in identity order, so the
   * unique index is filled front to back), then their daily rollup in one upsert. Returns the
   * rows added.
   */
  write(importId: string, format: ImportFormat, at: string): number {
    const added = this.#db
      .prepare(
        `INSERT INTO usage_records (identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens,
           cached_tokens, cache_write_tokens, requests, cost_micros, currency, cost_basis, prices_used, import_id, import_format, note, created_at)
         SELECT identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens,
           cached_tokens, cache_write_tokens, requests, cost_micros, 'USD', cost_basis, prices_used, ?, ?, note, ?
         FROM temp.import_staging WHERE fresh ORDER BY identity
         ON CONFLICT (identity) DO NOTHING`,
      )
      .run(importId, format, at).changes;
    // usage_records' insert trigger skips imported rows (migration 3): their rollup is added here.
    // From the staged rows when all of them went in (the usual case), else from what did.
    const source = added === this.fresh().records ? 'temp.import_staging WHERE fresh' : 'main.usage_records WHERE import_id = ?';
    this.#db
      .prepare(
        `INSERT INTO usage_daily (day, provider, key_ref, model, records, unpriced_records, cost_micros, input_tokens, output_tokens,
           cached_tokens, cache_write_tokens, requests)
         SELECT day, provider, coalesce(key_id, CASE WHEN key_hint IS NULL THEN '' ELSE 'export:' || key_hint END), model,
           count(*), sum(cost_micros IS NULL), coalesce(sum(cost_micros), 0), sum(input_tokens), sum(output_tokens),
           sum(cached_tokens), sum(cache_write_tokens), sum(requests)
         FROM ${source}
         GROUP BY 1, 2, 3, 4
         ON CONFLICT (day, provider, key_ref, model) DO UPDATE SET
           records = records + excluded.records,
           unpriced_records = unpriced_records + excluded.unpriced_records,
           cost_micros = cost_micros + excluded.cost_micros,
           input_tokens = input_tokens + excluded.input_tokens,
           output_tokens = output_tokens + excluded.output_tokens,
           cached_tokens = cached_tokens + excluded.cached_tokens,
           cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
           requests = requests + excluded.requests`,
      )
      .run(...(source.includes('?') ? [importId] : []));
    return added;
  }

  /** The provider days of the fresh rows for which a usage sync wrote records. */
  syncedDays(): Array<{ provider: string; day: string }> {
    return this.#db
      .prepare(
        `SELECT DISTINCT d.provider, d.day FROM main.usage_sync_days d
         WHERE EXISTS (SELECT 1 FROM temp.import_staging s WHERE s.fresh AND s.provider = d.provider AND s.day = d.day)
         ORDER BY d.provider, d.day`,
      )
      .all() as Array<{ provider: string; day: string }>;
  }

  /** Inside the write transaction: removes the synced records of those days; the sync no longer owns them. */
  replaceSyncedDays(): void {
    const days = this.syncedDays();
    const records = this.#db.prepare('DELETE FROM main.usage_records WHERE sync_source IS NOT NULL AND provider = ? AND day = ?');
    const owned = this.#db.prepare('DELETE FROM main.usage_sync_days WHERE provider = ? AND day = ?');
    for (const { provider, day } of days) {
      records.run(provider, day);
      owned.run(provider, day);
    }
  }

  drop(): void {
    if (this.#db.open) this.#db.exec('DROP TABLE IF EXISTS temp.import_staging');
  }
}

function syncedDaysWarning(days: Array<{ provider: string; day: string }>): string {
  const providers = [...new Set(days.map((item) => providerDisplayName(item.provider)))].join(', ');
  const span = days.length === 1 ? days[0]!.day : `${days[0]!.day} … ${days.at(-1)!.day}`;
  return `${days.length} day${days.length === 1 ? '' : 's'} of ${providers} usage synced from the provider's API (${span}) will be replaced by this import: one source per provider and day, and an import wins.`;
}

function addError(outcome: JobOutcome, issue: ImportIssue): void {
  outcome.errorCount += 1;
  if (outcome.errors.length < MAX_LISTED_ERRORS) outcome.errors.push(issue);
}

/** Export key names link to the vault key with that label and provider, when exactly one has it. */
function labelIndex(keys: KeyRef[]): Map<string, KeyRef> {
  const index = new Map<string, KeyRef | null>();
  for (const key of keys) {
    const id = `${key.provider}\u001f${key.label.trim().toLowerCase()}`;
    index.set(id, index.has(id) ? null : key);
  }
  return new Map([...index].filter((entry): entry is [string, KeyRef] => entry[1] !== null));
}

function warnings(db: Db, outcome: JobOutcome, unpriced: Map<string, number>, unmodelled: number): string[] {
  const list: string[] = [];
  if (unpriced.size > 0) {
    const count = [...unpriced.values()].reduce((a, b) => a + b, 0);
    list.push(
      `${count} row${count === 1 ? '' : 's'} use${count === 1 ? 's' : ''} a model with no price (${[...unpriced.keys()].sort().join(', ')}): kept as unpriced until you set a price.`,
    );
  }
  if (unmodelled > 0) list.push(`${unmodelled} row${unmodelled === 1 ? ' names' : 's name'} no model and cannot be priced.`);
  const sibling = importFormatInfo[outcome.format].sibling;
  if (sibling && outcome.firstDay && outcome.lastDay) {
    const overlap = db
      .prepare('SELECT count(*) FROM usage_records WHERE import_format = ? AND day BETWEEN ? AND ?')
      .pluck()
      .get(sibling, outcome.firstDay, outcome.lastDay) as number;
    if (overlap > 0) {
      const provider = providerDisplayName(outcome.format.split('-')[0]!);
      list.push(
        `The vault already has ${importFormatInfo[sibling].label} records for these days: both exports describe the same ${provider} spend, so importing this one too counts it twice.`,
      );
    }
  }
  return list;
}
