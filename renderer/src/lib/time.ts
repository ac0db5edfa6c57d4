const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "yesterday", "just now". */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const elapsed = now - Date.parse(iso);
  for (const [unit, size] of steps) {
    if (Math.abs(elapsed) >= size) return relative.format(-Math.round(elapsed / size), unit);
  }
  return 'just now';
}

/** "30 s", "2 min", "1 min 5 s": a countdown in the words people use. */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

const fullDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const fullTimeFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * The full date for a hover title or a detail line: "Sat, 5 Dec 2026" for a YYYY-MM-DD day (read
 * in UTC so no time zone moves it by one), "Sat, 5 Dec 2026, 14:05" for a moment.
 */
export function fullDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? fullDayFormat.format(new Date(`${value}T00:00:00Z`))
    : fullTimeFormat.format(new Date(value));
}
