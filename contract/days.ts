/**
 * Calendar-day arithmetic for due dates, shared by the status chip, the reminders and the CLI. Expiry dates are calendar days (YYYY-MM-DD) with no
 * time zone; "today" is the user's local calendar day. Once both are day labels, counting days
 * between them is exact on UTC day numbers, where no day is 23 or 25 hours long, so plain Date
 * arithmetic suffices and no date library is needed (Temporal.PlainDate would say the same, but
 * Node 22 does not ship it).
 */
const DAY_MS = 86_400_000;

/** The local calendar day of an instant, YYYY-MM-DD: what "today" means to the person at the screen. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(year, month - 1, date) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
