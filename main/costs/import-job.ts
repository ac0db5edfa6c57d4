import { hash, randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuditSource } from '../../contract/audit.ts';
import {
  importFormatInfo,
  importFormatWords,
  type ColumnMapping,
  type CostBasis,
  type ImportFormat,
  type ImportIssue,
  type PreviewRow,
  type PricesUsed,
} from '../../contract/costs.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { appendAudit } from '../audit/log.ts';
import { auditDetail } from '../audit/details.ts';
import { maskSecret } from '../keys/mask.ts';
import { recognizeKey } from '../keys/recognize.ts';
import { createBackup } from '../vault/backups.ts';
import { inWriteTransaction, type Db } from '../vault/database.ts';
import { digestOf, readImport, type ImportSource } from './importers/read-file.ts';
import { importWarnings } from './importers/messages.ts';
import { FileError, type SourceRow } from './importers/types.ts';
import { PriceBook } from './pricing.ts';
import { phrase, type Phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';

/**
 * One import, start to end, on a database connection of its own: read the file, resolve models,
 * link keys, price, and either count (preview) or write (commit). The same code runs inline (CLI,
 * tests) and in a worker thread (the app), which is why it takes plain data and returns plain data.
 */
/** What a preview reads: the file and how to read it. */
export interface PreviewJob {
  file: ImportSource;
  fileName: string;
  format?: ImportFormat | undefined;
  mapping?: ColumnMapping | undefined;
  keyId?: string | undefined;
}

/** What a commit adds to its preview's staged rows. */
export interface CommitOptions {
  skipInvalid: boolean;
  importId: string;
  at: string;
  /** The door the import came through, for the audit log. */
  door: AuditSource;
  /** Where the encrypted backup goes (none in some tests and benchmarks). */
  backupFiles?: { header: string; backups: string } | undefined;
}

/** A whole import in one call (the importer fuzzing, the benchmark's inline runs). */
export interface ImportJob extends PreviewJob, CommitOptions {
  mode: 'preview' | 'commit';
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
  warnings: Phrase[];
  sample: PreviewRow[];
  committed: boolean;
  backup: string | null;
  /** Milliseconds per stage of the work (the benchmark reports them). */
  stages: Record<string, number>;
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

/** Identities looked up in the vault per query, before any row is staged. */
const LOOKUP_BATCH = 256;

/** Page caches of the job's connection (KiB): the vault's, and the staging file's. */
const MAIN_CACHE_KIB = 32 * 1024;
const STAGING_CACHE_KIB = 16 * 1024;
const STAGING_READ_CACHE_KIB = 2 * 1024;

/**
 * The one secondary index an import fills front to back anyway (every new row has the import's
 * id, and rowids only grow): rebuilding it would only add its sort (45 MB in memory at a million rows).
 */
const FILLED_IN_ORDER = 'usage_records_by_import';

/** Below this many rows an import fills usage_records' secondary indexes as it goes. */
const BULK_LOAD_MIN_ROWS = 20_000;

/**
 * A preview's outcome and its staged rows, held on the job's connection until the commit or
 * a discard (see ImportRunner): the commit writes what the preview read, without reading,
 * hashing and pricing the file a second time.
 */
export interface StagedImport {
  outcome: JobOutcome;
  staging: Staging;
}

/** Where a connection's staged rows go: an encrypted file beside the vault, one per preview. */
export function stagingPathFor(dbPath: string): string {
  return join(dirname(dbPath), `${STAGING_PREFIX}${randomUUID()}.db`);
}

/**
 * Reads the file, hashes each row's identity, drops the rows the vault already holds (looked up
 * by identity, a batch at a time, before anything is staged: a re-import stages nothing), links
 * and prices the rest and stages them in `stagingPath`. Holds no lock and writes nothing to the
 * vault. The caller commits (commitStaged) or drops (dropStaged) what it returns.
 */
export async function stageImport(
  db: Db,
  job: PreviewJob,
  stagingPath: string,
  onProgress: (rows: number) => void = () => {},
): Promise<StagedImport> {
  const started = performance.now();
  const stages: Record<string, number> = { read: 0, identity: 0, lookup: 0, price: 0, stage: 0, summary: 0 };
  // This connection is the job's own: a larger page cache than the default 2 MiB keeps most of the
  // identity index the commit fills in memory (~30 MB at a million rows), within the app's memory
  // budget (a 1M-row import peaks under 300 MB for the whole process).
  db.pragma(`cache_size = -${MAIN_CACHE_KIB}`);
  const prices = PriceBook.load(db);
  const keys = db.prepare('SELECT id, label, provider FROM keys WHERE deleted_at IS NULL').all() as KeyRef[];
  const forcedKey = job.keyId ? keys.find((k) => k.id === job.keyId) : undefined;
  if (job.keyId && !forcedKey) throw phraseError('NotFound', phrase(costErrors.noKeyToLink));
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
    stages,
  };
  stages.digest = performance.now() - started;
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

  const prepare = (row: SourceRow, identity: Buffer): PreparedRecord => {
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
      identity,
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

  const known = new KnownIdentities(db);
  const staging = new Staging(db, stagingPath, job.fileName);
  try {
    // Rows wait here until a lookup batch is full: their identities are hashed, looked up in the
    // vault together, and only the new ones are priced and staged.
    const lines: number[] = [];
    const rows: SourceRow[] = [];
    const flush = () => {
      let at = performance.now();
      const identities = rows.map((row) => identityOf(outcome.format, row.identity));
      let now = performance.now();
      stages.identity! += now - at;
      at = now;
      const present = known.among(identities);
      now = performance.now();
      stages.lookup! += now - at;
      at = now;
      const records: Array<[number, PreparedRecord]> = [];
      for (let i = 0; i < rows.length; i += 1) {
        if (present?.has(identities[i]!.toString('latin1'))) outcome.duplicates += 1;
        else records.push([lines[i]!, prepare(rows[i]!, identities[i]!)]);
      }
      now = performance.now();
      stages.price! += now - at;
      at = now;
      for (const [line, record] of records) staging.add(line, record, pricesUsedJson(record));
      stages.stage! += performance.now() - at;
      lines.length = 0;
      rows.length = 0;
    };
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
          addError(outcome, { line: item.line, message: item.error, ...(item.entry === undefined ? {} : { entry: item.entry }) });
          continue;
        }
        if (item.outcome === 'ignored') {
          outcome.ignored += 1;
          continue;
        }
        for (const row of item.outcome) {
          lines.push(item.line);
          rows.push(row);
        }
        if (rows.length >= LOOKUP_BATCH) flush();
      }
      flush();
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      outcome.fatal = true;
      addError(outcome, { line: error.line, message: error.phrase });
    }
    let at = performance.now();
    staging.finish();
    stages.stage! += performance.now() - at;
    at = performance.now();
    const fresh = staging.totals();
    outcome.fresh = fresh.records;
    // Rows repeated within the file (the first one counts) are duplicates too.
    outcome.duplicates += staging.attempted - fresh.records;
    outcome.costMicros = fresh.costMicros;
    outcome.firstDay = fresh.firstDay;
    outcome.lastDay = fresh.lastDay;
    const unpriced = fresh.unpriced;
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
    stages.summary = performance.now() - at;
    stages.read = Math.max(
      0,
      performance.now() - started - Object.entries(stages).reduce((sum, [name, ms]) => (name === 'read' ? sum : sum + ms), 0),
    );
    return { outcome, staging };
  } catch (error) {
    staging.drop();
    throw error;
  }
}

