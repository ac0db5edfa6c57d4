import { describe, expect, it } from 'vitest';
import { KeywardError } from '../../../contract/errors.ts';
import { isPhrase } from '../../../i18n/phrase.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { appLike } from '../../support/app.ts';
import { fakeKeys } from '../../support/fake-keys.ts';
import { windowIntl } from '../../support/intl.ts';

// A phrase is a message main composes but the window says: it crosses as id, English and values.

describe('phrases across a boundary', () => {
  it('an error main throws as a phrase keeps its English message and carries the phrase through JSON', async () => {
    const app = appLike();
    await app.create();
    const key = await app.api.keys.add({ label: 'Bot', secret: fakeKeys.github() });
    const thrown = await app.api.reminders.snooze({ keyId: key.id, reason: 'expiry', days: 1 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(KeywardError);
    const payload = JSON.parse(JSON.stringify((thrown as KeywardError).toPayload())) as ReturnType<KeywardError['toPayload']>;
    expect(payload).toMatchObject({ code: 'NotFound', message: 'That key has no such reminder to snooze.' });
    expect(isPhrase(payload.phrase)).toBe(true);
    expect(phraseText(payload.phrase!)).toBe(payload.message);
    expect(phraseText(payload.phrase!, windowIntl('ko'))).toBe('이 키에는 미룰 알림이 없습니다.');
  });

  it('a phrase’s shape is checked where it arrives: only strings and numbers as values', () => {
    expect(isPhrase({ id: 'a.b', defaultMessage: 'x {n}', values: { n: 1, s: 'y' } })).toBe(true);
    expect(isPhrase({ id: 'a.b', defaultMessage: 'x' })).toBe(true);
    for (const bad of [
      null,
      'a.b',
      { id: 'a.b' },
      { id: 1, defaultMessage: 'x' },
      { id: 'a.b', defaultMessage: 'x', values: [1] },
    ]) {
      expect(isPhrase(bad)).toBe(false);
    }
    expect(isPhrase({ id: 'a.b', defaultMessage: 'x', values: { n: { toString: 'boom' } } })).toBe(false);
  });

  it('a value may be a phrase, said in the same language first; nesting is bounded', () => {
    const reason = { id: 'health.uncheckable', defaultMessage: 'unused here', values: { cause: 'custom' } };
    const said = { id: 'health.error.cannotCheck', defaultMessage: 'This key cannot be checked: {reason}', values: { reason } };
    expect(isPhrase(said)).toBe(true);
    expect(phraseText(said, windowIntl('ko'))).toBe(
      '이 키는 확인할 수 없습니다. 사용자 지정 제공업체에는 알려진 확인 엔드포인트가 없습니다.',
    );
    let deep: object = { id: 'a.b', defaultMessage: 'x' };
    for (let level = 0; level < 3; level += 1) deep = { id: 'a.b', defaultMessage: '{v}', values: { v: deep } };
    expect(isPhrase(deep)).toBe(false);
  });
});
