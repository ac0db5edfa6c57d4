import type { Page } from '@playwright/test';
import { startHarness, type Harness } from '../harness/server.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { startMockProviders, type MockProviders } from '../support/mock-providers.ts';
import { createVault, expect, screenshot, test as base } from './fixtures.ts';

// Key health in the real renderer: urgent items in Needs attention, the Health view, a card's
// Check and Check all against the local mock providers, and the weekly setting.
const test = base.extend<{ mock: MockProviders; harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  mock: async ({}, use) => {
    const mock = await startMockProviders();
    await use(mock);
    await mock.close();
  },
  harness: async ({ mock }, use) => {
    const harness = await startHarness({ checkTransport: mock.transport() });
    await use(harness);
    await harness.close();
  },
});

async function addKeyIn(
  page: Page,
  fields: { secret: string; label: string; environment: 'Development' | 'Production' | 'Staging'; expiresAt?: string },
) {
  await page.getByRole('button', { name: 'Add key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await dialog.getByLabel('Key', { exact: true }).fill(fields.secret);
  await dialog.getByLabel('Label').fill(fields.label);
  await dialog.getByLabel('Environment').selectOption({ label: fields.environment });
  if (fields.expiresAt) await dialog.getByLabel('Expires on').fill(fields.expiresAt);
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog).toBeHidden();
}

test('a secret stored twice and a live key in dev show in Needs attention; the Health view says why and what to do', async ({
  app: page,
}) => {
  await createVault(page);
  const shop = fakeKeys.stripeLive('HEALTH');
  await addKeyIn(page, { secret: shop, label: 'Shop dev', environment: 'Development' });
  await addKeyIn(page, { secret: shop, label: 'Shop prod', environment: 'Production', expiresAt: '2030-01-01' });
  await addKeyIn(page, { secret: fakeKeys.anthropic('HEALTH'), label: 'Docs bot', environment: 'Production' });

  const attention = page.getByRole('region', { name: /Needs attention/ });
  await expect(attention).toContainText('Same secret as Shop prod (prod)');
  await expect(attention).toContainText('Live key in a dev environment');
  await expect(attention).toContainText('Same secret as Shop dev (dev)');
  // Hygiene (no expiry on Docs bot) is in the Health view, not in Needs attention.
  await expect(attention).not.toContainText('Docs bot');
  await screenshot(page, 'health-01-needs-attention');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Health' }).click();
  const list = page.locator('.health-list');
  await expect(list).toContainText('Docs bot');
  await expect(list).toContainText('No expiry set');
  await expect(list).toContainText('A production key without an expiry date stays valid forever if it leaks');
  await list.getByRole('button', { name: 'Fix Docs bot: No expiry set' }).click();
  await expect(page.getByRole('dialog', { name: /Edit/ })).toBeVisible();
  await screenshot(page, 'health-02-view');
});

test('Check on a card, then Check all: verdicts with their time, an invalid key under Needs attention', async ({
  app: page,
  mock,
}) => {
  mock.routes.set('api.anthropic.com/v1/models', () => ({ body: { data: [] } }));
  mock.routes.set('api.github.com/user', () => ({ status: 401, body: { message: 'Bad credentials' } }));
  await createVault(page);
  await addKeyIn(page, { secret: fakeKeys.anthropic('CARD'), label: 'Docs bot', environment: 'Staging' });
  await addKeyIn(page, { secret: fakeKeys.github('CARD'), label: 'Deploy token', environment: 'Staging' });
  expect(mock.seen).toEqual([]);

  await page.getByRole('button', { name: 'Check Docs bot with its provider' }).click();
  await expect(page.locator('.key-row', { hasText: 'Docs bot' })).toContainText('Checked just now: valid');
  expect(mock.seen.map((req) => req.host)).toEqual(['api.anthropic.com']);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Health' }).click();
  await page.getByRole('button', { name: 'Check all' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Checked 2' })).toHaveText('Checked 2: 1 valid, 1 invalid.');
  await expect(page.locator('.health-list')).toContainText('Invalid at the last check');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Keys' }).click();
  await expect(page.getByRole('region', { name: /Needs attention/ })).toContainText('Deploy token');
  await expect(page.locator('.key-row', { hasText: 'Deploy token' })).toContainText('Checked just now: invalid or revoked');
  await screenshot(page, 'health-03-checked');
});

test('check weekly is off by default and can be turned on in Settings', async ({ app: page, harness }) => {
  await createVault(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const weekly = page.getByLabel('Check each key with its provider weekly');
  await expect(weekly).not.toBeChecked();
  await weekly.check();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(harness.services.settings.get().checkWeekly).toBe(true);
});

test('GitHub’s expiry fills an empty one, and is only offered where the user set another', async ({
  app: page,
  harness,
  mock,
}) => {
  mock.routes.set('api.github.com/user', () => ({
    headers: { 'x-oauth-scopes': 'repo', 'github-authentication-token-expiration': '2027-01-31 12:00:00 UTC' },
    body: {},
  }));
  await createVault(page);
  await addKeyIn(page, { secret: fakeKeys.github('EMPTY'), label: 'Fresh token', environment: 'Staging' });
  await addKeyIn(page, {
    secret: fakeKeys.github('DATED'),
    label: 'Dated token',
    environment: 'Staging',
    expiresAt: '2030-01-01',
  });
  const keyIdOf = (label: string) => harness.services.keys.list().find((key) => key.label === label)!.id;

  await page.getByRole('button', { name: 'Check Fresh token with its provider' }).click();
  await expect(page.locator('.key-row', { hasText: 'Fresh token' })).toContainText('Checked just now: valid');
  await expect.poll(() => harness.services.keys.get(keyIdOf('Fresh token')).expiresAt).toBe('2027-01-31');
  // Chips speak in relative words; the date itself is the chip's <time> (and its hover title).
  await expect(page.locator('.key-row', { hasText: 'Fresh token' }).locator('time[datetime="2027-01-31"]')).toBeVisible();
  await expect(
    page.locator('.key-row', { hasText: 'Fresh token' }).getByRole('button', { name: /Use the provider’s expiry/ }),
  ).toHaveCount(0);

  const dated = page.locator('.key-row', { hasText: 'Dated token' });
  await dated.getByRole('button', { name: 'Check Dated token with its provider' }).click();
  const offer = dated.getByRole('button', { name: 'Use the provider’s expiry (2027-01-31)' });
  await expect(offer).toBeVisible();
  expect(harness.services.keys.get(keyIdOf('Dated token')).expiresAt).toBe('2030-01-01');
  await offer.click();
  await expect(offer).toBeHidden();
  expect(harness.services.keys.get(keyIdOf('Dated token')).expiresAt).toBe('2027-01-31');
});
