import { hash } from 'node:crypto';
import type { CostBasis, PricesUsed } from '../../../contract/costs.ts';
import type { KeyLink, SyncProvider, SyncSourceResult } from '../../../contract/usage-sync.ts';
import { addDays } from '../../../contract/days.ts';
import type { Db } from '../../vault/database.ts';
import { PriceBook } from '../pricing.ts';
import { matchKey, type VaultKeyFacts } from './attribution.ts';
import type { ProviderKey, SyncedRow } from './report.ts';

/** The furthest back a sync reaches (`--since`, or a cursor moved back by an undone import). */
export const MAX_SYNC_DAYS = 366;

/**
 * What a sync writes, inside one write transaction: the records of each fetched day (added,
 * updated in place, or removed when the provider no longer reports them), the days it owns with
 * the provider's billed total, and the provider keys with their attribution.
 *
 * One source per provider and day: a day for which the vault holds records of a CSV import of
 * the same provider belongs to that import, and the sync writes nothing for it (the import is the
 * user's own statement of that day; see import-job.ts, where an import takes over synced days).
 */

/** The identity of a synced record: stable across syncs, so a re-fetched day updates, never duplicates. */
export function syncIdentity(provider: SyncProvider, row: SyncedRow): Buffer {
  const fields = [
    'sync',
    provider,
    row.endpoint,
    row.day,
    row.vaultKeyId ?? '',
    row.apiKeyId ?? '',
    row.scope ?? '',
    row.model,
    row.variant,
  ];
  return hash('sha256', fields.join('\u001f'), 'buffer').subarray(0, 16);
}

interface StoredRecord {
  id: number;
  identity: Buffer;
  key_id: string | null;
  key_hint: string | null;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  requests: number;
  cost_micros: number | null;
}

interface Prepared {
  identity: Buffer;
  row: SyncedRow;
  keyId: string | null;
  keyHint: string | null;
  model: string;
  costMicros: number | null;
  costBasis: CostBasis;
  pricesUsed: PricesUsed | null;
}

export type WriteCounts = Pick<
  SyncSourceResult,
  'added' | 'updated' | 'removed' | 'unchanged' | 'skippedDays' | 'recordedMicros'
>;

/** Days in `days` for which a CSV import of `provider` holds records: the import owns them. */
export function importOwnedDays(db: Db, provider: string, from: string, to: string): Set<string> {
  const days = db
    .prepare('SELECT DISTINCT day FROM usage_records WHERE provider = ? AND day BETWEEN ? AND ? AND import_id IS NOT NULL')
    .pluck()
    .all(provider, from, to) as string[];
  return new Set(days);
}

/**
 * Stores the provider's keys and links each to a vault key, unless the user decided that key
 * themselves. Returns the provider key id → vault key id map the records use.
 */
export function storeLinks(
  db: Db,
  provider: SyncProvider,
  keys: readonly ProviderKey[],
  candidates: readonly VaultKeyFacts[],
  at: string,
): Map<string, string | null> {
  const upsert = db.prepare(
    `INSERT INTO usage_key_links (provider, api_key_id, name, hint, key_id, set_by, matched_on, seen_at)
     VALUES (?, ?, ?, ?, ?, 'match', ?, ?)
     ON CONFLICT (provider, api_key_id) DO UPDATE SET name = excluded.name, hint = excluded.hint, seen_at = excluded.seen_at,
       key_id = CASE WHEN set_by = 'user' THEN key_id ELSE excluded.key_id END,
       matched_on = CASE WHEN set_by = 'user' THEN matched_on ELSE excluded.matched_on END`,
  );
  for (const key of keys) {
    const match = matchKey(key, candidates);
    upsert.run(provider, key.apiKeyId, key.name, key.hint, match?.keyId ?? null, match?.on ?? '', at);
  }
  const rows = db.prepare('SELECT api_key_id, key_id, name FROM usage_key_links WHERE provider = ?').all(provider) as Array<{
    api_key_id: string;
    key_id: string | null;
    name: string;
  }>;
  // A link found now (a key added to the vault since, a name changed) also holds for the closed
  // days synced before, which are not fetched again: their records follow.
  for (const row of rows) relinkRecords(db, provider, row.api_key_id, row.key_id, row.name);
  return new Map(rows.map((row) => [row.api_key_id, row.key_id]));
}