/**
 * Commits a preview's staged rows (unless the file was rejected or nothing is new): an
 * encrypted backup first, then one write transaction. A large load into a table not much larger
 * than it drops usage_records' secondary indexes (but FILLED_IN_ORDER) and builds them again after the rows are in,
 * within the same transaction: one sort each instead of a B-tree insert per row and index.
 * Does not drop the staged rows; the caller does (dropStaged), whatever happened.
 */
export function commitStaged(
  db: Db,
  staged: StagedImport,
  options: CommitOptions,
  mayCommit: CommitGate = () => true,
): JobOutcome {
  const { outcome, staging } = staged;
  const { stages } = outcome;
  const rejected = outcome.fatal || (outcome.errorCount > 0 && !options.skipInvalid);
  if (rejected || outcome.fresh === 0) return { ...outcome, fresh: rejected ? outcome.fresh : 0 };
  let at = performance.now();
  if (options.backupFiles)
    outcome.backup = createBackup(db, options.backupFiles, 'before-import', { now: () => new Date(options.at) }).name;
  stages.backup = performance.now() - at;
  if (!mayCommit()) throw phraseError('Locked', phrase(costErrors.importStopped));
  at = performance.now();
  let statementsDone = at;
  try {
    const added = inWriteTransaction(db, () => {
      db.prepare(
        'INSERT INTO usage_imports (id, at, file_name, format, digest, rows, added, duplicates, skipped) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)',
      ).run(options.importId, options.at, staging.fileName, outcome.format, outcome.digest);
      const existing = db.prepare('SELECT count(*) FROM usage_records').pluck().get() as number;
      const indexes =
        outcome.fresh >= BULK_LOAD_MIN_ROWS && outcome.fresh >= existing
          ? (db
              .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records' AND sql IS NOT NULL AND name <> ?",
              )
              .all(FILLED_IN_ORDER) as Array<{ name: string; sql: string }>)
          : [];
      for (const index of indexes) db.exec(`DROP INDEX main."${index.name}"`);
      let mark = performance.now();
      stages.prepare = mark - at;
      // One source per provider and day: the import takes over the days a usage sync wrote (see costs/sync/store.ts).
      staging.replaceSyncedDays();
      const count = staging.write(options.importId, outcome.format, options.at, stages);
      mark = performance.now();
      for (const index of indexes) db.exec(index.sql);
      stages.indexes = performance.now() - mark;
      // Rows another writer added since they were staged are duplicates now.
      outcome.duplicates += outcome.fresh - count;
      if (count === 0) throw new NothingToAdd();
      db.prepare('UPDATE usage_imports SET rows = ?, added = ?, duplicates = ?, skipped = ? WHERE id = ?').run(
        outcome.rows,
        count,
        outcome.duplicates,
        outcome.errorCount,
        options.importId,
      );
      appendAudit(db, {
        at: options.at,
        action: 'usage.imported',
        source: options.door,
        detail: auditDetail.usageImported(staging.fileName, outcome.format, count, outcome.duplicates, outcome.errorCount),
      });
      statementsDone = performance.now();
      return count;
    });
    // Encrypting and writing the pages, and the fsyncs (synchronous = FULL).
    stages.commit = performance.now() - statementsDone;
    return { ...outcome, fresh: added, committed: true };
  } catch (error) {
    if (!(error instanceof NothingToAdd)) throw error;
    return { ...outcome, fresh: 0 };
  }
}

