import type { Page } from '@playwright/test';
import { contract } from '../../contract/index.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { startMockProviders, type MockProviders } from '../support/mock-providers.ts';
import { completions, fakeAdminKeys, openaiCost, openaiProjectKey, replayUsageApis } from '../support/usage-apis.ts';
import { createVault, expect, screenshot, test as base } from './fixtures.ts';

// "Connect usage" in the real renderer, against the local mock OpenAI usage API: pick the admin
// key, sync, see the result, correct which key spent it. The clock stands at 2026-11-27 12:00 UTC.
const clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };
const SECRETS = { admin: fakeAdminKeys.openai('e2e'), bot: openaiProjectKey('e2ebot', 'Wxyz') };

const test = base.extend<{ mock: MockProviders; harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  mock: async ({}, use) => {
    const mock = await startMockProviders();
    await use(mock);
    await mock.close();
  },
  harness: async ({ mock }, use) => {
    const harness = await startHarness({ checkTransport: mock.transport(), clock });
    await use(harness);
    await harness.close();
  },
});

async function openCosts(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Costs' }).click();
  await expect(page.getByRole('heading', { name: 'Costs', level: 1 })).toBeVisible();
}

test('connect OpenAI usage with its admin key, sync, and correct the attribution', async ({ app: page, harness, mock }) => {
  const apis = replayUsageApis(mock);
  apis.openaiCompletions.set('2026-11-26', [
    completions({
      model: 'gpt-4o-mini',
      api_key_id: 'key_FAKEbot',
      input_tokens: 1_000_000,
      output_tokens: 0,
      num_model_requests: 10,
    }),
  ]);
  apis.openaiCosts.set('2026-11-26', [openaiCost(0.15)]);
  apis.openaiProjectKeys.set('proj_FAKEa', [
    {
      object: 'organization.project.api_key',
      id: 'key_FAKEbot',
      name: 'bot',
      redacted_value: `${SECRETS.bot.slice(0, 11)}...${SECRETS.bot.slice(-4)}`,
      created_at: 1_790_000_000,
    },
  ]);
  await createVault(page);
  // Added behind the window (the Keys section's form is tested elsewhere), with the contract's defaults.
  for (const [label, secret] of [
    ['Org admin', SECRETS.admin],
    ['Bot', SECRETS.bot],
  ] as const)
    await harness.services.keys.add(contract.keys.add.input.parse({ label, secret, provider: 'openai' }), 'app');
  await openCosts(page);

  const panel = page.getByRole('region', { name: 'Connect usage' });
  await expect(panel.getByTestId('usage-sync-anthropic')).toContainText('No admin key for Anthropic in the vault');
  const openai = panel.getByTestId('usage-sync-openai');
  await expect(openai.getByLabel('Admin key for OpenAI')).toHaveValue(/.+/);
  await expect(panel.getByRole('button', { name: 'Sync now' })).toBeDisabled();
  await openai.getByRole('button', { name: 'Connect' }).click();
  await expect(panel.getByTestId('usage-sync-state-openai')).toHaveText('Connected; not synced yet');

  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.getByTestId('usage-sync-state-openai')).toContainText('30 days, 1 added, 0 updated');
  await expect(page.getByTestId('month-total')).toHaveText('$0.15');
  const link = panel.getByTestId('usage-link-key_FAKEbot');
  await expect(link.getByLabel('Vault key for bot')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(link).toContainText('matched on the redacted key');
  await screenshot(page, 'usage-sync-01-synced');

  await link.getByLabel('Vault key for bot').selectOption({ label: 'No vault key' });
  await expect(link).toContainText('set by you');
  expect(harness.services.costs.usage.list({ limit: 10, offset: 0 }).records[0]).toMatchObject({ keyId: null, keyHint: 'bot' });
  await link.getByLabel('Vault key for bot').selectOption({ label: 'Match automatically' });
  await expect(link).toContainText('matched on the redacted key');
  // Only the admin key went out, only to OpenAI's host.
  expect(new Set(mock.seen.map((request) => request.host))).toEqual(new Set(['api.openai.com']));
  expect(new Set(mock.seen.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${SECRETS.admin}`]));
});
