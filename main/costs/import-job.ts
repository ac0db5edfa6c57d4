import { createHash } from 'node:crypto';
import type { AuditSource } from '../../contract/audit.ts';
import type { ColumnMapping, CostBasis, ImportFormat, ImportIssue, PreviewRow, PricesUsed } from '../../contract/costs.ts';
import { KeywardError } from '../../contract/errors.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { appendAudit } from '../audit/log.ts';
import { maskSecret } from '../keys/mask.ts';
import { recognizeKey } from '../keys/recognize.ts';
import { createBackup } from '../vault/backups.ts';
import type { Db } from '../vault/database.ts';
import { digestOf, formatLabels, readImport, type ImportSource } from './importers/read-file.ts';
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

/** Formats that describe the same spend another way: importing both counts it twice. */
const siblings: Partial<Record<ImportFormat, ImportFormat>> = {
  'openai-cost': 'openai-activity',
  'openai-activity': 'openai-cost',
  'anthropic-usage': 'anthropic-cost',
  'anthropic-cost': 'anthropic-usage',
  'openrouter-requests': 'openrouter-summary',
  'openrouter-summary': 'openrouter-requests',
};

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

export function identityOf(format: ImportFormat, fields: readonly string[]): Buffer {
  const hash = createHash('sha256').update(format);
  for (const field of fields) hash.update('\u001f').update(field);
  return hash.digest().subarray(0, 16);
}

export async function runImportJob(db: Db, job: ImportJob, onProgress: (rows: number) => void = () => {}): Promise<JobOutcome> {
  // This connection is the job's own: a larger page cache keeps the identity index's random
  // inserts in memory (64 MiB; temp_store is already memory, so nothing plain reaches the disk).
  db.pragma('cache_size = -65536');
  const prices = PriceBook.load(db);
  const keys = db.prepare('SELECT id, label, provider FROM keys').all() as KeyRef[];
  const forcedKey = job.keyId ? keys.find((k) => k.id === job.keyId) : undefined;
  if (job.keyId && !forcedKey) throw new KeywardError('NotFound', 'No key with that id to link the import to.');
  const byLabel = labelIndex(keys);

  const outcome: JobOutcome = {
    format: job.format ?? 'generic',
    formatLabel: job.format ? formatLabels[job.format] : 'Unrecognised file',
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
  const unpriced = new Map<string, number>();
  let unmodelled = 0;
  const seen = new Set<string>();
  const exists = db.prepare('SELECT 1 FROM usage_records WHERE identity = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO usage_records (identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens,
       cached_tokens, cache_write_tokens, requests, cost_micros, currency, cost_basis, prices_used, import_id, import_format, note, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, ?)
     ON CONFLICT (identity) DO NOTHING`,
  );

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

  const commit = job.mode === 'commit';
  if (commit && job.backupFiles) {
    outcome.backup = createBackup(db, job.backupFiles, 'before-import', { now: () => new Date(job.at) }).name;
  }
  if (commit) {
    db.exec('BEGIN IMMEDIATE');
    db.prepare(
      'INSERT INTO usage_imports (id, at, file_name, format, digest, rows, added, duplicates, skipped) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)',
    ).run(job.importId, job.at, job.fileName, outcome.format, outcome.digest);
  }
  try {
    try {
      const items = readImport(job.file, {
        format: job.format,
        mapping: job.mapping,
        weigh,
        onFormat: (format) => {
          outcome.format = format;
          outcome.formatLabel = formatLabels[format];
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
          const id = record.identity.toString('base64');
          let fresh: boolean;
          if (commit) {
            fresh =
              insert.run(
                record.identity, record.day, record.provider, record.keyId, record.keyHint, record.model, record.modelRaw,
                row.inputTokens, row.outputTokens, row.cachedTokens, row.cacheWriteTokens, row.requests,
                record.costMicros, record.costBasis, record.pricesUsed && JSON.stringify(record.pricesUsed),
                job.importId, outcome.format, row.note, job.at,
              ).changes === 1;
          } else {
            fresh = !seen.has(id) && exists.get(record.identity) === undefined;
            seen.add(id);
          }
          if (!fresh) {
            outcome.duplicates += 1;
            continue;
          }
          outcome.fresh += 1;
          outcome.costMicros += record.costMicros ?? 0;
          if (record.costBasis === 'unpriced') {
            if (record.model) unpriced.set(record.model, (unpriced.get(record.model) ?? 0) + 1);
            else unmodelled += 1;
          }
          if (!outcome.firstDay || record.day < outcome.firstDay) outcome.firstDay = record.day;
          if (!outcome.lastDay || record.day > outcome.lastDay) outcome.lastDay = record.day;
          if (outcome.sample.length < SAMPLE_ROWS) outcome.sample.push(previewRow(item.line, record));
        }
      }
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      outcome.fatal = true;
      addError(outcome, { line: error.line, message: error.message });
    }
    outcome.errors.sort((a, b) => a.line - b.line);
    outcome.unpricedModels = [...unpriced.keys()].sort();
    outcome.warnings = warnings(db, outcome, unpriced, unmodelled);

    const rejected = outcome.fatal || (outcome.errorCount > 0 && !job.skipInvalid);
    if (commit) {
      if (rejected || outcome.fresh === 0) {
        db.exec('ROLLBACK');
      } else {
        db.prepare('UPDATE usage_imports SET rows = ?, added = ?, duplicates = ?, skipped = ? WHERE id = ?').run(
          outcome.rows,
          outcome.fresh,
          outcome.duplicates,
          outcome.errorCount,
          job.importId,
        );
        appendAudit(db, {
          at: job.at,
          action: 'usage.imported',
          source: job.door,
          detail: `${job.fileName} (${outcome.format}): ${outcome.fresh} added, ${outcome.duplicates} duplicates, ${outcome.errorCount} skipped`,
        });
        db.exec('COMMIT');
        outcome.committed = true;
      }
    }
  } catch (error) {
    if (commit && db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return outcome;
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

function previewRow(line: number, record: PreparedRecord): PreviewRow {
  return {
    line,
    day: record.day,
    provider: record.provider,
    model: record.model,
    keyLabel: record.keyLabel,
    keyHint: record.keyHint,
    inputTokens: record.row.inputTokens,
    outputTokens: record.row.outputTokens,
    requests: record.row.requests,
    costMicros: record.costMicros,
    costBasis: record.costBasis,
  };
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
  const sibling = siblings[outcome.format];
  if (sibling && outcome.firstDay && outcome.lastDay) {
    const overlap = db
      .prepare('SELECT count(*) FROM usage_records WHERE import_format = ? AND day BETWEEN ? AND ?')
      .pluck()
      .get(sibling, outcome.firstDay, outcome.lastDay) as number;
    if (overlap > 0) {
      const provider = providerDisplayName(outcome.format.split('-')[0]!);
      list.push(
        `The vault already has ${formatLabels[sibling]} records for these days: both exports describe the same ${provider} spend, so importing this one too counts it twice.`,
      );
    }
  }
  return list;
}
