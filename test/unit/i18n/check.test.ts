import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run i18n:check` is what keeps English and Korean in step: run on a small project of its own.

const script = resolve('scripts/i18n-check.ts');
let project: string;

function write(files: Record<string, string>): void {
  project = mkdtempSync(join(tmpdir(), 'keyward-i18n-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
}

function check() {
  const result = spawnSync(process.execPath, [script], { cwd: project, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

afterEach(() => rmSync(project, { recursive: true, force: true }));

const view = `import { FormattedMessage, useIntl } from 'react-intl';
export function View({ count }: { count: number }) {
  const intl = useIntl();
  return (
    <p title={intl.formatMessage({ id: 'keys.count', defaultMessage: '{count, plural, one {# key} other {# keys}}' }, { count })}>
      <FormattedMessage id="keys.title" defaultMessage="Keys" />
    </p>
  );
}
`;

describe('i18n:check', () => {
  it('passes when every message has its Korean, with the same arguments', () => {
    write({
      'renderer/src/View.tsx': view,
      'i18n/ko/keys.json': JSON.stringify({ 'keys.count': '키 {count, plural, other {#개}}', 'keys.title': '키' }),
    });
    const { status, output } = check();
    expect(output).toContain('i18n: 2 messages, English and Korean complete');
    expect(status).toBe(0);
  });

  it('names the file and line of a message with no Korean, and Korean no code uses', () => {
    write({
      'renderer/src/View.tsx': view,
      'i18n/ko/keys.json': JSON.stringify({ 'keys.count': '키 {count}개', 'keys.gone': '지난 메시지' }),
    });
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain('renderer/src/View.tsx:6: "keys.title" has no Korean; add it to i18n/ko/keys.json');
    expect(output).toContain('i18n/ko/keys.json: "keys.gone" is used nowhere in the code; remove it');
  });

  it('refuses Korean whose placeholders differ, an unknown tag, or a message in another area file', () => {
    write({
      'renderer/src/View.tsx': view,
      'i18n/ko/keys.json': JSON.stringify({ 'keys.count': '키 {n}개' }),
      'i18n/ko/costs.json': JSON.stringify({ 'keys.title': '<b>키</b>' }),
    });
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain('"keys.count" uses {n} but the English uses {count}');
    expect(output).toContain('i18n/ko/costs.json: "keys.title" belongs in i18n/ko/keys.json');
    expect(output).toContain('"keys.title" uses <b>, which the English does not have');
  });

  it('refuses a message without an explicit id', () => {
    write({
      'renderer/src/View.tsx': `import { FormattedMessage } from 'react-intl';\nexport const V = () => <FormattedMessage defaultMessage="Hello" />;\n`,
    });
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain('renderer/src/View.tsx:2: "Hello" needs an explicit id of the form <area>.<name>');
  });

  it('reads the contract’s messages too, and refuses Korean in 해요체 where the app writes 합니다체', () => {
    write({
      'contract/words.ts': `function defineMessages<T>(m: T): T { return m; }\nexport const w = defineMessages({ a: { id: 'common.schema.label', defaultMessage: 'Give the key a label.' } });\n`,
      'i18n/ko/common.json': JSON.stringify({ 'common.schema.label': '키 이름을 입력하세요.' }),
    });
    const { status, output } = check();
    expect(status).toBe(1);
    expect(output).toContain('"common.schema.label" asks in 해요체 (…세요); write 합니다체 (…십시오)');
  });
});
