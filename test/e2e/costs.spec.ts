import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/server.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, screenshot, test as base } from './fixtures.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'costs');
/** The fixtures' usage falls in November 2026; a fixed clock keeps totals and screenshots stable. */
const clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };

const test = base.extend<{ harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const harness = await startHarness({ clock });
    await use(harness);
    await harness.close();
  },
});

async function openCosts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Costs' }).click();
  await expect(page.getByRole('heading', { name: 'Costs', level: 1 })).toBeVisible();
}

async function importFile(page: Page, file: string): Promise<ReturnType<Page['getByRole']>> {
  await page.getByRole('button', { name: 'Import a provider export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import usage' });
  await dialog.getByLabel('Export file').setInputFiles(join(FIXTURES, file));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  return dialog;
}

test('import an export through the UI: preview, commit, then totals, chart, breakdown and each key’s spend', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('COSTS'), label: 'Support bot' });
  await openCosts(page);
  await expect(page.getByTestId('month-total')).toHaveText('$0.00');
  await expect(page.getByText('Nothing recorded in November 2026')).toBeVisible();
  await screenshot(page, 'costs-01-empty');

  const dialog = await importFile(page, 'anthropic-usage.csv');
  await expect(dialog.getByText('Anthropic Console usage export')).toBeVisible();
  await expect(dialog.getByTestId('preview-rows')).toHaveText('4');
  await expect(dialog.getByTestId('preview-new')).toHaveText('3');
  await expect(dialog.getByTestId('preview-duplicates')).toHaveText('0');
  await expect(dialog.getByTestId('preview-errors')).toHaveText('0');
  // The export's key name matches the vault key's label: the rows are linked to it.
  await expect(dialog.getByRole('table')).toContainText('Support bot');
  await screenshot(page, 'costs-02-import-preview');
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.costs-notice')).toContainText('Imported 3 rows from anthropic-usage.csv');

  // Totals: 8.775 + 8.25 + 2.00 (see the importer tests for the arithmetic).
  await expect(page.getByTestId('month-total')).toHaveText('$19.03');
  await expect(page.getByTestId('projection')).toHaveText('$21.14');
  const chart = page.getByTestId('daily-chart');
  await expect(chart).toHaveAttribute('data-bars', '30');
  await expect(chart.locator('canvas')).toBeVisible();
  const breakdown = page.getByRole('region', { name: 'Breakdown' });
  await expect(breakdown.getByRole('row', { name: /Anthropic/ })).toContainText('$19.03');
  await breakdown.getByRole('button', { name: 'Model' }).click();
  await expect(breakdown.getByRole('row', { name: /Claude Sonnet 4\.5/ })).toContainText('$17.03');
  await breakdown.getByRole('button', { name: 'Key' }).click();
  await expect(breakdown.getByRole('row', { name: /Support bot/ })).toContainText('$17.03');
  await expect(breakdown.getByRole('row', { name: /fake-batch-key \(not in the vault\)/ })).toContainText('$2.00');
  await screenshot(page, 'costs-03-overview');
  await page.getByRole('heading', { name: 'Budgets' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'costs-03-breakdown-and-budgets');

  // The same file again adds nothing.
  const again = await importFile(page, 'anthropic-usage.csv');
  await expect(again.getByTestId('preview-duplicates')).toHaveText('3');
  await expect(again.getByRole('button', { name: 'Nothing new to import' })).toBeDisabled();
  await again.getByRole('button', { name: 'Close' }).click();

  // Each key's month spend on its card.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Keys' }).click();
  const card = page.getByRole('region', { name: 'Anthropic' });
  await expect(card.getByText('$17.03')).toBeVisible();
  await screenshot(page, 'costs-04-key-card-spend');
  expect(harness.services.costs.views.keySpend('2026-11')).toEqual({ [harness.services.keys.list()[0]!.id]: 17_025_000 });
});

