// Dollars are formatted by contract/costs.ts's formatUsd, which OS notifications use too.
export { formatUsd as usd } from '../../../../contract/costs.ts';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-US');

/** One style for a whole column: "950", "85K", "6.2M" (never 85,000 beside 900K). */
export function tokens(n: number): string {
  return compact.format(n);
}

/** "1 record", "3 records". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count.format(n)} ${n === 1 ? one : many}`;
}

/**
 * Days into a month before its projection means anything: a one-day-old month extrapolated
 * to 30 days is a guess, so before this the projection is not shown.
 */
export const PROJECTION_FROM_DAY = 7;

export function monthLabel(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1, 1)).toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Every month from the one holding `firstDay` to the one holding `lastDay`, oldest first ("2026-10", "2026-11"). */
export function monthsBetween(firstDay: string, lastDay: string): string[] {
  const months = [firstDay.slice(0, 7)];
  while (months.at(-1)! < lastDay.slice(0, 7)) months.push(shiftMonth(months.at(-1)!, 1));
  return months;
}