/** Frees a preview's staged rows: the staging file is detached and deleted. */
export function dropStaged(staged: StagedImport): void {
  staged.staging.drop();
}

/** A whole import, preview or commit, on one connection: what the CLI's inline runner did before previews were held. */
export async function runImportJob(
  db: Db,
  job: ImportJob,
  onProgress: (rows: number) => void = () => {},
  mayCommit: CommitGate = () => true,
): Promise<JobOutcome> {
  const staged = await stageImport(db, job, stagingPathFor(db.name), onProgress);
  try {
    return job.mode === 'commit' ? commitStaged(db, staged, job, mayCommit) : staged.outcome;
  } finally {
    dropStaged(staged);
  }
}

/** Thrown inside the write transaction to roll it back when every staged row turned out to be there already. */
class NothingToAdd extends Error {}

/** Staging files are named so; any left by a crash are removed (sweepStaging). */
export const STAGING_PREFIX = 'import-staging-';

/** A staging file older than this belongs to no live preview (they expire after 30 minutes). */
const STALE_STAGING_MS = 2 * 60 * 60_000;

/** Removes staging files a crashed or killed import left beside the vault (each is encrypted under a key that died with it). */
export function sweepStaging(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > STALE_STAGING_MS) rmSync(path, { force: true });
    } catch {
      // Gone meanwhile.
    }
  }
}

/**
 * Which of a batch of identities the vault already holds: one indexed query per batch (the
 * unique index on usage_records.identity), skipped while the vault holds no usage at all.
 */
class KnownIdentities {
  readonly #lookup;
  readonly #empty: boolean;

  constructor(db: Db) {
    this.#empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM usage_records)').pluck().get() === 1;
    this.#lookup = db
      .prepare(
        `SELECT identity FROM main.usage_records WHERE identity IN (${Array.from({ length: LOOKUP_BATCH }, () => '?').join(', ')})`,
      )
      .pluck();
  }