/** The vault keys of a provider a provider key may be: not in the trash, and not an admin key. */
export function attributionCandidates(db: Db, provider: string): VaultKeyFacts[] {
  return db
    .prepare(
      "SELECT id, label, masked FROM keys WHERE provider = ? AND deleted_at IS NULL AND masked NOT LIKE 'sk-admin-%' AND masked NOT LIKE 'sk-ant-admin01-%'",
    )
    .all(provider) as VaultKeyFacts[];
}

export function writeDays(options: {
  db: Db;
  provider: SyncProvider;
  days: readonly string[];
  rows: readonly SyncedRow[];
  billed: ReadonlyMap<string, number>;
  links: ReadonlyMap<string, string | null>;
  names: ReadonlyMap<string, string>;
  at: string;
}): WriteCounts {
  const { db, provider, at } = options;
  const prices = PriceBook.load(db);
  const counts: WriteCounts = { added: 0, updated: 0, removed: 0, unchanged: 0, skippedDays: [], recordedMicros: 0 };
  if (options.days.length === 0) return counts;
  const owned = importOwnedDays(db, provider, options.days[0]!, options.days.at(-1)!);
  const byDay = new Map<string, Prepared[]>();
  for (const row of options.rows) {
    const prepared = prepare(provider, row, prices, options.links, options.names);
    const list = byDay.get(row.day) ?? [];
    // The same grouping twice in one answer (it should not happen) adds up rather than overwriting.
    const same = list.find((other) => other.identity.equals(prepared.identity));
    if (same) merge(same, prepared, prices);
    else list.push(prepared);
    byDay.set(row.day, list);
  }
  const existing = db.prepare(
    `SELECT id, identity, key_id, key_hint, model, input_tokens, output_tokens, cached_tokens, cache_write_tokens, requests, cost_micros
     FROM usage_records WHERE sync_source = ? AND provider = ? AND day = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO usage_records (identity, day, provider, key_id, key_hint, model, model_raw, input_tokens, output_tokens, cached_tokens,
       cache_write_tokens, requests, cost_micros, cost_basis, prices_used, note, created_at, sync_source, provider_key_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE usage_records SET key_id = ?, key_hint = ?, model = ?, input_tokens = ?, output_tokens = ?, cached_tokens = ?,
       cache_write_tokens = ?, requests = ?, cost_micros = ?, cost_basis = ?, prices_used = ? WHERE id = ?`,
  );
  const remove = db.prepare('DELETE FROM usage_records WHERE id = ?');
  const ownDay = db.prepare(
    `INSERT INTO usage_sync_days (provider, day, billed_micros, synced_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (provider, day) DO UPDATE SET billed_micros = excluded.billed_micros, synced_at = excluded.synced_at`,
  );
  for (const day of options.days) {
    if (owned.has(day)) {
      counts.skippedDays.push(day);
      continue;
    }
    const stored = new Map((existing.all(provider, provider, day) as StoredRecord[]).map((r) => [r.identity.toString('hex'), r]));
    for (const record of byDay.get(day) ?? []) {
      counts.recordedMicros += record.costMicros ?? 0;
      const id = record.identity.toString('hex');
      const before = stored.get(id);
      stored.delete(id);
      const { row } = record;
      const pricesUsed = record.pricesUsed && JSON.stringify(record.pricesUsed);
      if (!before) {
        insert.run(
          record.identity,
          day,
          provider,
          record.keyId,
          record.keyHint,
          record.model,
          row.model,
          row.inputTokens,
          row.outputTokens,
          row.cachedTokens,
          row.cacheWriteTokens,
          row.requests,
          record.costMicros,
          record.costBasis,
          pricesUsed,
          '',
          at,
          provider,
          row.apiKeyId,
        );
        counts.added += 1;
      } else if (
        before.key_id !== record.keyId ||
        before.key_hint !== record.keyHint ||
        before.model !== record.model ||
        before.input_tokens !== row.inputTokens ||
        before.output_tokens !== row.outputTokens ||
        before.cached_tokens !== row.cachedTokens ||
        before.cache_write_tokens !== row.cacheWriteTokens ||
        before.requests !== row.requests ||
        before.cost_micros !== record.costMicros
      ) {
        update.run(
          record.keyId,
          record.keyHint,
          record.model,
          row.inputTokens,
          row.outputTokens,
          row.cachedTokens,
          row.cacheWriteTokens,
          row.requests,
          record.costMicros,
          record.costBasis,
          pricesUsed,
          before.id,
        );
        counts.updated += 1;
      } else counts.unchanged += 1;
    }
    for (const gone of stored.values()) {
      remove.run(gone.id);
      counts.removed += 1;
    }
    ownDay.run(provider, day, options.billed.get(day) ?? null, at);
  }
  return counts;
}

