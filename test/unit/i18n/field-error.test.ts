import { createIntl } from '@formatjs/intl';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newPassword } from '../../../contract/vault.ts';
import { keyFieldSchemas } from '../../../contract/keys.ts';
import { schemaWords } from '../../../contract/schema-words.ts';
import { intlOptions } from '../../../i18n/intl.ts';
import { fieldError } from '../../../renderer/src/lib/field-error.ts';

const korean = JSON.parse(readFileSync('i18n/ko/common.json', 'utf8')) as Record<string, string>;
const ko = createIntl(
  intlOptions('ko', korean, (error) => {
    throw error;
  }),
);
const en = createIntl(
  intlOptions('en', {}, (error) => {
    throw error;
  }),
);

describe('fieldError in the language in force', () => {
  it('keeps the schema’s own English message in English and without an intl', () => {
    expect(fieldError(newPassword, 'short', en)).toBe('Use at least 8 characters.');
    expect(fieldError(newPassword, 'short')).toBe('Use at least 8 characters.');
    expect(fieldError(newPassword, 'long enough password', ko)).toBeUndefined();
  });

  it('keeps it for English written the way of an OS region (en-GB, en-US)', () => {
    for (const tag of ['en-GB', 'en-US']) {
      const regional = createIntl(
        intlOptions(
          'en',
          {},
          (error) => {
            throw error;
          },
          tag,
        ),
      );
      expect(fieldError(keyFieldSchemas.label, '', regional)).toBe('Give the key a label.');
    }
  });

  it('says the generic problems in Korean by their zod code', () => {
    expect(fieldError(newPassword, 'short', ko)).toBe('8자 이상 입력하십시오.');
    expect(fieldError(newPassword, 'x'.repeat(1025), ko)).toBe('1,024자 이하로 입력하십시오.');
    expect(fieldError(keyFieldSchemas.notes, 'x'.repeat(4001), ko)).toBe('4,000자 이하로 입력하십시오.');
  });

  it('says the contract’s own messages in Korean: a format rule, a custom check, a required field with its own words', () => {
    expect(fieldError(keyFieldSchemas.label, '', ko)).toBe('키 이름을 입력하십시오.');
    expect(fieldError(keyFieldSchemas.expiresAt, '5 Dec', ko)).toBe('날짜를 YYYY-MM-DD 형식으로 입력하십시오.');
    expect(fieldError(keyFieldSchemas.expiresAt, '5 Dec', en)).toBe('Use a date written YYYY-MM-DD.');
  });

  it('every message of the contract has its Korean, and no two share their English', () => {
    const english = Object.values(schemaWords).map((message) => message.defaultMessage);
    expect(new Set(english).size).toBe(english.length);
    for (const message of Object.values(schemaWords)) {
      expect(korean[message.id], message.id).toMatch(/[가-힣]/);
      expect(
        fieldError(
          z.string().refine(() => false, message.defaultMessage),
          'x',
          ko,
        ),
      ).toBe(korean[message.id]);
    }
  });
});
