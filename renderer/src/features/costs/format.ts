import type { IntlShape } from 'react-intl';
import { formatUsd } from '../../../../contract/costs.ts';
import { getIntl } from '../../i18n/current.ts';

/**
 * The Costs section's numbers, dates and amounts in the language in force: each takes the intl
 * (useIntl() in a component). Amounts are US dollars, as the providers bill them, written the
 * reader's way: "$19.03" in English, "US$19.03" in Korean, through contract/costs.ts's formatUsd
 * (which OS notifications and the CLI use too) in the intl's locale.
 */

/**
 * Micro-dollars as money: cents, rounded half up on the integer before any division ($17.025
 * shows as $17.03); an amount under a cent keeps its digits ($0.000150), or it would read as $0.00.
 *
 * `intl` defaults to the one in force for the key cards, which show a key's spend from outside
 * this folder; a component passes its own useIntl().
 */
export function usd(micros: number, intl: IntlShape = getIntl()): string {
  return formatUsd(micros, intl.locale);
}

/**
 * Dollars on a chart's value axis, short: "$0.25", "$12", "$1.2K" (Korean "US$1.2천"). The axis
 * has room for a few characters only, so above $1,000 the amount is compact.
 */
export function axisUsd(dollars: number, intl: IntlShape): string {
  const currency = { style: 'currency', currency: 'USD', minimumFractionDigits: 0 } as const;
  if (Math.abs(dollars) >= 1000)
    return intl.formatNumber(dollars, { ...currency, notation: 'compact', maximumFractionDigits: 1 });
  const small = Math.abs(dollars) < 10 && dollars !== 0;
  return intl.formatNumber(dollars, { ...currency, maximumFractionDigits: small ? 2 : 0 });
}

/** One style for a whole column: "950", "85K", "6.2M" (never 85,000 beside 900K); Korean "8.5만", "620만". */
export function tokens(n: number, intl: IntlShape): string {
  return intl.formatNumber(n, { notation: 'compact', maximumFractionDigits: 1 });
}

/** "59%": a budget's or a row's share, whole percents. */
export function percent(fraction: number, intl: IntlShape): string {
  return intl.formatNumber(fraction, { style: 'percent', maximumFractionDigits: 0 });
}

/** A figure that is not known or means nothing here (a share of $0): the dash, in every language. */
export const NO_FIGURE = '—';

/**
 * Days into a month before its projection means anything: a one-day-old month extrapolated
 * to 30 days is a guess, so before this the projection is not shown.
 */
export const PROJECTION_FROM_DAY = 7;

/** "November 2026", "2026년 11월". Months and days are UTC, as the usage records are. */
export function monthLabel(month: string, intl: IntlShape): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return intl.formatDate(Date.UTC(year, m - 1, 1), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "Nov 27", "11월 27일". */
export function dayLabel(day: string, intl: IntlShape): string {
  return intl.formatDate(new Date(`${day}T00:00:00Z`), { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(year, m - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** Every month from the one holding `firstDay` to the one holding `lastDay`, oldest first ("2026-10", "2026-11"). */
export function monthsBetween(firstDay: string, lastDay: string): string[] {
  const months = [firstDay.slice(0, 7)];
  while (months.at(-1)! < lastDay.slice(0, 7)) months.push(shiftMonth(months.at(-1)!, 1));
  return months;
}
