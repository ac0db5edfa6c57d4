import { describe, expect, it } from 'vitest';
import { keyStatus, localDay, rotationDueDay } from '../../contract/key-status.ts';

const base = { expiresAt: null, rotateEveryDays: null, lastRotatedAt: null, createdAt: '2026-01-01T12:00:00.000Z' };
const today = '2026-06-15';

describe('keyStatus', () => {
  it('says nothing for a key without dates', () => {
    expect(keyStatus(base, today)).toBeNull();
  });

  it.each([
    ['2026-06-14', { tone: 'expired', label: 'Expired yesterday' }],
    ['2026-05-16', { tone: 'expired', label: 'Expired 30 days ago' }],
    ['2026-06-15', { tone: 'due', label: 'Expires today' }],
    ['2026-06-16', { tone: 'soon', label: 'Expires tomorrow' }],
    ['2026-06-29', { tone: 'soon', label: 'Expires in 14 days' }],
    ['2026-06-30', { tone: 'ok', label: 'Expires in 15 days' }],
    // Further out, months and years: chips speak in relative words; the date is their hover title.
    ['2026-09-15', { tone: 'ok', label: 'Expires in 3 months' }],
    ['2029-06-15', { tone: 'ok', label: 'Expires in 3 years' }],
  ])('expiry %s → %j', (expiresAt, expected) => {
    expect(keyStatus({ ...base, expiresAt }, today)).toEqual({ ...expected, date: expiresAt });
  });

  it('rotation is due from the last rotation, or from creation when never rotated', () => {
    expect(rotationDueDay({ ...base, rotateEveryDays: 90 })).toBe('2026-04-01');
    expect(rotationDueDay({ ...base, rotateEveryDays: 90, lastRotatedAt: '2026-06-01T12:00:00.000Z' })).toBe('2026-08-30');
    expect(keyStatus({ ...base, rotateEveryDays: 90 }, today)).toEqual({
      tone: 'due',
      label: 'Rotation overdue by 75 d',
      date: '2026-04-01',
    });
    expect(keyStatus({ ...base, rotateEveryDays: 165 }, today)).toEqual({
      tone: 'due',
      label: 'Rotate today',
      date: '2026-06-15',
    });
    expect(keyStatus({ ...base, rotateEveryDays: 170 }, today)).toEqual({
      tone: 'soon',
      label: 'Rotate in 5 days',
      date: '2026-06-20',
    });
    expect(keyStatus({ ...base, rotateEveryDays: 90, lastRotatedAt: '2026-06-01T12:00:00.000Z' }, today)).toEqual({
      tone: 'ok',
      label: 'Rotate in 2 months',
      date: '2026-08-30',
    });
  });

  it('shows the most urgent of the two', () => {
    // Expired beats an overdue rotation.
    expect(keyStatus({ ...base, expiresAt: '2026-06-01', rotateEveryDays: 30 }, today)?.tone).toBe('expired');
    // An overdue rotation beats an expiry next week.
    expect(keyStatus({ ...base, expiresAt: '2026-06-20', rotateEveryDays: 30 }, today)).toMatchObject({ tone: 'due' });
    // Both upcoming: the nearer wins; a tie goes to expiry.
    expect(keyStatus({ ...base, expiresAt: '2026-06-25', rotateEveryDays: 170 }, today)).toMatchObject({
      label: 'Rotate in 5 days',
    });
    expect(keyStatus({ ...base, expiresAt: '2026-06-20', rotateEveryDays: 170 }, today)).toMatchObject({
      label: 'Expires in 5 days',
    });
  });

  it('counts calendar days across month and year ends and leap days', () => {
    expect(keyStatus({ ...base, expiresAt: '2028-03-01' }, '2028-02-28')).toMatchObject({ label: 'Expires in 2 days' });
    expect(keyStatus({ ...base, expiresAt: '2027-01-01' }, '2026-12-31')).toMatchObject({ label: 'Expires tomorrow' });
  });

  it('localDay is the local calendar day', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDay(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });
});
