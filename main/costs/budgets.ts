import { randomUUID } from 'node:crypto';
import {
  budgetThresholds,
  type Budget,
  type BudgetScope,
  type BudgetStatus,
  type BudgetThreshold,
  type CostAlert,
} from '../../contract/costs.ts';
import { addDays, daysInMonth, eachDay, monthBounds, monthOf } from '../../contract/days.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { inWriteTransaction, type Db } from '../vault/database.ts';
import { projectMonth, spikes, SPIKE_WINDOW_DAYS } from './analysis.ts';
import { dailyCosts, totals, type Scope } from './queries.ts';

interface BudgetRow {
  id: string;
  scope: BudgetScope;
  provider: string | null;
  key_id: string | null;
  key_label: string | null;
  key_in_trash: number | null;
  monthly_micros: number;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT b.*, k.label AS key_label, k.deleted_at IS NOT NULL AS key_in_trash FROM budgets b LEFT JOIN keys k ON k.id = b.key_id`;

function toBudget(row: BudgetRow): Budget {
  const label =
    row.scope === 'total'
      ? 'All usage'
      : row.scope === 'provider'
        ? providerDisplayName(row.provider!)
        : (row.key_label ?? 'A key');
  return {
    id: row.id,
    scope: row.scope,
    provider: row.provider,
    keyId: row.key_id,
    label,
    keyInTrash: row.key_in_trash === 1,
    monthlyMicros: row.monthly_micros,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listBudgets(db: Db): Budget[] {
  const rows = db
    .prepare(`${SELECT} ORDER BY CASE b.scope WHEN 'total' THEN 0 WHEN 'provider' THEN 1 ELSE 2 END, b.created_at`)
    .all() as BudgetRow[];
  return rows.map(toBudget);
}

export function getBudget(db: Db, id: string): Budget | undefined {
  const row = db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BudgetRow | undefined;
  return row && toBudget(row);
}

/** One budget per scope and target: setting it again replaces the amount. */
export function upsertBudget(
  db: Db,
  input: { scope: BudgetScope; provider: string | null; keyId: string | null; monthlyMicros: number },
  at: string,
): Budget {
  const existing = db
    .prepare("SELECT id FROM budgets WHERE scope = ? AND coalesce(provider, '') = ? AND coalesce(key_id, '') = ?")
    .pluck()
    .get(input.scope, input.provider ?? '', input.keyId ?? '') as string | undefined;
  const id = existing ?? randomUUID();
  if (existing) db.prepare('UPDATE budgets SET monthly_micros = ?, updated_at = ? WHERE id = ?').run(input.monthlyMicros, at, id);
  else {
    db.prepare(
      'INSERT INTO budgets (id, scope, provider, key_id, monthly_micros, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.scope, input.provider, input.keyId, input.monthlyMicros, at, at);
  }
  return getBudget(db, id)!;
}

/** Removes a budget and the record of its alerts, so a budget set again alerts afresh. */
export function deleteBudget(db: Db, id: string): void {
  db.prepare('DELETE FROM budgets WHERE id = ?').run(id);
  db.prepare("DELETE FROM cost_alerts_sent WHERE kind = 'budget' AND subject = ?").run(id);
}

function scopeOf(budget: Budget): Scope {
  if (budget.scope === 'provider') return { provider: budget.provider! };
  if (budget.scope === 'key') return { keyRef: budget.keyId! };
  return {};
}

export function budgetStatus(db: Db, budget: Budget, month: string, today: string): BudgetStatus {
  const { from, to } = monthBounds(month);
  const spent = totals(db, from, to, scopeOf(budget)).costMicros;
  const fraction = spent / budget.monthlyMicros;
  return {
    ...budget,
    month,
    spentMicros: spent,
    fraction,
    reached: budgetThresholds.filter((t) => fraction * 100 >= t),
    projectedMicros: projectMonth({ month, today, spentMicros: spent, daysInMonth: daysInMonth(month) }),
  };
}

/** Spike days are notified when found within this many days of today; older ones found by importing history are only shown. */
export const SPIKE_ALERT_DAYS = 7;

/**
 * Sends every alert due and not yet sent, and records it so it is never sent again:
 *  - budgets: each threshold (50/80/100 %) once per budget and month, for the current month.
 *    When several are crossed at once, only the highest is notified; the lower ones are recorded.
 *  - spikes: each spike day in the last week, once.
 */
export function dueAlerts(db: Db, today: string, at: string): CostAlert[] {
  const month = monthOf(today);
  const alerts: CostAlert[] = [];
  const sent = db
    .prepare('SELECT 1 FROM cost_alerts_sent WHERE kind = ? AND subject = ? AND period = ? AND threshold = ?')
    .pluck();
  const record = db.prepare(
    'INSERT OR IGNORE INTO cost_alerts_sent (kind, subject, period, threshold, sent_at) VALUES (?, ?, ?, ?, ?)',
  );
  inWriteTransaction(db, () => {
    for (const budget of listBudgets(db)) {
      const status = budgetStatus(db, budget, month, today);
      const fresh = status.reached.filter((t) => sent.get('budget', budget.id, month, t) === undefined);
      if (fresh.length === 0) continue;
      for (const t of fresh) record.run('budget', budget.id, month, t, at);
      const threshold = Math.max(...fresh) as BudgetThreshold;
      alerts.push({
        kind: 'budget',
        budgetId: budget.id,
        scope: budget.scope,
        label: budget.label,
        keyInTrash: budget.keyInTrash,
        month,
        threshold,
        spentMicros: status.spentMicros,
        limitMicros: budget.monthlyMicros,
      });
    }
    const from = addDays(today, -(SPIKE_ALERT_DAYS - 1));
    const start = addDays(from, -SPIKE_WINDOW_DAYS);
    const days = eachDay(start, today);
    const costs = dailyCosts(db, start, today);
    const flags = spikes(days.map((day) => costs.get(day)?.costMicros ?? 0));
    flags.forEach((flag, i) => {
      const day = days[i + SPIKE_WINDOW_DAYS]!;
      if (!flag.spike || sent.get('spike', 'total', day, 0) !== undefined) return;
      record.run('spike', 'total', day, 0, at);
      alerts.push({ kind: 'spike', day, costMicros: costs.get(day)?.costMicros ?? 0, medianMicros: flag.medianMicros });
    });
  });
  return alerts;
}
