import type { ReactNode } from 'react';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KeywardError } from '../../../contract/errors.ts';
import { keyFieldSchemas } from '../../../contract/keys.ts';
import { issuePhrase } from '../../../contract/schema-words.ts';
import { intlOptions, type Messages } from '../../../i18n/intl.ts';
import koreanCommon from '../../../i18n/ko/common.json' with { type: 'json' };
import koreanReminders from '../../../i18n/ko/reminders.json' with { type: 'json' };
import koreanRotation from '../../../i18n/ko/rotation.json' with { type: 'json' };
import type { Locale } from '../../../i18n/language.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { fieldPhraseError, phraseError } from '../../../i18n/phrase-text.ts';
import { errorText, issueText } from '../../../renderer/src/lib/error-text.ts';

// Main's errors reach the window as payloads. Where main wrote the message as a phrase, the window
// says the whole message in the reader's language; where not, a translated summary and main's English.

function intlFor(locale: Locale) {
  const messages: Messages = locale === 'en' ? {} : { ...koreanCommon, ...koreanReminders, ...koreanRotation };
  return createIntl(
    intlOptions<ReactNode>(locale, messages, (error) => {
      throw error;
    }),
  );
}
const en = intlFor('en');
const ko = intlFor('ko');

/** The error as the window receives it: its payload through JSON, as over IPC or a socket. */
const received = (error: KeywardError) => KeywardError.fromPayload(JSON.parse(JSON.stringify(error.toPayload())));

describe('errors from main in the window’s language', () => {
  it('a phrase error: main’s English in English, the whole message in Korean', () => {
    // As main/reminders/service.ts throws it (test/unit/i18n/phrase.test.ts calls the real one).
    const error = received(
      phraseError(
        'NotFound',
        phrase({ id: 'reminders.error.noSuchReminder', defaultMessage: 'That key has no such reminder to snooze.' }),
      ),
    );
    expect(error.message).toBe('That key has no such reminder to snooze.');
    expect(errorText(error, 'fallback', en)).toBe('That key has no such reminder to snooze.');
    expect(errorText(error, 'fallback', ko)).toBe('이 키에는 미룰 알림이 없습니다.');
  });

  it('without a phrase, or with a malformed one from another process: a Korean summary, then main’s English', () => {
    const plain = new KeywardError('NotFound', 'No budget with that id.');
    expect(errorText(plain, 'fallback', ko)).toMatch(/^[^A-Za-z]+No budget with that id\.$/);
    const forged = KeywardError.fromPayload({
      code: 'NotFound',
      message: 'No budget with that id.',
      phrase: { id: 'x.y', defaultMessage: 'z', values: { nested: {} } } as never,
    });
    expect(forged.phrase).toBeUndefined();
    expect(forged.toPayload()).not.toHaveProperty('phrase');
    expect(errorText(forged, 'fallback', ko)).toBe(errorText(plain, 'fallback', ko));
    expect(errorText(new Error('not ours'), '복사하지 못했습니다.', ko)).toBe('복사하지 못했습니다.');
  });

  it('a schema’s refusal from main: each field’s problem in Korean, by the words main attached (contract/schema-words.ts)', () => {
    const parsed = z
      .object({ label: keyFieldSchemas.label, notes: keyFieldSchemas.notes })
      .safeParse({ label: '', notes: 'n'.repeat(4001) });
    // As main/router.ts builds the issues.
    const issues = parsed.error!.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
      phrase: issuePhrase(issue),
    }));
    const refused = received(
      new KeywardError('Invalid', 'label: Give the key a label.; notes: Use at most 4000 characters.', { issues }),
    );
    expect(errorText(refused, 'fallback', en)).toBe('label: Give the key a label.; notes: Use at most 4000 characters.');
    expect(errorText(refused, 'fallback', ko)).toBe(
      '받아들일 수 없는 값입니다: label: 키 이름을 입력하십시오.; notes: 4,000자 이하로 입력하십시오.',
    );
    expect(issueText(refused.issues![1]!, en)).toBe('Use at most 4000 characters.');
  });

  it('an error about one field: the CLI’s message names the field, the window says the sentence there and beside the field', () => {
    // As main/rotation/service.ts throws it (test/unit/i18n/error-phrases.test.ts calls the real one).
    const sentence = 'That is the key already stored; paste the new one.';
    const error = received(fieldPhraseError('secret', phrase({ id: 'rotation.error.sameKey', defaultMessage: sentence })));
    expect(error.message).toBe(`secret: ${sentence}`);
    expect(errorText(error, 'fallback', en)).toBe(`secret: ${sentence}`);
    expect(errorText(error, 'fallback', ko)).toBe('이미 저장된 키입니다. 새 키를 붙여 넣으십시오.');
    const [issue] = error.issues!;
    expect(issueText(issue!, en)).toBe(sentence);
    expect(issueText(issue!, ko)).toBe('이미 저장된 키입니다. 새 키를 붙여 넣으십시오.');
    // From another process, a malformed issue phrase is dropped: the form shows the English message.
    const forged = KeywardError.fromPayload({
      code: 'Invalid',
      message: `secret: ${sentence}`,
      issues: [{ path: 'secret', message: sentence, phrase: { id: 7 } as never }],
    });
    expect(forged.issues).toEqual([{ path: 'secret', message: sentence }]);
    expect(issueText(forged.issues![0]!, ko)).toBe(sentence);
  });
});
