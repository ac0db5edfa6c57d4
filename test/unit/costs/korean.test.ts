import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../contract/costs.ts';
import { KeywardError } from '../../../contract/errors.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { workerRunner } from '../../../main/costs/import-runner.ts';
import { createServices, type Services } from '../../../main/services.ts';
import { zipOf } from '../../reliability/support/csv-gen.ts';
import { runKeyward, type Run } from '../../support/cli-run.ts';
import { windowIntl } from '../../support/intl.ts';
import { tempDir } from '../../support/temp.ts';
import { createdVault, failure, ManualClock, PASSWORD } from '../../support/vault.ts';

// What the Costs section's imports and errors say: the CLI's English as it always was, and the
// window's Korean (the same phrases through the window's catalog), with the particles right.
const FIXTURES = fileURLToPath(new URL('../../fixtures/costs', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);
const WORKER = new URL('../../../main/costs/import-worker.ts', import.meta.url);
const ko = windowIntl('ko');

const preview = (services: Services, path: string, extra: Record<string, unknown> = {}): Promise<ImportPreview> =>
  services.costs.imports.preview({ file: { path }, ...extra } as never, 'cli');

/** A DeepSeek export whose second amount row has a `type` DeepSeek does not write (line 3 of its entry). */
function deepSeekWithBadType(dir: string): string {
  const amount = [
    'start_time_iso,end_time_iso,model,api_key_name,type,amount',
    '2026-11-18T00:00:00+00:00,2026-11-19T00:00:00+00:00,deepseek-chat,fake-key-alpha,input_cache_hit_tokens,1000',
    '2026-11-18T00:00:00+00:00,2026-11-19T00:00:00+00:00,deepseek-chat,fake-key-alpha,reasoning_tokens,1000',
  ].join('\n');
  const path = join(dir, 'deepseek.zip');
  writeFileSync(path, zipOf([{ name: 'amount-2026-11.csv', data: Buffer.from(`${amount}\n`) }]));
  return path;
}

describe('an import preview in Korean', () => {
  it('says each invalid row in Korean, naming the column, with its line', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('anthropic-usage-bad-rows.csv'));
    expect(p.errors.map((issue) => [issue.line, phraseText(issue.message)])).toEqual([
      [4, 'usage_input_tokens_no_cache is not a whole number.'],
      [6, 'usage_date_utc is not a date (expected YYYY-MM-DD or an ISO timestamp).'],
    ]);
    expect(p.errors.map((issue) => [issue.line, phraseText(issue.message, ko)])).toEqual([
      [4, 'usage_input_tokens_no_cache 열이 정수가 아닙니다.'],
      [6, 'usage_date_utc 열이 날짜가 아닙니다(YYYY-MM-DD 또는 ISO 타임스탬프여야 합니다).'],
    ]);
  });

  it('says why a file cannot be read at all in Korean', async () => {
    const services = await createdVault();
    const path = join(tempDir(), 'notes.csv');
    writeFileSync(path, 'what,ever\n1,2\n');
    const [issue] = (await preview(services, path)).errors;
    expect(phraseText(issue!.message, ko)).toBe(
      '처음 50행에서 지원하는 내보내기 파일의 머리글 행을 찾지 못했습니다. 형식을 선택하거나 열을 매핑하십시오.',
    );
  });

  it('keeps a ZIP entry apart from its row’s problem: the CLI’s “entry: problem”, the window’s own wording', async () => {
    const services = await createdVault();
    const path = deepSeekWithBadType(tempDir());
    const [issue] = (await preview(services, path)).errors;
    expect(issue).toMatchObject({ line: 3, entry: 'amount-2026-11.csv' });
    expect(phraseText(issue!.message)).toBe(
      'type is not one of input_cache_hit_tokens, input_cache_miss_tokens, output_tokens, request_count.',
    );
    expect(phraseText(issue!.message, ko)).toBe(
      'type 열이 input_cache_hit_tokens, input_cache_miss_tokens, output_tokens, request_count 중 하나가 아닙니다.',
    );
  });

  it('says its warnings in Korean, with plural counts in the English', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('openai-activity.csv'));
    expect(p.warnings.map((warning) => phraseText(warning))).toEqual([
      '1 row uses a model with no price (gpt-9-imaginary): kept as unpriced until you set a price.',
    ]);
    expect(p.warnings.map((warning) => phraseText(warning, ko))).toEqual([
      '1개 행이 가격이 없는 모델(gpt-9-imaginary)을 사용합니다. 가격을 설정할 때까지 가격 없음으로 보관합니다.',
    ]);

    await services.costs.imports.commit((await preview(services, fixture('anthropic-usage.csv'))).token, false, 'cli');
    const path = join(tempDir(), 'cost.csv');
    writeFileSync(path, readFileSync(fixture('anthropic-cost.csv'), 'utf8').replaceAll('2026-11-08', '2026-11-06'));
    const sibling = await preview(services, path);
    expect(sibling.warnings.map((warning) => phraseText(warning))).toEqual([
      'The vault already has Anthropic Console usage export records for these days: both exports describe the same Anthropic spend, so importing this one too counts it twice.',
    ]);
    expect(sibling.warnings.map((warning) => phraseText(warning, ko))).toEqual([
      '보관함에 이미 이 기간의 Anthropic Console 사용량 내보내기 레코드가 있습니다. 두 내보내기 파일은 같은 Anthropic 지출을 담고 있으므로 이 파일도 가져오면 두 번 계산됩니다.',
    ]);
  });
});

