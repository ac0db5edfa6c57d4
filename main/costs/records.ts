import { randomBytes } from 'node:crypto';
import type { CostBasis, ImportFormat, PricesUsed, UsageRecord } from '../../contract/costs.ts';
import { microsToUsdString } from '../../contract/costs.ts';
import { monthBounds } from '../../contract/days.ts';
import type { Db } from '../vault/database.ts';
import type { PriceBook, UsageAmounts } from './pricing.ts';

export interface RecordFilter {
  from?: string | undefined;
  to?: string | undefined;
  month?: string | undefined;
  provider?: string | undefined;
  keyId?: string | undefined;
  model?: string | undefined;
}

interface RecordRow {
  id: number;
  day: string;
  provider: string;
  key_id: string | null;
  key_label: string | null;
  key_hint: string | null;
  model: string;
  model_raw: string;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  requests: number;
  cost_micros: number | null;
  cost_basis: CostBasis;
  prices_used: string | null;
  import_id: string | null;
  import_format: ImportFormat | null;
  sync_source: string | null;
  note: string;
  created_at: string;
}

const SELECT = `SELECT r.id, r.day, r.provider, r.key_id, k.label || CASE WHEN k.deleted_at IS NULL THEN '' ELSE ' (in trash)' END AS key_label, r.key_hint, r.model, r.model_raw, r.input_tokens,
  r.output_tokens, r.cached_tokens, r.cache_write_tokens, r.requests, r.cost_micros, r.cost_basis, r.prices_used, r.import_id,
  r.import_format, r.sync_source, r.note, r.created_at
  FROM usage_records r LEFT JOIN keys k ON k.id = r.key_id`;