test('a file with invalid rows lists each bad line and imports nothing unless the rest is chosen', async ({ app: page }) => {
  await createVault(page);
  await openCosts(page);
  const dialog = await importFile(page, 'anthropic-usage-bad-rows.csv');
  await expect(dialog.getByTestId('preview-errors')).toHaveText('2');
  const bad = dialog.getByRole('list', { name: 'Invalid rows' });
  await expect(bad.getByRole('listitem')).toHaveText([
    'line 4 usage_input_tokens_no_cache is not a whole number.',
    'line 6 usage_date_utc is not a date (expected YYYY-MM-DD or an ISO timestamp).',
  ]);
  const importButton = dialog.getByRole('button', { name: 'Import 3 rows' });
  await expect(importButton).toBeDisabled();
  await screenshot(page, 'costs-05-import-errors');
  await dialog.getByLabel('Skip the invalid rows and import the rest').check();
  await importButton.click();
  await expect(page.locator('.costs-notice')).toContainText(
    'Imported 3 rows from anthropic-usage-bad-rows.csv, skipped 2 invalid',
  );
  await expect(page.getByTestId('month-total')).toHaveText('$0.02');
});

test('manual entry, budgets, spikes, prices and CSV export', async ({ app: page, harness }) => {
  await createVault(page);
  await openCosts(page);
  // Three weeks of steady spend, then a spike today.
  for (let day = 1; day <= 26; day += 1) {
    await harness.services.costs.usage.add(
      {
        provider: 'openai',
        model: 'gpt-4o',
        day: `2026-11-${String(day).padStart(2, '0')}`,
        keyId: null,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        requests: 0,
        costUsd: 2_000_000,
        note: '',
      },
      'app',
    );
  }
  await page.getByRole('button', { name: 'Add usage' }).click();
  const add = page.getByRole('dialog', { name: 'Add usage' });
  await add.getByLabel('Model').fill('gpt-4o-mini-2024-07-18');
  await add.getByLabel('Input tokens').fill('10,000,000');
  await add.getByLabel('Of which cached').fill('4000000');
  await add.getByLabel('Output tokens').fill('10000000');
  await screenshot(page, 'costs-06-add-usage');
  await add.getByRole('button', { name: 'Add usage' }).click();
  await expect(add).toBeHidden();
  // 6M × 0.15 + 4M × 0.075 + 10M × 0.6 = 7.20
  await expect(page.locator('.costs-notice')).toContainText('Added $7.20 of gpt-4o-mini on 2026-11-27');
  await expect(page.getByTestId('month-total')).toHaveText('$59.20');
  const spikes = page.getByRole('list', { name: 'Spike days' });
  await expect(spikes).toContainText('Nov 27: $7.20, 3.6× the usual $2.00');

  const budgets = page.getByRole('region', { name: 'Budgets' });
  await budgets.getByLabel('Per month (USD)').fill('100');
  await budgets.getByRole('button', { name: 'Set budget' }).click();
  await expect(budgets.getByRole('meter', { name: 'All usage: 59% of the budget' })).toBeVisible();
  await expect(
    harness.log.filter((e) => e.kind === 'event' && e.name === 'costAlert').map((e) => (e as { payload: unknown }).payload),
  ).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'budget', threshold: 50 }),
      expect.objectContaining({ kind: 'spike', day: '2026-11-27' }),
    ]),
  );
  await page.getByRole('button', { name: '90 days' }).click();
  await expect(page.getByTestId('daily-chart')).toHaveAttribute('data-bars', '90');
  await screenshot(page, 'costs-07-budget-spike');

  await page.getByRole('button', { name: 'Prices' }).click();
  const prices = page.getByRole('dialog', { name: 'Prices' });
  await expect(prices).toContainText('snapshot 2026-07-24');
  await prices.getByLabel('Model').fill('gpt-4o');
  await expect(prices.getByLabel('Input', { exact: true })).toHaveValue('2.5');
  await prices.getByLabel('Input', { exact: true }).fill('3');
  await prices.getByRole('button', { name: 'Save price' }).click();
  await expect(prices.getByRole('status')).toHaveText('Saved GPT-4o.');
  await screenshot(page, 'costs-08-prices');
  await prices.getByRole('button', { name: 'Close' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('keyward-usage-2026-11.csv');
  await expect(page.locator('.costs-notice')).toContainText('Exported 27 records');
});
