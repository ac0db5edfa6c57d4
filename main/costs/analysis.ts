/** Pure computations over daily totals: spike days and the month-end projection. */

export const SPIKE_WINDOW_DAYS = 14;
export const SPIKE_FACTOR = 3;

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * For each day after the first SPIKE_WINDOW_DAYS of `costs` (one entry per calendar day, days
 * without usage as 0): the median of the 14 days before it, and whether the day is a spike —
 * above 3× that median. With a median of 0 there is no baseline to compare with, so no spike:
 * otherwise the first day of any new usage would count as one.
 */
export function spikes(costs: readonly number[]): Array<{ medianMicros: number; spike: boolean }> {
  const result: Array<{ medianMicros: number; spike: boolean }> = [];
  for (let i = SPIKE_WINDOW_DAYS; i < costs.length; i += 1) {
    const baseline = median(costs.slice(i - SPIKE_WINDOW_DAYS, i));
    result.push({ medianMicros: baseline, spike: baseline > 0 && costs[i]! > SPIKE_FACTOR * baseline });
  }
  return result;
}

/**
 * Month-end projection by run rate: spend so far × days in the month ÷ days elapsed (today
 * counts as elapsed). A past month's projection is its total; a future month's is 0.
 */
export function projectMonth(options: { month: string; today: string; spentMicros: number; daysInMonth: number }): number {
  const current = options.today.slice(0, 7);
  if (options.month < current) return options.spentMicros;
  if (options.month > current) return 0;
  const elapsed = Number(options.today.slice(8, 10));
  return Math.round((options.spentMicros * options.daysInMonth) / elapsed);
}
