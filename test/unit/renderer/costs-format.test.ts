import type { ReactNode } from 'react';
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { intlOptions, type Messages } from '../../../i18n/intl.ts';
import koreanCosts from '../../../i18n/ko/costs.json' with { type: 'json' };
import type { Locale } from '../../../i18n/language.ts';
import {
  axisUsd,
  dayLabel,
  monthLabel,
  monthsBetween,
  percent,
  tokens,
  usd,
} from '../../../renderer/src/features/costs/format.ts';

// The Costs section's numbers in the language in force: the same figures read "$19.03" and
// "November 2026" in English, "US$19.03" and "2026년 11월" in Korean.

const cache = createIntlCache();
const korean: Messages = koreanCosts;

function intlFor(locale: Locale): IntlShape {
  return createIntl(
    intlOptions<ReactNode>(locale, locale === 'ko' ? korean : {}, (error) => {
      throw error;
    }),
    cache,
  );
}
const en = intlFor('en');
const ko = intlFor('ko');

describe('Costs numbers', () => {
  it('money in the reader’s format: cents rounded half up, sub-cent amounts keep their digits', () => {
    expect([19_030_000, 17_025_000, 0, 150, 1_234_567_890].map((micros) => usd(micros, en))).toEqual([
      '$19.03',
      '$17.03',
      '$0.00',
      '$0.00015',
      '$1,234.57',
    ]);
    expect([19_030_000, 150, 1_234_567_890].map((micros) => usd(micros, ko))).toEqual(['US$19.03', 'US$0.00015', 'US$1,234.57']);
  });

  it('short amounts for a chart axis', () => {
    expect([0, 0.25, 12, 1200].map((dollars) => axisUsd(dollars, en))).toEqual(['$0', '$0.25', '$12', '$1.2K']);
    expect([12, 1200].map((dollars) => axisUsd(dollars, ko))).toEqual(['US$12', 'US$1.2천']);
  });

  it('one token style per column, in the locale’s compact units', () => {
    expect([950, 85_000, 900_000, 6_200_000].map((n) => tokens(n, en))).toEqual(['950', '85K', '900K', '6.2M']);
    expect([950, 85_000, 6_200_000].map((n) => tokens(n, ko))).toEqual(['950', '8.5만', '620만']);
    expect([percent(0.592, en), percent(0.592, ko)]).toEqual(['59%', '59%']);
  });

  it('months and days in UTC, as the records are', () => {
    expect([monthLabel('2026-11', en), dayLabel('2026-11-27', en)]).toEqual(['November 2026', 'Nov 27']);
    expect([monthLabel('2026-11', ko), dayLabel('2026-11-27', ko)]).toEqual(['2026년 11월', '11월 27일']);
    expect(monthsBetween('2026-10-30', '2026-10-31')).toEqual(['2026-10']);
    expect(monthsBetween('2026-11-20', '2027-01-02')).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('counts through the catalog’s plurals, never "1 records"', () => {
    const records = { id: 'costs.recordCount', defaultMessage: '{count, plural, one {# record} other {# records}}' };
    expect([1, 3, 1200].map((count) => en.formatMessage(records, { count }))).toEqual(['1 record', '3 records', '1,200 records']);
    expect([1, 1200].map((count) => ko.formatMessage(records, { count }))).toEqual(['레코드 1건', '레코드 1,200건']);
  });
});
