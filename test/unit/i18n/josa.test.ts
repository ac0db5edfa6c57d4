import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { intlOptions } from '../../../i18n/intl.ts';
import { withJosa } from '../../../i18n/josa.ts';
import { formattingTag, resolveLocale } from '../../../i18n/language.ts';

// Korean particles follow how the word before them is read; a wrong one reads like a typo.

describe('withJosa', () => {
  it('follows the final consonant of a Hangul word, with ㄹ taking 로', () => {
    expect(withJosa('키', 'obj')).toBe('키를');
    expect(withJosa('항목', 'obj')).toBe('항목을');
    expect(withJosa('파일', 'to')).toBe('파일로');
    expect(withJosa('항목', 'to')).toBe('항목으로');
    expect(withJosa('서버', 'to')).toBe('서버로');
    expect(withJosa('예산', 'topic')).toBe('예산은');
    expect(withJosa('비용', 'and')).toBe('비용과');
    expect(withJosa('키', 'subj')).toBe('키가');
  });

  it('reads provider names as Korean speakers say them', () => {
    expect(withJosa('OpenAI', 'obj')).toBe('OpenAI를'); // 오픈에이아이
    expect(withJosa('Anthropic', 'obj')).toBe('Anthropic을'); // 앤트로픽
    expect(withJosa('Slack', 'subj')).toBe('Slack이'); // 슬랙
    expect(withJosa('Telegram', 'topic')).toBe('Telegram은'); // 텔레그램
    expect(withJosa('Google', 'to')).toBe('Google로'); // 구글
    expect(withJosa('GitHub', 'obj')).toBe('GitHub를'); // 깃허브
    expect(withJosa('Stripe', 'subj')).toBe('Stripe가'); // 스트라이프
    expect(withJosa('AWS', 'obj')).toBe('AWS를'); // 에이더블유에스
    expect(withJosa('XML', 'obj')).toBe('XML을'); // 엑스엠엘
  });

  it('reads digits in Sino-Korean and skips closing punctuation', () => {
    expect(withJosa('키 1', 'obj')).toBe('키 1을'); // 일
    expect(withJosa('키 2', 'obj')).toBe('키 2를'); // 이
    expect(withJosa('키 10', 'subj')).toBe('키 10이'); // 십
    expect(withJosa('prod (서울)', 'obj')).toBe('prod (서울)을');
    expect(withJosa('"결제"', 'topic')).toBe('"결제"는');
  });
});

describe('a Korean message with particle tags', () => {
  it('puts the particle the inserted word needs, and English ignores the tags it never uses', () => {
    const messages = { 'keys.deleteAsk': '<obj>{label}</obj> 휴지통으로 옮길까요?' };
    const descriptor = { id: 'keys.deleteAsk', defaultMessage: 'Move {label} to the trash?' };
    const ko = createIntl(intlOptions('ko', messages, (error) => expect.fail(error.message)));
    expect(ko.formatMessage(descriptor, { label: 'OpenAI' })).toBe('OpenAI를 휴지통으로 옮길까요?');
    expect(ko.formatMessage(descriptor, { label: '결제 서버' })).toBe('결제 서버를 휴지통으로 옮길까요?');
    expect(ko.formatMessage(descriptor, { label: 'Slack 봇' })).toBe('Slack 봇을 휴지통으로 옮길까요?');
    const en = createIntl(intlOptions('en', {}, (error) => expect.fail(error.message)));
    expect(en.formatMessage(descriptor, { label: 'OpenAI' })).toBe('Move OpenAI to the trash?');
  });
});

describe('resolveLocale', () => {
  it('follows the first OS language Keyward speaks, English otherwise, unless the user chose', () => {
    expect(resolveLocale('system', ['ko-KR', 'en-US'])).toBe('ko');
    expect(resolveLocale('system', ['fr-FR', 'ko'])).toBe('ko');
    expect(resolveLocale('system', ['fr-FR', 'de'])).toBe('en');
    expect(resolveLocale('system', [])).toBe('en');
    expect(resolveLocale('en', ['ko-KR'])).toBe('en');
    expect(resolveLocale('ko', ['en-US'])).toBe('ko');
  });
});

describe('formattingTag', () => {
  it("writes dates the OS region's way when the language is the same, the bare locale otherwise", () => {
    expect(formattingTag('en', ['en-GB', 'ko-KR'])).toBe('en-GB');
    expect(formattingTag('ko', ['en-GB', 'ko-KR'])).toBe('ko-KR');
    expect(formattingTag('en', ['ko-KR'])).toBe('en');
    expect(formattingTag('en', ['en_US!', 'en-AU'])).toBe('en-AU');
    const date = new Date(Date.UTC(2026, 11, 5));
    const options = { dateStyle: 'medium', timeZone: 'UTC' } as const;
    expect(createIntl(intlOptions('en', {}, () => {}, 'en-GB')).formatDate(date, options)).toBe('5 Dec 2026');
    expect(createIntl(intlOptions('en', {}, () => {}, 'en-US')).formatDate(date, options)).toBe('Dec 5, 2026');
  });
});
