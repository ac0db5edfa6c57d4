import type { CostOverview, CostSummary } from '../../contract/costs.ts';
import { addDays, daysInMonth, eachDay, monthBounds, monthOf } from '../../contract/days.ts';
import { projectMonth, spikes, SPIKE_WINDOW_DAYS } from './analysis.ts';
import type { BudgetService } from './budget-service.ts';
import type { CostContext } from './context.ts';
import { PriceBook } from './pricing.ts';
import { dailyCosts, grouped, labeller, spendByKey, totals, unpricedModels } from './queries.ts';

/** What the Costs tab, the key cards and `keyward costs` show: read-only views over the records. */
export class CostViews {
  readonly #costs: CostContext;
  readonly #budgets: BudgetService;

  constructor(costs: CostContext, budgets: BudgetService) {
    this.#costs = costs;
    this.#budgets = budgets;
  }

  summary(input: { month?: string | undefined; by: CostSummary['by'] }): CostSummary {
    const db = this.#costs.db();
    const month = input.month ?? monthOf(this.#costs.today());
    const { from, to } = monthBounds(month);
    const labels = labeller(db, PriceBook.load(db));
    return { month, by: input.by, totals: totals(db, from, to), rows: grouped(db, from, to, input.by, labels) };
  }

  overview(input: { month?: string | undefined; days: 30 | 90 }): CostOverview {
    const db = this.#costs.db();
    const today = this.#costs.today();
    const month = input.month ?? monthOf(today);
    const { from, to } = monthBounds(month);
    const labels = labeller(db, PriceBook.load(db));
    const monthTotals = totals(db, from, to);
    // The chart ends on the month's last day, or today while the month is running.
    const end = to < today ? to : today < from ? to : today;
    const first = addDays(end, -(input.days - 1));
    const start = addDays(first, -SPIKE_WINDOW_DAYS);
    const days = eachDay(start, end);
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
      budgets: this.#budgets.list(month),
      daily,
      byProvider: grouped(db, from, to, 'provider', labels),
      byKey: grouped(db, from, to, 'key', labels),
      byModel: grouped(db, from, to, 'model', labels),
      unpricedModels: unpricedModels(db, from, to),
    };
  }

  /** Each key's spend in a month (default: this month): key id → micro-dollars. */
  keySpend(month: string | undefined): Record<string, number> {
    const { from, to } = monthBounds(month ?? monthOf(this.#costs.today()));
    return spendByKey(this.#costs.db(), from, to);
  }
}