function whereOf(filter: RecordFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const range = filter.month ? monthBounds(filter.month) : null;
  const from = [filter.from, range?.from].filter(Boolean).sort().at(-1);
  const to = [filter.to, range?.to].filter(Boolean).sort()[0];
  if (from) {
    clauses.push('r.day >= ?');
    params.push(from);
  }
  if (to) {
    clauses.push('r.day <= ?');
    params.push(to);
  }
  if (filter.provider) {
    clauses.push('r.provider = ?');
    params.push(filter.provider);
  }
  if (filter.keyId) {
    clauses.push('r.key_id = ?');
    params.push(filter.keyId);
  }
  if (filter.model) {
    clauses.push('r.model = ?');
    params.push(filter.model);
  }
  return { sql: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

export function toRecord(row: RecordRow): UsageRecord {
  return {
    id: row.id,
    day: row.day,
    provider: row.provider,
    keyId: row.key_id,
    keyLabel: row.key_label,
    keyHint: row.key_hint,
    model: row.model,
    modelRaw: row.model_raw,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cachedTokens: row.cached_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    requests: row.requests,
    costMicros: row.cost_micros,
    currency: 'USD',
    costBasis: row.cost_basis,
    pricesUsed: row.prices_used ? (JSON.parse(row.prices_used) as PricesUsed) : null,
    source: row.import_id ?? (row.sync_source ? `sync:${row.sync_source}` : 'manual'),
    importFormat: row.import_format,
    note: row.note,
    createdAt: row.created_at,
  };
}

export function getRecord(db: Db, id: number): UsageRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RecordRow | undefined;
  return row && toRecord(row);
}

/** A record entered by hand (imports write theirs in import-job.ts). Returns its id. */
export function insertRecord(
  db: Db,
  record: UsageAmounts & {
    day: string;
    provider: string;
    keyId: string | null;
    model: string;
    modelRaw: string;
    costMicros: number | null;
    costBasis: CostBasis;
    pricesUsed: PricesUsed | null;
    note: string;
    createdAt: string;
  },
): number {
  const result = db
    .prepare(
      `INSERT INTO usage_records (identity, day, provider, key_id, model, model_raw, input_tokens, output_tokens, cached_tokens,
         cache_write_tokens, requests, cost_micros, cost_basis, prices_used, note, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomBytes(16),
      record.day,
      record.provider,
      record.keyId,
      record.model,
      record.modelRaw,
      record.inputTokens,
      record.outputTokens,
      record.cachedTokens,
      record.cacheWriteTokens,
      record.requests,
      record.costMicros,
      record.costBasis,
      record.pricesUsed && JSON.stringify(record.pricesUsed),
      record.note,
      record.createdAt,
    );
  return Number(result.lastInsertRowid);
}

export function deleteRecord(db: Db, id: number): void {
  db.prepare('DELETE FROM usage_records WHERE id = ?').run(id);
}

/**
 * Records kept unpriced for lack of a price get one once `model` has a price in `book`. Records
 * that already have a cost are never touched: a price change does not rewrite history.
 * Returns how many were priced.
 */
export function priceUnpricedRecords(db: Db, book: PriceBook, model: string): number {
  const rows = db
    .prepare(
      `SELECT id, model_raw AS modelRaw, input_tokens AS inputTokens, output_tokens AS outputTokens, cached_tokens AS cachedTokens,
         cache_write_tokens AS cacheWriteTokens, requests FROM usage_records WHERE cost_basis = 'unpriced' AND model <> ''`,
    )
    .all() as Array<{
    id: number;
    modelRaw: string;
    inputTokens: number;
    outputTokens: number;
    cachedTokens: number;
    cacheWriteTokens: number;
    requests: number;
  }>;
  const update = db.prepare(
    "UPDATE usage_records SET model = ?, cost_micros = ?, cost_basis = 'computed', prices_used = ? WHERE id = ?",
  );
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

/** Newest day first. */
export function listRecords(
  db: Db,
  filter: RecordFilter,
  limit: number,
  offset: number,
): { records: UsageRecord[]; total: number } {
  const w = whereOf(filter);
  const total = db
    .prepare(`SELECT count(*) FROM usage_records r${w.sql}`)
    .pluck()
    .get(...w.params) as number;
  const rows = db
    .prepare(`${SELECT}${w.sql} ORDER BY r.day DESC, r.id DESC LIMIT ? OFFSET ?`)
    .all(...w.params, limit, offset) as RecordRow[];
  return { records: rows.map(toRecord), total };
}

const CSV_COLUMNS = [
  'day',
  'provider',
  'key',
  'key_id',
  'model',
  'model_as_given',
  'input_tokens',
  'output_tokens',
  'cached_tokens',
  'cache_write_tokens',
  'requests',
  'cost_usd',
  'cost_basis',
  'source',
  'note',
] as const;

/**
 * RFC 4180 quoting, plus a guard for spreadsheets: a text cell that starts like a formula
 * (= + - @, tab, CR) is prefixed with ' so opening the export never runs what an import brought in.
 * The full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) count too: spreadsheets with East Asian
 * input settings read them as the ASCII ones (issue 18, item 10).
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]/u;

export function csvCell(value: string | number | null, text = true): string {
  if (value === null) return '';
  let cell = String(value);
  if (text && FORMULA_START.test(cell)) cell = `'${cell}`;
  return /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** The filtered records as CSV, oldest first, with costs in dollars written exactly. */
export function recordsCsv(db: Db, filter: RecordFilter): { csv: string; records: number } {
  const w = whereOf(filter);
  const lines = [CSV_COLUMNS.join(',')];
  let records = 0;
  for (const raw of db.prepare(`${SELECT}${w.sql} ORDER BY r.day, r.id`).iterate(...w.params)) {
    const r = toRecord(raw as RecordRow);
    records += 1;
    lines.push(
      [
        csvCell(r.day, false),
        csvCell(r.provider),
        csvCell(r.keyLabel ?? r.keyHint),
        csvCell(r.keyId, false),
        csvCell(r.model),
        csvCell(r.modelRaw),
        csvCell(r.inputTokens, false),
        csvCell(r.outputTokens, false),
        csvCell(r.cachedTokens, false),
        csvCell(r.cacheWriteTokens, false),
        csvCell(r.requests, false),
        csvCell(r.costMicros === null ? null : microsToUsdString(r.costMicros), false),
        csvCell(r.costBasis, false),
        csvCell(r.importFormat ? `import:${r.importFormat}` : r.source, false),
        csvCell(r.note),
      ].join(','),
    );
  }
  return { csv: `${lines.join('\r\n')}\r\n`, records };
}
