import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, localDay, localDayNumber } from '../../contract/days.ts';

// Day arithmetic the health rules and reminders run over every key: the number form must agree
// with the text form on every day, across month ends, leap days and DST changes.

describe('calendar days', () => {
  it('localDayNumber is dayNumber(localDay(at)) at every hour of two years', () => {
    const start = Date.UTC(2027, 0, 1);
    for (let hour = 0; hour < 2 * 366 * 24; hour += 5) {
      const at = new Date(start + hour * 3_600_000);
      expect(localDayNumber(at)).toBe(dayNumber(localDay(at)));
    }
  });

  it('counts days across month ends and a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-12-31', '2028-01-01')).toBe(1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(dayNumber('1970-01-02')).toBe(1);
  });
});
