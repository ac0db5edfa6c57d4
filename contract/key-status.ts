import { addDays, dayNumber, localDay } from './days.ts';
import type { KeySummary } from './keys.ts';
import type { RotationPolicy } from './reminders.ts';

export { localDay };

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

/** How far ahead a coming expiry or rotation is shown: the first default reminder lead time (lifecycleDefaults). */
export const SOON_DAYS = 14;

/** Relative words for every chip (the full date is the chip's hover title): "tomorrow", "in 12 days", "in 3 months". */
function inDays(n: number): string {
  if (n === 1) return 'tomorrow';
  if (n <= 60) return `in ${n} days`;
  const months = Math.round(n / 30.44);
  return months < 24 ? `in ${months} months` : `in ${Math.round(n / 365.25)} years`;
}

function daysAgo(n: number): string {
  return n === 1 ? 'yesterday' : `${n} days ago`;
}

type Dates = Pick<KeySummary, 'expiresAt' | 'rotateEveryDays' | 'lastRotatedAt' | 'createdAt'> &
  Partial<Pick<KeySummary, 'environment'>>;

/** What the user's settings add: the default rotation interval per environment, and how far ahead is "soon". */
export interface StatusOptions {
  rotationPolicy?: RotationPolicy;
  /** Defaults to SOON_DAYS; the reminders use their largest lead time. */
  soonDays?: number;
}

/** Days between rotations: the key's own interval, or else its environment's default; null when neither applies. */
export function rotationInterval(key: Pick<Dates, 'rotateEveryDays' | 'environment'>, policy?: RotationPolicy): number | null {
  return key.rotateEveryDays ?? (key.environment && policy ? policy[key.environment] : null);
}

/**
 * The day rotation is due: last rotated (or created) plus the key's own interval, or else its
 * environment's default; null when neither applies.
 */
export function rotationDueDay(key: Dates, policy?: RotationPolicy): string | null {
  const days = rotationInterval(key, policy);
  if (days === null) return null;
  return addDays(localDay(new Date(key.lastRotatedAt ?? key.createdAt)), days);
}

/**
 * The one status worth showing, most urgent first: expired, rotation overdue, expiring soon,
 * rotation soon; "ok" names the next date; null when the key has no dates at all.
 */
export function keyStatus(key: Dates, today: string, options: StatusOptions = {}): KeyStatus | null {
  const soonDays = options.soonDays ?? SOON_DAYS;
  const now = dayNumber(today);
  const expires = key.expiresAt;
  const rotate = rotationDueDay(key, options.rotationPolicy);
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
    return untilExpiry <= soonDays
      ? { tone: 'soon', label: `Expires ${inDays(untilExpiry)}`, date: expires }
      : { tone: 'ok', label: `Expires ${inDays(untilExpiry)}`, date: expires };
  }
  if (rotate !== null && untilRotation !== null) {
    return untilRotation <= soonDays
      ? { tone: 'soon', label: `Rotate ${inDays(untilRotation)}`, date: rotate }
      : { tone: 'ok', label: `Rotate ${inDays(untilRotation)}`, date: rotate };
  }
  return null;
}
