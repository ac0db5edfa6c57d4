import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { contract } from '../../contract/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { startMockProviders, type MockProviders } from '../support/mock-providers.ts';
import { expect, PASSWORD, screenshot, test as base } from './fixtures.ts';

// Costs, Health and Scan in Korean: their words from i18n/ko, amounts in US dollars written the
// Korean way (US$1,234.57), months and days as Koreans write them (2026년 11월), counts through
// the catalog's plurals (레코드 2건) and particles that follow the inserted word (키 1개를, US$0.15를).

/** The services' day; the page is three days later, so the last check reads "3일 전". */
const clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };
const PAGE_TIME = new Date('2026-11-30T12:00:00.000Z');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'costs');

const test = base.extend<{ mock: MockProviders; harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  mock: async ({}, use) => {
    const mock = await startMockProviders();
    await use(mock);
    await mock.close();
  },
  harness: async ({ mock }, use) => {
    const harness = await startHarness({ clock, checkTransport: mock.transport() });
    await use(harness);
    await harness.close();
  },
});

/**
 * The navigation by position (Keys, Health, Costs, Audit log, Trash, Scan for leaks, Settings in
 * renderer/src/features/shell/sections.tsx): the sections' own names are the shell's words, not
 * these screens'.
 */
const SECTION = { keys: 0, health: 1, costs: 2, scan: 5 } as const;
function openSection(page: Page, section: keyof typeof SECTION) {
  return page.locator('.app-nav .nav-item').nth(SECTION[section]).click();
}

async function addUsage(harness: Harness, day: string, costUsd: number) {
  await harness.services.costs.usage.add(
    {
      provider: 'openai',
      model: 'gpt-4o',
      day,
      keyId: null,
      inputTokens: 0,
      outputTokens: 0,
      cachedTokens: 0,
      cacheWriteTokens: 0,
      requests: 0,
      costUsd,
      note: '',
    },
    'app',
  );
}

