import type { KeySummary } from './keys.ts';

/**
 * What a key's dates say today: expired, due for rotation, coming up, or fine. Pure, so the
 * card chips, the tray and the reminders agree, and tests pin every boundary.
 */
export type StatusTone = 'ok' | 'soon' | 'due' | 'expired';

export interface KeyStatus {
  tone: StatusTone;
  /** Short words for the chip ("Expires in 3 days"). */
  label: string;
  /** The date the label is about, YYYY-MM-DD. */
  date: string;
}

/** How far ahead a coming expiry or rotation is shown (the first reminder lead time in DESIGN.md). */
export const SOON_DAYS = 14;

const DAY_MS = 86_400_000;

/** A local calendar day as YYYY-MM-DD: what "today" means to the person looking at the screen. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(year, month - 1, date) / DAY_MS);
}

function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

function inDays(n: number): string {
  return n === 1 ? 'tomorrow' : `in ${n} days`;
}

function daysAgo(n: number): string {
  return n === 1 ? 'yesterday' : `${n} days ago`;
}

type Dates = Pick<KeySummary, 'expiresAt' | 'rotateEveryDays' | 'lastRotatedAt' | 'createdAt'>;

/** The day rotation is due: last rotated (or created) plus the interval; null without an interval. */
export function rotationDueDay(key: Dates): string | null {
  if (key.rotateEveryDays === null) return null;
  return addDays(localDay(new Date(key.lastRotatedAt ?? key.createdAt)), key.rotateEveryDays);
}

/**
 * The one status worth showing, most urgent first: expired, rotation overdue, expiring soon,
 * rotation soon; "ok" names the next date; null when the key has no dates at all.
 */
export function keyStatus(key: Dates, today: string): KeyStatus | null {
  const now = dayNumber(today);
  const expires = key.expiresAt;
  const rotate = rotationDueDay(key);
  const untilExpiry = expires === null ? null : dayNumber(expires) - now;
  const untilRotation = rotate === null ? null : dayNumber(rotate) - now;

  if (expires !== null && untilExpiry !== null && untilExpiry < 0) {
    return { tone: 'expired', label: `Expired ${daysAgo(-untilExpiry)}`, date: expires };
  }
  if (expires !== null && untilExpiry === 0) return { tone: 'due', label: 'Expires today', date: expires };
  if (rotate !== null && untilRotation !== null && untilRotation <= 0) {
    return { tone: 'due', label: untilRotation === 0 ? 'Rotate today' : `Rotation overdue by ${-untilRotation} d`, date: rotate };
  }
  // Both upcoming: the nearer one matters; a tie goes to expiry, which breaks things.
  const expiryFirst = untilExpiry !== null && (untilRotation === null || untilExpiry <= untilRotation);
  if (expiryFirst && expires !== null && untilExpiry !== null) {
    return untilExpiry <= SOON_DAYS
      ? { tone: 'soon', label: `Expires ${inDays(untilExpiry)}`, date: expires }
      : { tone: 'ok', label: `Expires ${expires}`, date: expires };
  }
  if (rotate !== null && untilRotation !== null) {
    return untilRotation <= SOON_DAYS
      ? { tone: 'soon', label: `Rotate ${inDays(untilRotation)}`, date: rotate }
      : { tone: 'ok', label: `Rotate by ${rotate}`, date: rotate };
  }
  return null;
}
