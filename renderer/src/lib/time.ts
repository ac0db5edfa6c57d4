import { defineMessages, type IntlShape, type NoMessageValues } from 'react-intl';
import { getIntl } from '../i18n/current.ts';

/*
 * Dates and times in the language in force. Every function takes the intl to format with as its
 * last argument: components pass `useIntl()` (so they render again when the language changes);
 * code outside components may leave it out and gets the provider's current intl.
 */

const messages = defineMessages<{
  justNow: NoMessageValues;
  seconds: { seconds: number };
  minutes: { minutes: number };
  minutesSeconds: { minutes: number; seconds: number };
}>({
  justNow: { id: 'common.time.justNow', defaultMessage: 'just now' },
  seconds: { id: 'common.time.seconds', defaultMessage: '{seconds} s' },
  minutes: { id: 'common.time.minutes', defaultMessage: '{minutes} min' },
  minutesSeconds: { id: 'common.time.minutesSeconds', defaultMessage: '{minutes} min {seconds} s' },
});

const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", "just now" (5분 전, 어제, 방금). */
export function timeAgo(iso: string, now: number = Date.now(), intl: IntlShape = getIntl()): string {
  const elapsed = now - Date.parse(iso);
  for (const [unit, size] of steps) {
    if (Math.abs(elapsed) >= size) return intl.formatRelativeTime(-Math.round(elapsed / size), unit, { numeric: 'auto' });
  }
  return intl.formatMessage(messages.justNow);
}

/** "30 s", "2 min", "1 min 5 s" (30초, 2분, 1분 5초): a countdown in the words people use. */
export function duration(ms: number, intl: IntlShape = getIntl()): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return intl.formatMessage(messages.seconds, { seconds });
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0
    ? intl.formatMessage(messages.minutes, { minutes })
    : intl.formatMessage(messages.minutesSeconds, { minutes, seconds: rest });
}

const fullDay: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
};
const fullTime: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/**
 * The full date for a hover title or a detail line: "Sat, Dec 5, 2026" (2026년 12월 5일 (토)) for a
 * YYYY-MM-DD day (read in UTC so no time zone moves it by one), with the time for a moment.
 */
export function fullDate(value: string, intl: IntlShape = getIntl()): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? intl.formatDate(new Date(`${value}T00:00:00Z`), fullDay)
    : intl.formatDate(new Date(value), fullTime);
}

/** A moment as a date and a short time ("Dec 5, 2026, 2:05 PM"), for lists of events. */
export function dateTime(value: string | number, intl: IntlShape = getIntl(), timeStyle: 'short' | 'medium' = 'short'): string {
  return intl.formatDate(new Date(value), { dateStyle: 'medium', timeStyle });
}

/** A day ("Dec 5, 2026"). */
export function mediumDate(value: string | number, intl: IntlShape = getIntl()): string {
  return intl.formatDate(new Date(value), { dateStyle: 'medium' });
}
