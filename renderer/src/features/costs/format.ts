import { MICROS_PER_USD } from '../../../../contract/costs.ts';

const whole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fine = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 6 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const count = new Intl.NumberFormat('en-US');

/**
 * Dollars for people. Amounts under a cent keep their micro-dollars ("$0.000125") so a small
 * cost never reads as $0.00; larger ones show cents. The value is exact up to that rounding.
 */
export function usd(micros: number): string {
  if (Math.abs(micros) > 0 && Math.abs(micros) < 10_000) return fine.format(micros / MICROS_PER_USD);
  // Round to cents on the integer, half up, before any division: $17.025 shows as $17.03.
  const cents = Math.sign(micros) * Math.round(Math.abs(micros) / 10_000);
  return whole.format(cents / 100);
}

export function tokens(n: number): string {
  return n >= 100_000 ? compact.format(n) : count.format(n);
}

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