test('in Korean: Costs, Health and Scan speak Korean, with Korean amounts, dates, counts and particles', async ({
  app: page,
  harness,
  mock,
}) => {
  mock.routes.set('api.anthropic.com/v1/models', () => ({ body: { data: [] } }));
  const secret = fakeKeys.anthropic('KOREAN');
  const project = mkdtempSync(join(tmpdir(), 'keyward-e2e-korean-'));
  try {
    // One key in the vault, and one the scan finds that is not: it names it by its format, in Korean.
    writeFileSync(join(project, '.env'), `ANTHROPIC_API_KEY=${secret}\nOPENAI_API_KEY=${fakeKeys.openaiProject('KOREAN')}\n`);
    await page.clock.setFixedTime(PAGE_TIME);

    // The vault, its key, its usage and the language setting come through the services: the
    // screens that make them (unlock, add key, settings) are other areas' words. The page reads the
    // vault at unlock, so it is locked and unlocked once everything is in place.
    const nav = page.locator('.app-nav');
    await harness.services.vault.create(PASSWORD, 'app');
    await expect(nav).toBeVisible();
    harness.services.keys.add(
      contract.keys.add.input.parse({ label: 'Docs bot', secret, environment: 'staging', expiresAt: '2030-01-01' }),
      'app',
    );
    await addUsage(harness, '2026-11-25', 1_200_000_000);
    await addUsage(harness, '2026-11-26', 34_570_000);
    harness.services.settings.update({ language: 'ko' });
    // The window reads its first screen in steps after an unlock; a lock in the middle would fail
    // its requests. Lock once it has gone quiet, as a person would.
    await harness.services.activity.whenQuiet({ quietMs: 300, atMostMs: 5_000, signal: new AbortController().signal });
    harness.services.vault.lock('manual');
    await expect(nav).toBeHidden();
    await harness.services.vault.unlock(PASSWORD, 'app');
    await expect(nav).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

    // Costs.
    await openSection(page, 'costs');
    await expect(page.getByRole('heading', { level: 1, name: '비용' })).toBeVisible();
    await expect(page.getByTestId('month-total')).toHaveText('US$1,234.57');
    const tiles = page.getByRole('region', { name: '2026년 11월 요약' });
    await expect(tiles).toContainText('레코드 2건');
    await expect(tiles).toContainText('이번 달 지금까지의 하루 평균 기준');
    await expect(page.getByRole('button', { name: '30일' })).toHaveAttribute('aria-pressed', 'true');
    const breakdown = page.getByRole('region', { name: '세부 내역' });
    await expect(breakdown.getByRole('columnheader', { name: '비중' })).toBeVisible();
    await expect(breakdown.getByRole('row', { name: /OpenAI/ })).toContainText('US$1,234.57');

    await page.getByRole('button', { name: '사용량 추가' }).click();
    const add = page.getByRole('dialog', { name: '사용량 추가' });
    await add.getByLabel('모델').fill('gpt-4o-mini');
    await add.getByLabel('입력 토큰').fill('1000000');
    await add.getByRole('button', { name: '사용량 추가' }).click();
    await expect(add).toBeHidden();
    // 1M input tokens × $0.15: the particle after the amount is read off its last digit (영 → 를).
    await expect(page.locator('.costs-notice')).toContainText('2026-11-27 gpt-4o-mini 사용량 US$0.15를 추가했습니다.');

    const budgets = page.getByRole('region', { name: '예산' });
    await budgets.getByLabel('월 금액(USD)').fill('2000');
    await budgets.getByRole('button', { name: '예산 설정' }).click();
    await expect(budgets.getByRole('meter', { name: '전체 사용량: 예산의 62%' })).toBeVisible();
    await expect(budgets).toContainText('US$2,000.00 중 US$1,234.72');
    await screenshot(page, 'korean-costs');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV 내보내기' }).click();
    await download;
    await expect(page.locator('.costs-notice')).toContainText('레코드 3건을 keyward-usage-2026-11.csv 파일로 내보냈습니다.');

    // An import's preview and its notice.
    await page.getByRole('button', { name: '제공업체 내보내기 파일 가져오기…' }).click();
    const importing = page.getByRole('dialog', { name: '사용량 가져오기' });
    await importing.getByLabel('내보내기 파일').setInputFiles(join(FIXTURES, 'anthropic-usage.csv'));
    await importing.getByRole('button', { name: '미리 보기' }).click();
    await expect(importing.getByRole('columnheader', { name: '비용' })).toBeVisible();
    await importing.getByRole('button', { name: '3행 가져오기' }).click();
    await expect(importing).toBeHidden();
    await expect(page.locator('.costs-notice')).toContainText('anthropic-usage.csv에서 3행을 가져왔습니다.');
    // Main's sentences about a file (its format, its invalid rows) come as phrases, said in Korean.
    await page.getByRole('button', { name: '제공업체 내보내기 파일 가져오기…' }).click();
    await importing.getByLabel('내보내기 파일').setInputFiles(join(FIXTURES, 'anthropic-usage-bad-rows.csv'));
    await importing.getByRole('button', { name: '미리 보기' }).click();
    await expect(importing.locator('.import-preview > p').first()).toContainText('Anthropic Console 사용량 내보내기');
    await expect(importing.getByRole('list', { name: '잘못된 행' }).getByRole('listitem')).toHaveText([
      '4행 usage_input_tokens_no_cache 열이 정수가 아닙니다.',
      '6행 usage_date_utc 열이 날짜가 아닙니다(YYYY-MM-DD 또는 ISO 타임스탬프여야 합니다).',
    ]);
    await importing.getByRole('button', { name: '뒤로' }).click();
    await importing.getByRole('button', { name: '취소' }).click();
    await expect(importing).toBeHidden();

    // Health: Check all, and the verdict on the key's row three days later.
    await openSection(page, 'health');
    await expect(page.getByRole('heading', { level: 1, name: '키 상태' })).toBeVisible();
    await page.getByRole('button', { name: '모두 확인' }).click();
    await expect(page.getByRole('status').filter({ hasText: '확인:' })).toHaveText('1개 확인: 유효 1개.');
    await screenshot(page, 'korean-health');
    await openSection(page, 'keys');
    await expect(page.locator('.key-row', { hasText: 'Docs bot' })).toContainText('3일 전 확인: 유효');
    await expect(page.getByRole('button', { name: '제공업체에서 Docs bot을 확인' })).toBeVisible();

    // Scan for leaks.
    await openSection(page, 'scan');
    await expect(page.getByRole('heading', { level: 1, name: '유출 검사' })).toBeVisible();
    await page.getByLabel('검사할 폴더 또는 파일').fill(project);
    await page.getByLabel(/Git 기록/).uncheck();
    await page.getByRole('button', { name: '검사', exact: true }).click();
    const results = page.getByRole('region', { name: '검사 결과' });
    await expect(results.getByRole('status')).toContainText('검사 완료: 파일 1개');
    await expect(results.getByRole('status')).toContainText('2곳에서 키 2개를 찾았습니다.');
    await expect(results.locator('.scan-group', { hasText: 'Docs bot' })).toContainText('Keyward에 있음');
    const unknown = results.locator('.scan-group', { hasText: 'Keyward에 없음' });
    await expect(unknown.locator('.key-label')).toHaveText('OpenAI 프로젝트 키');
    await unknown.getByRole('button', { name: 'Keyward에 추가' }).click();
    await expect(unknown.getByLabel('이름')).toHaveAttribute('placeholder', '발견: OpenAI 프로젝트 키');
    await expect(results.getByRole('button', { name: 'Docs bot 교체' })).toBeVisible();
    await screenshot(page, 'korean-scan');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