describe('the Costs section’s errors in Korean', () => {
  it('an error is its English in main and the CLI, and Korean in the window, particles included', async () => {
    const services = await createdVault();
    const expired = await failure(() => services.costs.imports.commit('no-such-preview', false, 'app'));
    expect(expired).toMatchObject({
      code: 'NotFound',
      message: 'That preview has expired or was already used; preview the file again.',
    });
    // The window's errorText says the phrase whole: in English its message, in Korean this.
    expect(phraseText(expired.phrase!, ko)).toBe('미리 보기가 만료되었거나 이미 사용되었습니다. 파일을 다시 미리 보십시오.');

    const price = await failure(() => services.costs.prices.set({ model: 'my-own-model', input: 1 } as never, 'app'));
    expect(price).toMatchObject({
      code: 'Invalid',
      message: 'provider: my-own-model is not in the price table: name its provider too.',
      issues: [{ path: 'provider', message: 'my-own-model is not in the price table: name its provider too.' }],
    });
    expect(phraseText(price.phrase!, ko)).toBe('my-own-model이 가격표에 없습니다. 제공업체도 지정하십시오.');
  });

  it('an error raised in the import worker keeps its phrase across the thread', async () => {
    const services = createServices({ dataDir: tempDir(), clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
    await services.vault.create(PASSWORD, 'app');
    const runner = workerRunner(services.vault, WORKER);
    // The service checks the key first; asked directly, the worker finds it missing itself.
    const error = await runner
      .preview({ file: { path: fixture('openai-cost.csv') }, fileName: 'openai-cost.csv', keyId: 'k_missing00000000' })
      .then(
        () => null,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(KeywardError);
    expect((error as KeywardError).phrase?.id).toBe('costs.error.noKeyToLink');
    expect(error).toMatchObject({ code: 'NotFound', message: 'No key with that id to link the import to.' });
    expect(phraseText((error as KeywardError).phrase!, ko)).toBe('그 ID의 키가 없어 가져온 사용량을 연결할 수 없습니다.');
    services.vault.lock('manual');
  });
});

describe('keyward usage import prints the same English', () => {
  let root: string;
  let vault: string;
  const keyward = (args: string[]): Promise<Run> =>
    runKeyward([...args, '--data-dir', vault, '--password-env', 'KW_PASSWORD'], { home: root, env: { KW_PASSWORD: PASSWORD } });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'keyward-cost-korean-'));
    vault = join(root, 'vault');
    expect((await keyward(['init'])).code).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rows, warnings and the refusal, as before', async () => {
    const bad = await keyward(['usage', 'import', fixture('anthropic-usage-bad-rows.csv')]);
    expect(bad.stdout).toContain(
      '  line 4: usage_input_tokens_no_cache is not a whole number.\n  line 6: usage_date_utc is not a date (expected YYYY-MM-DD or an ISO timestamp).\n',
    );
    expect(bad.stderr).toContain(
      'rejected, nothing added: line 4: usage_input_tokens_no_cache is not a whole number. (2 invalid rows;',
    );
    const zip = await keyward(['usage', 'import', deepSeekWithBadType(root)]);
    expect(zip.stdout).toContain(
      '  line 3: amount-2026-11.csv: type is not one of input_cache_hit_tokens, input_cache_miss_tokens, output_tokens, request_count.\n',
    );
    const unpriced = await keyward(['usage', 'import', fixture('openai-activity.csv'), '--dry-run']);
    expect(unpriced.stdout).toContain(
      'Note: 1 row uses a model with no price (gpt-9-imaginary): kept as unpriced until you set a price.\n',
    );
  });
});
