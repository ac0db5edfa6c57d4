import type { ReactNode } from 'react';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import type { ScanFinding } from '../../../contract/scan.ts';
import { intlOptions, type Messages } from '../../../i18n/intl.ts';
import koreanKeys from '../../../i18n/ko/keys.json' with { type: 'json' };
import koreanScan from '../../../i18n/ko/scan.json' with { type: 'json' };
import type { Locale } from '../../../i18n/language.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { failureText, findingLabel } from '../../../renderer/src/features/scan/words.ts';

// The scan's results name an unknown key by what its format says it is, and say why a scan failed:
// main sends codes and phrases, the window words them in its language; in English exactly as the CLI.

function intlFor(locale: Locale) {
  const messages: Messages = locale === 'en' ? {} : { ...koreanKeys, ...koreanScan };
  return createIntl(
    intlOptions<ReactNode>(locale, messages, (error) => {
      throw error;
    }),
  );
}
const en = intlFor('en');
const ko = intlFor('ko');

const finding = (fields: Partial<ScanFinding>): ScanFinding => ({
  keyId: null,
  inTrash: false,
  label: 'OpenAI project key',
  masked: 'sk-proj-…ABCD',
  kind: 'unknown',
  path: '/tmp/app/.env',
  line: 1,
  column: 1,
  commit: null,
  repository: null,
  form: 'raw',
  source: 'file',
  historySeq: null,
  provider: 'openai',
  keyKind: 'projectKey',
  unknownId: 0,
  ...fields,
});

describe('scan words in the window', () => {
  it('names an unknown key by provider and kind, as main’s English label does', () => {
    expect(findingLabel(finding({}), en)).toBe('OpenAI project key');
    expect(findingLabel(finding({}), ko)).toBe('OpenAI 프로젝트 키');
    const slack = finding({ label: 'Slack bot token', provider: 'slack', keyKind: 'botToken' });
    expect(findingLabel(slack, en)).toBe(slack.label);
    expect(findingLabel(slack, ko)).toBe('Slack 봇 토큰');
  });

  it('names a vault key by its own label in every language', () => {
    const vault = finding({ keyId: 'k1', label: 'Shop live', kind: 'vault', provider: null, keyKind: null, unknownId: null });
    expect(findingLabel(vault, ko)).toBe('Shop live');
  });

  it('says why a scan failed', () => {
    const stopped = phrase({ id: 'scan.stopped', defaultMessage: 'The scan stopped unexpectedly inside Keyward.' });
    expect(failureText({ error: stopped }, en)).toBe('The scan stopped unexpectedly inside Keyward.');
    expect(failureText({ error: stopped }, ko)).toBe('검사가 Keyward 내부에서 예기치 않게 중단되었습니다.');
    expect(failureText({ error: null }, ko)).toBe('검사에 실패했습니다.');
  });
});