function prepare(
  provider: SyncProvider,
  row: SyncedRow,
  prices: PriceBook,
  links: ReadonlyMap<string, string | null>,
  names: ReadonlyMap<string, string>,
): Prepared {
  const model = row.model ? (prices.resolve(row.model) ?? row.model) : '';
  const keyId = row.vaultKeyId ?? (row.apiKeyId ? (links.get(row.apiKeyId) ?? null) : null);
  // An unlinked provider key is shown by its console name (or id), like an export's key column.
  const keyHint = keyId || !row.apiKeyId ? null : names.get(row.apiKeyId) || row.apiKeyId;
  const prepared: Prepared = {
    identity: syncIdentity(provider, row),
    row,
    keyId,
    keyHint,
    model,
    costMicros: null,
    costBasis: 'unpriced',
    pricesUsed: null,
  };
  price(prepared, prices);
  return prepared;
}

function price(record: Prepared, prices: PriceBook): void {
  const { row } = record;
  if (row.costMicros !== null) {
    record.costMicros = row.costMicros;
    record.costBasis = 'given';
    record.pricesUsed = null;
    return;
  }
  const priced = record.model ? prices.price(record.model, row, { batch: row.batch, longContext: row.longContext }) : null;
  record.costMicros = priced?.costMicros ?? null;
  record.costBasis = priced ? 'computed' : 'unpriced';
  record.pricesUsed = priced?.pricesUsed ?? null;
}

function merge(into: Prepared, from: Prepared, prices: PriceBook): void {
  const a = into.row;
  const b = from.row;
  into.row = {
    ...a,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheWrite1hTokens: (a.cacheWrite1hTokens ?? 0) + (b.cacheWrite1hTokens ?? 0),
    requests: a.requests + b.requests,
    costMicros: a.costMicros === null && b.costMicros === null ? null : (a.costMicros ?? 0) + (b.costMicros ?? 0),
  };
  price(into, prices);
}

/**
 * Before an import's records go: the days it owned are free again, so each connected provider's
 * sync cursor moves back to the first of them (at most MAX_SYNC_DAYS back) and its next run
 * fetches them.
 */
export function reopenForSync(db: Db, importId: string, today: string): void {
  const spans = db
    .prepare('SELECT provider, min(day) AS first FROM usage_records WHERE import_id = ? GROUP BY provider')
    .all(importId) as Array<{ provider: string; first: string }>;
  const earliest = addDays(today, -MAX_SYNC_DAYS);
  const move = db.prepare(
    'UPDATE usage_sync SET cursor_day = ? WHERE provider = ? AND cursor_day IS NOT NULL AND cursor_day > ?',
  );
  for (const { provider, first } of spans) {
    const day = first < earliest ? earliest : first;
    move.run(day, provider, day);
  }
}

/** Points a provider key's synced records at the vault key now attributed (the rollup follows via the update trigger). */
export function relinkRecords(db: Db, provider: SyncProvider, apiKeyId: string, keyId: string | null, name: string): number {
  const hint = keyId ? null : name || apiKeyId;
  // Only records that differ: an update rewrites the daily rollup row, so unchanged ones are left alone.
  return db
    .prepare(
      'UPDATE usage_records SET key_id = ?, key_hint = ? WHERE sync_source = ? AND provider_key_id = ? AND (key_id IS NOT ? OR key_hint IS NOT ?)',
    )
    .run(keyId, hint, provider, apiKeyId, keyId, hint).changes;
}

interface LinkRow {
  provider: SyncProvider;
  api_key_id: string;
  name: string;
  hint: string;
  key_id: string | null;
  key_label: string | null;
  set_by: 'match' | 'user';
  matched_on: KeyLink['matchedOn'];
}

export function listLinks(db: Db, provider?: SyncProvider): KeyLink[] {
  const rows = db
    .prepare(
      `SELECT l.provider, l.api_key_id, l.name, l.hint, l.key_id, k.label AS key_label, l.set_by, l.matched_on
       FROM usage_key_links l LEFT JOIN keys k ON k.id = l.key_id
       WHERE ? IS NULL OR l.provider = ? ORDER BY l.provider, l.name, l.api_key_id`,
    )
    .all(provider ?? null, provider ?? null) as LinkRow[];
  return rows.map((row) => ({
    provider: row.provider,
    apiKeyId: row.api_key_id,
    name: row.name,
    hint: row.hint,
    keyId: row.key_id,
    keyLabel: row.key_label,
    setBy: row.set_by,
    matchedOn: row.matched_on,
  }));
}