  /** The identities (as latin1 strings) of `identities` already in the vault; null when none can be. */
  among(identities: readonly Buffer[]): Set<string> | null {
    if (this.#empty || identities.length === 0) return null;
    const found = new Set<string>();
    for (let at = 0; at < identities.length; at += LOOKUP_BATCH) {
      const batch = identities.slice(at, at + LOOKUP_BATCH);
      // A short batch repeats its first identity: IN does not mind, and one statement serves all.
      while (batch.length < LOOKUP_BATCH) batch.push(batch[0]!);
      for (const identity of this.#lookup.all(...batch) as Buffer[]) found.add(identity.toString('latin1'));
    }
    return found;
  }
}

const ROLLUP_INSERT = `INSERT INTO usage_daily (day, provider, key_ref, model, records, unpriced_records, cost_micros, input_tokens,
  output_tokens, cached_tokens, cache_write_tokens, requests)`;
const ROLLUP_UPSERT = `ON CONFLICT (day, provider, key_ref, model) DO UPDATE SET
  records = records + excluded.records,
  unpriced_records = unpriced_records + excluded.unpriced_records,
  cost_micros = cost_micros + excluded.cost_micros,
  input_tokens = input_tokens + excluded.input_tokens,
  output_tokens = output_tokens + excluded.output_tokens,
  cached_tokens = cached_tokens + excluded.cached_tokens,
  cache_write_tokens = cache_write_tokens + excluded.cache_write_tokens,
  requests = requests + excluded.requests`;

/** Past this many usage_daily groups (about 100 bytes each) the rollup is left to SQL at the commit. */
const MAX_ROLLUP_GROUPS = 150_000;

/**
 * The staged rows' usage_daily groups, summed as the rows are staged: a map from the group's key
 * (day, provider, key_ref, model; key_ref as usage_daily defines it) to a slot of eight sums in
 * one growing Float64Array (exact: every sum stays far below 2^53). About 100 bytes a group; an
 * object a group took three times that, in a worker whose heap is capped.
 */
class RollupGroups {
  static readonly SUMS = 8;
  readonly #slots = new Map<string, number>();
  #sums = new Float64Array(RollupGroups.SUMS * 1024);

  get size(): number {
    return this.#slots.size;
  }

  add(record: PreparedRecord): void {
    const keyRef = record.keyId ?? (record.keyHint === null ? '' : `export:${record.keyHint}`);
    const id = `${record.day}\u001f${record.provider}\u001f${keyRef}\u001f${record.model}`;
    let slot = this.#slots.get(id);
    if (slot === undefined) {
      slot = this.#slots.size;
      this.#slots.set(id, slot);
      if ((slot + 1) * RollupGroups.SUMS > this.#sums.length) {
        const grown = new Float64Array(this.#sums.length * 2);
        grown.set(this.#sums);
        this.#sums = grown;
      }
    }
    const sums = this.#sums;
    const at = slot * RollupGroups.SUMS;
    const { row } = record;
    sums[at] = sums[at]! + 1;
    if (record.costMicros === null) sums[at + 1] = sums[at + 1]! + 1;
    else sums[at + 2] = sums[at + 2]! + record.costMicros;
    sums[at + 3] = sums[at + 3]! + row.inputTokens;
    sums[at + 4] = sums[at + 4]! + row.outputTokens;
    sums[at + 5] = sums[at + 5]! + row.cachedTokens;
    sums[at + 6] = sums[at + 6]! + row.cacheWriteTokens;
    sums[at + 7] = sums[at + 7]! + row.requests;
  }

  clear(): void {
    this.#slots.clear();
    this.#sums = new Float64Array(0);
  }

  /**
   * usage_daily's columns for each group, in the table's key order (each upsert lands next to the
   * one before in the B-tree): day, provider, key_ref, model, records, unpriced_records,
   * cost_micros, input, output, cached and cache-write tokens, requests.
   */
  *rows(): Generator<Array<string | number>> {
    const ids = [...this.#slots.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const id of ids) {
      const at = this.#slots.get(id)! * RollupGroups.SUMS;
      yield [...id.split('\u001f'), ...this.#sums.subarray(at, at + RollupGroups.SUMS)];
    }
  }
}

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
  'prices_id',
  'note',
] as const;
/** Staged rows copied into usage_records per statement (see Staging.write). */
const INSERT_SLICE = 16_384;
/** Rows per multi-row INSERT: one call into SQLite per batch instead of per row. */
const BATCH = 200;

interface Totals {
  records: number;
  costMicros: number;
  firstDay: string | null;
  lastDay: string | null;
  /** Records without a price, by model ('' for rows that name none). */
  unpriced: Map<string, number>;
}

/**
 * An import's new rows, read and priced, waiting for the commit in a staging database attached
 * to the job's own connection: a file of its own beside the vault, encrypted (SQLCipher, as the
 * vault) under a random key that lives only in this connection, so the rows never reach the disk
 * readable and the memory they take stays bounded by its page cache (a million rows in memory
 * took ~250 MB). Rows repeated within the file are dropped at once (the first one counts). A
 * commit copies the rows into `usage_records` and adds their rollup, in one statement each.
 */
export class Staging {
  readonly #db: Db;
  readonly #path: string;
  readonly fileName: string;
  readonly #batch: unknown[] = [];
  #rows = 0;
  /** Records offered (including those repeated within the file). */
  attempted = 0;
  /** The totals, kept as rows are staged; exact while no row was dropped as a repeat. */
  readonly #totals: Totals = { records: 0, costMicros: 0, firstDay: null, lastDay: null, unpriced: new Map() };
  #repeats = false;
  #pending: PreparedRecord[] = [];
  /** The staged rows' daily rollup, kept as they are staged (exact while no row was a repeat). */
  readonly #rollup = new RollupGroups();
  /** False once the groups outgrew MAX_ROLLUP_GROUPS: the commit sums them in SQL instead. */
  #rollupKept = true;
  readonly #many;
  readonly #one;
  #attached = false;
  readonly #pricesIds = new Map<string, number>();
  readonly #addPrices;

  constructor(db: Db, path: string, fileName: string) {
    this.#db = db;
    this.#path = path;
    this.fileName = fileName;
    // The vault's connections open only existing files, and an ATTACH opens as its connection
    // does: the file is made first (empty, which SQLite takes for a new database), readable by the user alone.
    writeFileSync(path, '', { flag: 'wx', mode: 0o600 });
    const key = randomBytes(32);
    db.prepare('ATTACH DATABASE ? AS staging KEY ?').run(path, `x'${key.toString('hex')}'`);
    key.fill(0);
    this.#attached = true;
    // Nothing here needs to survive a crash (the file is useless without its key): no journal,
    // no fsync, no zeroing of freed pages. The page cache holds the identity index.
    db.pragma('staging.journal_mode = OFF');
    db.pragma('staging.synchronous = OFF');
    db.pragma('staging.secure_delete = OFF');
    db.pragma(`staging.cache_size = -${STAGING_CACHE_KIB}`);
    db.exec(`CREATE TABLE staging.import_staging (
      seq INTEGER PRIMARY KEY, line INTEGER NOT NULL, identity BLOB NOT NULL UNIQUE, day TEXT NOT NULL, provider TEXT NOT NULL,
      key_id TEXT, key_hint TEXT, model TEXT NOT NULL, model_raw TEXT NOT NULL, input_tokens INTEGER NOT NULL,
      output_tokens INTEGER NOT NULL, cached_tokens INTEGER NOT NULL, cache_write_tokens INTEGER NOT NULL, requests INTEGER NOT NULL,
      cost_micros INTEGER, cost_basis TEXT NOT NULL, prices_id INTEGER, note TEXT NOT NULL)`);
    // The prices a record was priced with are the same JSON for every record of a model (177
    // bytes of a 410-byte record in the benchmark's export): staged once each, by number.
    db.exec('CREATE TABLE staging.import_prices (id INTEGER PRIMARY KEY, json TEXT NOT NULL)');
    this.#addPrices = db.prepare('INSERT INTO staging.import_prices (id, json) VALUES (?, ?)');
    const values = `(${STAGED_COLUMNS.map(() => '?').join(', ')})`;
    const insert = `INSERT OR IGNORE INTO staging.import_staging (${STAGED_COLUMNS.join(', ')}) VALUES `;
    this.#many = db.prepare(insert + Array.from({ length: BATCH }, () => values).join(', '));
    this.#one = db.prepare(insert + values);
    // One transaction for all the staging: a transaction per batch wrote (and encrypted) every
    // index page the batch touched, again and again. It reads the vault from one snapshot, and
    // writes nothing there.
    db.exec('BEGIN');
  }

  add(line: number, record: PreparedRecord, pricesUsed: string | null): void {
    const { row } = record;
    let pricesId: number | null = null;
    if (pricesUsed !== null) {
      pricesId = this.#pricesIds.get(pricesUsed) ?? null;
      if (pricesId === null) {
        pricesId = this.#pricesIds.size + 1;
        this.#pricesIds.set(pricesUsed, pricesId);
        this.#addPrices.run(pricesId, pricesUsed);
      }
    }
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
      pricesId,
      row.note,
    );
    this.#pending.push(record);
    this.attempted += 1;
    if (++this.#rows === BATCH) {
      this.#settle(this.#many.run(...this.#batch).changes);
      this.#batch.length = 0;
      this.#rows = 0;
    }
  }

  /** Counts a written batch into the totals; a batch with a repeat makes them a query instead. */
  #settle(inserted: number): void {
    if (inserted !== this.#pending.length) this.#repeats = true;
    if (!this.#repeats) {
      const totals = this.#totals;
      for (const record of this.#pending) {
        const { day, costMicros, model } = record;
        if (this.#rollupKept) this.#rollup.add(record);
        totals.records += 1;
        if (costMicros === null) totals.unpriced.set(model, (totals.unpriced.get(model) ?? 0) + 1);
        else totals.costMicros += costMicros;
        if (totals.firstDay === null || day < totals.firstDay) totals.firstDay = day;
        if (totals.lastDay === null || day > totals.lastDay) totals.lastDay = day;
      }
    }
    this.#pending = [];
    if (this.#rollupKept && this.#rollup.size > MAX_ROLLUP_GROUPS) {
      this.#rollupKept = false;
      this.#rollup.clear();
    }
  }

  /** Stages what is left. */
  finish(): void {
    const width = STAGED_COLUMNS.length;
    let inserted = 0;
    for (let at = 0; at < this.#batch.length; at += width)
      inserted += this.#one.run(...this.#batch.slice(at, at + width)).changes;
    this.#settle(inserted);
    this.#batch.length = 0;
    this.#rows = 0;
    if (this.#db.inTransaction) this.#db.exec('COMMIT');
  }

  totals(): Totals {
    if (!this.#repeats) return { ...this.#totals, unpriced: new Map(this.#totals.unpriced) };
    const sums = this.#db
      .prepare(
        'SELECT count(*) AS records, coalesce(sum(cost_micros), 0) AS costMicros, min(day) AS firstDay, max(day) AS lastDay FROM staging.import_staging',
      )
      .get() as Omit<Totals, 'unpriced'>;
    const rows = this.#db
      .prepare("SELECT model, count(*) AS n FROM staging.import_staging WHERE cost_basis = 'unpriced' GROUP BY model")
      .all() as Array<{ model: string; n: number }>;
    return { ...sums, unpriced: new Map(rows.map((row) => [row.model, row.n])) };
  }

  /** The first staged records in file order, as the preview shows them. */
  sample(limit: number): Array<Omit<PreviewRow, 'keyLabel'> & { keyId: string | null }> {
    return this.#db
      .prepare(
        `SELECT line, day, provider, model, key_id AS keyId, key_hint AS keyHint, input_tokens AS inputTokens, output_tokens AS outputTokens,
           requests, cost_micros AS costMicros, cost_basis AS costBasis
         FROM staging.import_staging ORDER BY seq LIMIT ?`,
      )
      .all(limit) as Array<Omit<PreviewRow, 'keyLabel'> & { keyId: string | null }>;
  }

  /**
   * Inside the write transaction: the staged rows into usage_records in file order (the rowids
   * follow the staging table's, which is read front to back), then their daily rollup in one
   * upsert. Returns the rows added.
   */
  write(importId: string, format: ImportFormat, at: string, stages: Record<string, number>): number {
    let started = performance.now();
    // From here the staged rows are only read front to back: their cache can give its memory to
    // the vault's (which the identity index and the index builds need).
    this.#db.pragma(`staging.cache_size = -${STAGING_READ_CACHE_KIB}`);
    // A slice at a time: with a trigger on usage_records, SQLite first copies what an INSERT …
    // SELECT selects into a temporary table, which lives in memory (temp_store): for a million
    // rows in one statement that was 465 MB.
    const insert = this.#db.prepare(
      `INSERT INTO usage_records (identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens,
         cached_tokens, cache_write_tokens, requests, cost_micros, currency, cost_basis, prices_used, import_id, import_format, note, created_at)
       SELECT identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens,
         cached_tokens, cache_write_tokens, requests, cost_micros, 'USD', cost_basis,
         (SELECT json FROM staging.import_prices p WHERE p.id = prices_id), ?, ?, note, ?
       FROM staging.import_staging WHERE seq > ? AND seq <= ? ORDER BY seq
       ON CONFLICT (identity) DO NOTHING`,
    );
    const last = (this.#db.prepare('SELECT coalesce(max(seq), 0) FROM staging.import_staging').pluck().get() as number) ?? 0;
    let added = 0;
    for (let from = 0; from < last; from += INSERT_SLICE)
      added += insert.run(importId, format, at, from, from + INSERT_SLICE).changes;
    stages.insert = performance.now() - started;
    started = performance.now();
    // usage_records' insert trigger skips imported rows (migration 4): their rollup is added here.
    // From the groups summed as the rows were staged when all of them went in (the usual case),
    // else from the rows that did.
    if (added === this.totals().records && !this.#repeats && this.#rollupKept) {
      const upsert = this.#db.prepare(`${ROLLUP_INSERT} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ${ROLLUP_UPSERT}`);
      for (const values of this.#rollup.rows()) upsert.run(...values);
    } else {
      const source = added === this.totals().records ? 'staging.import_staging' : 'main.usage_records WHERE import_id = ?';
      this.#db
        .prepare(
          `${ROLLUP_INSERT}
           SELECT day, provider, coalesce(key_id, CASE WHEN key_hint IS NULL THEN '' ELSE 'export:' || key_hint END), model,
             count(*), sum(cost_micros IS NULL), coalesce(sum(cost_micros), 0), sum(input_tokens), sum(output_tokens),
             sum(cached_tokens), sum(cache_write_tokens), sum(requests)
           FROM ${source}
           GROUP BY 1, 2, 3, 4
           ${ROLLUP_UPSERT}`,
        )
        .run(...(source.includes('?') ? [importId] : []));
    }
    stages.rollup = performance.now() - started;
    return added;
  }

  /** The provider days of the fresh rows for which a usage sync wrote records. */
  syncedDays(): Array<{ provider: string; day: string }> {
    return this.#db
      .prepare(
        `SELECT DISTINCT d.provider, d.day FROM main.usage_sync_days d
         WHERE EXISTS (SELECT 1 FROM staging.import_staging s WHERE s.provider = d.provider AND s.day = d.day)
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

  /** Detaches and deletes the staging file. Safe to call more than once, and after the connection closed. */
  drop(): void {
    if (this.#attached && this.#db.open) {
      try {
        if (this.#db.inTransaction) this.#db.exec('ROLLBACK');
        this.#db.exec('DETACH DATABASE staging');
      } catch {
        // Closing the connection detaches it too.
      }
    }
    this.#attached = false;
    rmSync(this.#path, { force: true });
    rmSync(`${this.#path}-journal`, { force: true });
  }
}

function syncedDaysWarning(days: Array<{ provider: string; day: string }>): Phrase {
  const providers = [...new Set(days.map((item) => providerDisplayName(item.provider)))].join(', ');
  const span = days.length === 1 ? days[0]!.day : `${days[0]!.day} … ${days.at(-1)!.day}`;
  return phrase(importWarnings.syncedDays, { count: days.length, providers, span });
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

function warnings(db: Db, outcome: JobOutcome, unpriced: Map<string, number>, unmodelled: number): Phrase[] {
  const list: Phrase[] = [];
  if (unpriced.size > 0) {
    const count = [...unpriced.values()].reduce((a, b) => a + b, 0);
    list.push(phrase(importWarnings.unpriced, { count, models: [...unpriced.keys()].sort().join(', ') }));
  }
  if (unmodelled > 0) list.push(phrase(importWarnings.unmodelled, { count: unmodelled }));
  const sibling = importFormatInfo[outcome.format].sibling;
  if (sibling && outcome.firstDay && outcome.lastDay) {
    const overlap = db
      .prepare('SELECT count(*) FROM usage_records WHERE import_format = ? AND day BETWEEN ? AND ?')
      .pluck()
      .get(sibling, outcome.firstDay, outcome.lastDay) as number;
    if (overlap > 0) {
      const provider = providerDisplayName(outcome.format.split('-')[0]!);
      list.push(phrase(importWarnings.sibling, { sibling: phrase(importFormatWords[sibling]), provider }));
    }
  }
  return list;
}
