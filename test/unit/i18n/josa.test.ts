import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { intlOptions } from '../../../i18n/intl.ts';
import { withJosa } from '../../../i18n/josa.ts';
import { formattingTag, resolveLocale } from '../../../i18n/language.ts';
import { providerCatalog } from '../../../contract/providers.ts';

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

  // Each word with the object particle it takes, and how it is read.
  const table = (rows: Array<[word: string, withParticle: string, reading: string]>) =>
    it.each(rows)('%s → %s (%s)', (word, withParticle) => expect(withJosa(word, 'obj')).toBe(withParticle));

  describe('every provider in the catalog', () => {
    const readings: Record<string, [withParticle: string, reading: string]> = {
      OpenAI: ['OpenAI를', '오픈에이아이'],
      Anthropic: ['Anthropic을', '앤트로픽'],
      Google: ['Google을', '구글'],
      Slack: ['Slack을', '슬랙'],
      Telegram: ['Telegram을', '텔레그램'],
      GitHub: ['GitHub를', '깃허브'],
      Stripe: ['Stripe를', '스트라이프'],
      AWS: ['AWS를', '에이더블유에스'],
      'Hugging Face': ['Hugging Face를', '허깅 페이스'],
      Groq: ['Groq을', '그록'],
      xAI: ['xAI를', '엑스에이아이'],
      Perplexity: ['Perplexity를', '퍼플렉시티'],
      Replicate: ['Replicate를', '레플리케이트'],
      SendGrid: ['SendGrid를', '센드그리드'],
      OpenRouter: ['OpenRouter를', '오픈라우터'],
      Notion: ['Notion을', '노션'],
      Twilio: ['Twilio를', '트윌리오'],
      Discord: ['Discord를', '디스코드'],
      DeepSeek: ['DeepSeek를', '딥시크'],
      'Mistral AI': ['Mistral AI를', '미스트랄 에이아이'],
      Cohere: ['Cohere를', '코히어'],
    };
    it('has a reading for each of them', () => {
      expect(Object.keys(readings).sort()).toEqual(providerCatalog.map((provider) => provider.name).sort());
    });
    table(Object.entries(readings).map(([word, [withParticle, reading]]) => [word, withParticle, reading]));
  });

  describe('other services people keep keys for', () => {
    table([
      ['Docker', 'Docker를', '도커'],
      ['Vercel', 'Vercel을', '버셀'],
      ['Supabase', 'Supabase를', '수파베이스'],
      ['Cloudflare', 'Cloudflare를', '클라우드플레어'],
      ['Mailgun', 'Mailgun을', '메일건'],
      ['Linear', 'Linear를', '리니어'],
      ['Sentry', 'Sentry를', '센트리'],
      ['Datadog', 'Datadog을', '데이터독'],
      ['Mistral', 'Mistral을', '미스트랄'],
      ['Airtable', 'Airtable을', '에어테이블'],
      ['Figma', 'Figma를', '피그마'],
      ['Shopify', 'Shopify를', '쇼피파이'],
      ['Firebase', 'Firebase를', '파이어베이스'],
      ['PayPal', 'PayPal을', '페이팔'],
      ['Twitch', 'Twitch를', '트위치'],
      ['GitLab', 'GitLab을', '깃랩'],
      ['Docker Hub', 'Docker Hub를', '도커 허브'],
      ['ChatGPT', 'ChatGPT를', '챗지피티'],
      ['MongoDB', 'MongoDB를', '몽고디비'],
    ]);
  });

  describe('labels and the endings they show', () => {
    table([
      ['Chatbot prod', 'Chatbot prod를', '챗봇 프로드: -d is 드'],
      ['CI deploy', 'CI deploy를', '씨아이 디플로이'],
      ['Billing', 'Billing을', '빌링: -ing closes with ㅇ'],
      ['Test key', 'Test key를', '테스트 키'],
      ['prod', 'prod를', '프로드'],
      ['dev', 'dev를', '데브'],
      ['staging', 'staging을', '스테이징'],
      ['Webhook', 'Webhook을', '웹훅: -ook closes'],
      ['checkout', 'checkout을', '체크아웃: -out closes'],
      ['Agent', 'Agent를', '에이전트: a consonant before t gives 트'],
      ['night', 'night를', '나이트: -ght is 트'],
      ['Slack bot', 'Slack bot을', '슬랙 봇: short vowel before t'],
      ['Slack app', 'Slack app을', '슬랙 앱: short vowel before pp'],
      ['Web', 'Web을', '웹'],
      ['Group', 'Group을', '그룹: -oup closes'],
      ['Mock', 'Mock을', '목: -ck'],
      ['Health check', 'Health check를', '헬스 체크: the exception to -ck'],
      ['Desk', 'Desk를', '데스크: a consonant before k gives 크'],
      ['Inbox', 'Inbox를', '인박스: -x is 스'],
      ['keys', 'keys를', '키스: -s is 스'],
      ['tested', 'tested를', '테스티드: -ed is 드'],
      ['Server', 'Server를', '서버: -er is 어'],
      ['Mail', 'Mail을', '메일: -l takes ㄹ'],
      ['Bill', 'Bill을', '빌: -ll'],
      ['Table', 'Table을', '테이블: -ble is 블'],
      ['Pipeline', 'Pipeline을', '파이프라인: -ne closes with ㄴ'],
      ['Runtime', 'Runtime을', '런타임: -me closes with ㅁ'],
      ['iOS', 'iOS를', '아이오에스'],
    ]);
  });

  describe('variable names (a .env import labels keys by them) and digits after letters', () => {
    table([
      ['OPENAI_API_KEY', 'OPENAI_API_KEY를', '… 키'],
      ['GITHUB_TOKEN', 'GITHUB_TOKEN을', '… 토큰: a capitalised word with a vowel is read as a word'],
      ['STRIPE_WEBHOOK', 'STRIPE_WEBHOOK을', '… 웹훅'],
      ['DATABASE_URL', 'DATABASE_URL을', '… 유알엘: three letters are read as letters'],
      ['SENTRY_DSN', 'SENTRY_DSN을', '… 디에스엔'],
      ['HTTP', 'HTTP를', '에이치티티피: no vowel, read as letters'],
      ['JSON', 'JSON을', '제이슨'],
      ['S3', 'S3를', '에스쓰리: a digit after a letter is read in English'],
      ['Auth0', 'Auth0를', '오스제로'],
      ['n8n', 'n8n을', '엔에잇엔'],
    ]);
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
