import type { ReactNode } from 'react';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../contract/days.ts';
import { keyStatus } from '../../../contract/key-status.ts';
import type { DueReason } from '../../../contract/reminders.ts';
import { intlOptions, type Messages } from '../../../i18n/intl.ts';
import koreanKeys from '../../../i18n/ko/keys.json' with { type: 'json' };
import koreanReminders from '../../../i18n/ko/reminders.json' with { type: 'json' };
import type { Locale } from '../../../i18n/language.ts';
import { summaryOf } from '../../../main/reminders/due.ts';
import { formatDay, statusWords } from '../../../renderer/src/features/keys/format.ts';
import { summaryWords } from '../../../renderer/src/features/reminders/words.ts';

// The key cards' status chips and the "Needs attention" chips are worded in the renderer, in the
// language in force, from what contract/key-status.ts and main's reminders decide. In English
// they must say exactly what those modules' own words say (the CLI, the tray and the tests read
// those); in Korean they must be whole Korean phrases with the number in them.

function intlFor(locale: Locale) {
  const messages: Messages = locale === 'en' ? {} : { ...koreanKeys, ...koreanReminders };
  return createIntl(
    intlOptions<ReactNode>(locale, messages, (error) => {
      throw error;
    }),
  );
}
const en = intlFor('en');
const ko = intlFor('ko');

const base = { expiresAt: null, rotateEveryDays: null, lastRotatedAt: null, createdAt: '2026-01-01T12:00:00.000Z' };
const today = '2026-06-15';
const offsets = [-400, -30, -2, -1, 0, 1, 2, 14, 15, 60, 61, 90, 400, 730, 1100];

describe('statusWords', () => {
  it('says in English what keyStatus says, for an expiry, a rotation, and both on one key', () => {
    for (const offset of offsets) {
      const day = addDays(today, offset);
      const keys = [
        { ...base, expiresAt: day },
        { ...base, lastRotatedAt: `${today}T12:00:00.000Z`, rotateEveryDays: Math.max(1, offset) },
        // Both dates: the nearer one (a tie goes to the expiry) is the one the chip names.
        { ...base, expiresAt: day, lastRotatedAt: `${today}T12:00:00.000Z`, rotateEveryDays: Math.max(1, offset) },
        { ...base, expiresAt: addDays(day, 5), lastRotatedAt: `${today}T12:00:00.000Z`, rotateEveryDays: Math.max(1, offset) },
      ];
      for (const key of keys) {
        const status = keyStatus(key, today)!;
        expect(statusWords(en, status, key.expiresAt, today), JSON.stringify(key)).toBe(status.label);
      }
    }
  });

  it('speaks Korean with the count inside the phrase', () => {
    const words = (expiresAt: string) => statusWords(ko, keyStatus({ ...base, expiresAt }, today)!, expiresAt, today);
    expect(words('2026-06-14')).toBe('어제 만료됨');
    expect(words('2026-05-16')).toBe('30일 전 만료됨');
    expect(words('2026-06-16')).toBe('내일 만료');
    expect(words('2026-09-15')).toBe('3개월 후 만료');
    const rotation = keyStatus({ ...base, rotateEveryDays: 90 }, today)!;
    expect(statusWords(ko, rotation, null, today)).toBe('교체 75일 지남');
  });
});

describe('summaryWords', () => {
  it("says in English what main's reminders say", () => {
    for (const reason of ['expiry', 'rotation', 'revoke'] as DueReason[]) {
      for (const daysLeft of [-12, -2, -1, 0, 1, 2, 30]) {
        expect(summaryWords(en, { reason, daysLeft })).toBe(summaryOf(reason, daysLeft));
      }
    }
  });

  it('speaks Korean', () => {
    expect(summaryWords(ko, { reason: 'expiry', daysLeft: 2 })).toBe('2일 후 만료');
    expect(summaryWords(ko, { reason: 'rotation', daysLeft: -1 })).toBe('교체 1일 지남');
    expect(summaryWords(ko, { reason: 'revoke', daysLeft: 7 })).toBe('7일 후 이전 키 폐기');
  });
});

describe('formatDay', () => {
  it('writes a day the reader’s way, read in UTC so no time zone moves it', () => {
    expect(formatDay(en, '2026-12-02')).toBe('Dec 2, 2026');
    expect(formatDay(ko, '2026-12-02')).toBe('2026년 12월 2일');
  });
});
