import { defineMessages } from '@formatjs/intl';
import type { GroupRow, Grouping, Totals } from '../../contract/costs.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { phrase, type Phrase } from '../../i18n/phrase.ts';
import type { Db } from '../vault/database.ts';
import type { PriceBook } from './pricing.ts';

/**
 * Aggregations, all read from the `usage_daily` rollup (one row per day, provider, key and
 * model), whose primary key starts with the day: a month or a 90-day range is one index range
 * scan over thousands of rows, however many records the vault holds.
 */

const SUMS = `coalesce(sum(cost_micros), 0) AS costMicros, coalesce(sum(input_tokens), 0) AS inputTokens,
  coalesce(sum(output_tokens), 0) AS outputTokens, coalesce(sum(cached_tokens), 0) AS cachedTokens,
  coalesce(sum(cache_write_tokens), 0) AS cacheWriteTokens, coalesce(sum(requests), 0) AS requests,
  coalesce(sum(records), 0) AS records, coalesce(sum(unpriced_records), 0) AS unpricedRecords`;

const groupColumn: Record<Grouping, string> = { provider: 'provider', key: 'key_ref', model: 'model', day: 'day' };

export interface Scope {
  provider?: string | undefined;
  /** A key id, as stored in `key_ref`. */
  keyRef?: string | undefined;
  model?: string | undefined;
}

function where(from: string, to: string, scope: Scope): { sql: string; params: string[] } {
  const clauses = ['day BETWEEN ? AND ?'];
  const params = [from, to];
  if (scope.provider !== undefined) {
    clauses.push('provider = ?');
    params.push(scope.provider);
  }
  if (scope.keyRef !== undefined) {
    clauses.push('key_ref = ?');
    params.push(scope.keyRef);
  }
  if (scope.model !== undefined) {
    clauses.push('model = ?');
    params.push(scope.model);
  }
  return { sql: clauses.join(' AND '), params };
}

export function totals(db: Db, from: string, to: string, scope: Scope = {}): Totals {
  const w = where(from, to, scope);
  return db.prepare(`SELECT ${SUMS} FROM usage_daily WHERE ${w.sql}`).get(...w.params) as Totals;
}

/** Rows per group, most expensive first (days in date order). */
export function grouped(db: Db, from: string, to: string, by: Grouping, labels: Labeller, scope: Scope = {}): GroupRow[] {
  const w = where(from, to, scope);
  const column = groupColumn[by];
  const order = by === 'day' ? 'grp' : 'costMicros DESC, records DESC, grp';
  const rows = db
    .prepare(`SELECT ${column} AS grp, ${SUMS} FROM usage_daily WHERE ${w.sql} GROUP BY ${column} ORDER BY ${order}`)
    .all(...w.params) as Array<Totals & { grp: string }>;
  return rows.map(({ grp, ...sums }) => ({ group: groupId(by, grp), label: labels(by, grp), ...sums }));
}

/** Cost per day over a range: only days with usage appear. */
export function dailyCosts(
  db: Db,
  from: string,
  to: string,
  scope: Scope = {},
): Map<string, { costMicros: number; records: number; unpricedRecords: number }> {
  const w = where(from, to, scope);
  const rows = db
    .prepare(
      `SELECT day, coalesce(sum(cost_micros), 0) AS costMicros, sum(records) AS records, sum(unpriced_records) AS unpricedRecords
       FROM usage_daily WHERE ${w.sql} GROUP BY day`,
    )
    .all(...w.params) as Array<{ day: string; costMicros: number; records: number; unpricedRecords: number }>;
  return new Map(rows.map(({ day, ...rest }) => [day, rest]));
}

/** Spend per vault key over a range. */
export function spendByKey(db: Db, from: string, to: string): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT key_ref AS keyId, sum(cost_micros) AS costMicros FROM usage_daily
       WHERE day BETWEEN ? AND ? AND key_ref <> '' AND key_ref NOT LIKE 'export:%'
         AND key_ref NOT IN (SELECT id FROM keys WHERE deleted_at IS NOT NULL) GROUP BY key_ref`,
    )
    .all(from, to) as Array<{ keyId: string; costMicros: number }>;
  return Object.fromEntries(rows.map((row) => [row.keyId, row.costMicros]));
}

export function unpricedModels(db: Db, from: string, to: string): string[] {
  return db
    .prepare(
      `SELECT DISTINCT model FROM usage_daily WHERE day BETWEEN ? AND ? AND unpriced_records > 0 AND model <> '' ORDER BY model`,
    )
    .pluck()
    .all(from, to) as string[];
}

/** A key group's stable id: the key id, `export:<name>` for an export's unmatched key, `none`. */
function groupId(by: Grouping, value: string): string {
  if (by === 'key' && value === '') return 'none';
  if (by === 'model' && value === '') return '(no model)';
  return value;
}

export type Labeller = (by: Grouping, value: string) => Phrase;

/** A group's name: a name as it is, or what the breakdown says for usage without a key or model. */
const groupNames = defineMessages({
  name: { id: 'costs.group.name', defaultMessage: '{name}' },
  noKey: { id: 'costs.group.noKey', defaultMessage: 'No key' },
  noModel: { id: 'costs.group.noModel', defaultMessage: '(no model)' },
  notInVault: { id: 'costs.group.notInVault', defaultMessage: '{name} (not in the vault)' },
  inTrash: { id: 'costs.group.inTrash', defaultMessage: '{name} (in trash)' },
});
const named = (name: string) => phrase(groupNames.name, { name });

/** Names for people, as phrases: provider names, key labels, model names. */
export function labeller(db: Db, prices: PriceBook): Labeller {
  // Only the keys a breakdown shows are looked up: a vault of 10,000 keys made every overview
  // read (and decrypt) the whole keys table for a few dozen labels.
  const keyLabels = new Map<string, Phrase>();
  // Spend of a key in the trash still counts (it was spent); its label says where the key went.
  const keyOf = db.prepare('SELECT label, deleted_at IS NOT NULL AS trashed FROM keys WHERE id = ?');
  return (by, value) => {
    switch (by) {
      case 'provider':
        return named(providerDisplayName(value));
      case 'key': {
        if (value === '') return phrase(groupNames.noKey);
        if (value.startsWith('export:')) return phrase(groupNames.notInVault, { name: value.slice('export:'.length) });
        let label = keyLabels.get(value);
        if (label === undefined) {
          const key = keyOf.get(value) as { label: string; trashed: number } | undefined;
          label = !key ? named(value) : key.trashed ? phrase(groupNames.inTrash, { name: key.label }) : named(key.label);
          keyLabels.set(value, label);
        }
        return label;
      }
      case 'model':
        return value === '' ? phrase(groupNames.noModel) : named(prices.get(value)?.name ?? value);
      case 'day':
        return named(value);
    }
  };
}
