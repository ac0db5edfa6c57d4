/**
 * Calendar-day arithmetic on days written YYYY-MM-DD, shared by the status chip, the reminders,
 * the cost tracker and the CLI. Expiry dates are calendar days with no time zone, and "today" is
 * the user's local calendar day (localDay); every day in the cost tracker is a UTC calendar day
 * (utcToday). Once both are day labels, counting days
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

/** The day number (see dayNumber) of an instant's local calendar day: dayNumber(localDay(at)) without the text between. */
export function localDayNumber(at: Date): number {
  return Math.round(Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / DAY_MS);
}

export function dayNumber(day: string): number {
  // Sliced, not split: lists of 10,000 keys count days for each (health, reminders), and the
  // arrays a split makes cost more than the arithmetic.
  return Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return new Date((dayNumber(day) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The UTC calendar day of an instant. */
export function utcToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** YYYY-MM of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** A month's first and last day. */
export function monthBounds(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}
