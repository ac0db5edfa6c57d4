import { usdToMicros } from '../../../contract/costs.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { rowProblems } from './messages.ts';
import { RowError } from './types.ts';

/**
 * Field readers shared by the importers. Each throws a RowError that names the column and the
 * problem; none quotes the value, which in a user's own CSV could be anything.
 */

/** A calendar-valid YYYY-MM-DD, or null. */
export function isValidDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The UTC day of a date or timestamp as exports write them: `2026-09-28`, `2026-09-28T00:00:00`,
 * `2026-09-28T00:00:00+00:00`, `2026-06-28 03:46:57.713`, `2026-05-12 00:00:00` or Unix seconds.
 * Times without an offset are UTC (every export documented here is in UTC).
 */
export function parseDay(text: string, column: string): string {
  const value = text.trim();
  if (!value) throw new RowError(phrase(rowProblems.empty, { column }));
  if (/^\d{9,10}$/.test(value)) return utcDay(Number(value) * 1000, column);
  if (/^\d{12,13}$/.test(value)) return utcDay(Number(value), column);
  const match = readTimestamp(value, column);
  const offset = match[5];
  if (!offset || /^(z|utc|[+-]00:?00)$/i.test(offset)) return match[1]!;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  const local = Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}Z`);
  return utcDay(local - offsetMs, column);
}

/**
 * The calendar day as the provider wrote it, offset or not: `2026-11-18T00:00:00+08:00` is
 * 2026-11-18. For exports whose days are the account's billing days in its own time zone
 * (DeepSeek stamps them +08:00), where converting to UTC would file each day one day early.
 * Unix times carry no written day and are read as UTC.
 */
export function parseWrittenDay(text: string, column: string): string {
  const value = text.trim();
  if (!value || /^\d+$/.test(value)) return parseDay(value, column);
  return readTimestamp(value, column)[1]!;
}

function readTimestamp(value: string, column: string): RegExpExecArray {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?)?$/i.exec(value);
  if (!match || !isValidDay(match[1]!)) throw new RowError(phrase(rowProblems.notDate, { column }));
  return match;
}

const DAY_MS = 86_400_000;
/** Day names by day number since 1970: an export repeats a few hundred days a million times. */
const dayNames = new Map<number, string>();

function utcDay(ms: number, column: string): string {
  if (!Number.isFinite(ms) || ms < Date.UTC(2000, 0, 1) || ms > Date.UTC(2200, 0, 1)) {
    throw new RowError(phrase(rowProblems.implausibleDate, { column }));
  }
  const dayNumber = Math.floor(ms / DAY_MS);
  let day = dayNames.get(dayNumber);
  if (day === undefined) {
    day = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    if (dayNames.size < 100_000) dayNames.set(dayNumber, day);
  }
  return day;
}

/**
 * A whole, non-negative count: `1000`, `1,000`, `"622,403"`, `1 000`, `12.0`. Empty is 0.
 * Thousands separators must group by three, so a decimal comma (`1,5`) is refused, not misread.
 */
export function parseCount(text: string, column: string): number {
  const value = text.trim();
  if (!value) return 0;
  const plain = /^\d{1,3}(?:([,\u00a0\u202f ])\d{3})(?:\1\d{3})*(?:\.0+)?$/.test(value)
    ? value.replace(/[,\u00a0\u202f ]/g, '')
    : value;
  const match = /^(\d+)(?:\.0+)?$/.exec(plain);
  if (!match) {
    if (/^-/.test(plain)) throw new RowError(phrase(rowProblems.negative, { column }));
    throw new RowError(phrase(rowProblems.notWhole, { column }));
  }
  const count = Number(match[1]);
  if (!Number.isSafeInteger(count) || count > 1e15) throw new RowError(phrase(rowProblems.tooLarge, { column }));
  return count;
}

/** Dollars (or cents) to micro-dollars, exactly. Empty is null: the row states no amount. */
export function parseMoney(text: string, column: string, unit: 'usd' | 'cents' = 'usd'): number | null {
  const value = text.trim();
  if (!value) return null;
  const micros = usdToMicros(value);
  if (micros === null) throw new RowError(phrase(rowProblems.notAmount, { column }));
  if (unit === 'usd') return micros;
  // Cents: one hundredth, rounded half away from zero.
  const sign = micros < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(micros) + 50) / 100);
}

/** A required text cell. */
export function required(text: string, column: string): string {
  const value = text.trim();
  if (!value) throw new RowError(phrase(rowProblems.empty, { column }));
  return value;
}

/** Every currency code a row may state for US dollars. */
export function isUsd(code: string): boolean {
  return /^(usd|us\$|\$)$/i.test(code.trim());
}

export function checkUsd(code: string, column: string): void {
  if (code.trim() && !isUsd(code)) {
    throw new RowError(phrase(rowProblems.notUsd, { column }));
  }
}

/** Input tokens must hold the cached and cache-write tokens that are parts of them. */
export function checkTokenParts(
  row: { inputTokens: number; cachedTokens: number; cacheWriteTokens: number },
  what: string,
): void {
  if (row.cachedTokens + row.cacheWriteTokens > row.inputTokens) {
    throw new RowError(phrase(rowProblems.cacheExceedsInput, { column: what }));
  }
}
