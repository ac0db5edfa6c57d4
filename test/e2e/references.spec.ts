import { parse } from 'dotenv';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, screenshot, test } from './fixtures.ts';

const QUIRKS = readFileSync(fileURLToPath(new URL('../fixtures/env/quirks.env', import.meta.url)));

test('a key card copies its reference and its .env line; neither is the key', async ({ app: page, harness }) => {
  await createVault(page);
  const secret = fakeKeys.stripeTest('REF');
  await addKey(page, { secret, label: 'Shop checkout' });

  await page.getByRole('button', { name: 'Copy reference to Shop checkout' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'keyward://stripe/Shop%20checkout' })).toBeVisible();
  expect(harness.clipboard.text()).toBe('keyward://stripe/Shop%20checkout');

  await page.getByRole('button', { name: 'Copy .env line for Shop checkout' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'STRIPE_SECRET_KEY=keyward://stripe/Shop%20checkout' })).toBeVisible();
  expect(harness.clipboard.text()).toBe('STRIPE_SECRET_KEY=keyward://stripe/Shop%20checkout');
  expect(await page.content()).not.toContain(secret);
});

test('the window cannot resolve references: the bridge has no such method and main refuses it', async ({ app: page }) => {
  await createVault(page);
  const offered = await page.evaluate(
    () => typeof (globalThis as unknown as { keyward: { keys: Record<string, unknown> } }).keyward.keys.resolve,
  );
  expect(offered).toBe('undefined');
  const answer = await page.evaluate(async (href) => {
    const response = await fetch(new URL('rpc', href), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channel: 'keys.resolve',
        input: { references: ['keyward://stripe/x'], purpose: { kind: 'run', command: 'sh' } },
      }),
    });
    return response.json();
  }, page.url());
  expect(answer).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
});

test('Import a .env file: a preview of what will be added, masked, then the keys land', async ({ app: page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Import a .env file…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Import a .env file' });
  await dialog.getByLabel('.env file').setInputFiles({ name: '.env.production', mimeType: 'text/plain', buffer: QUIRKS });
  await dialog.getByLabel('Used in').fill('shop-api');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    '5 to add (environment prod), 0 already in the vault, 9 values left alone.',
  );
  const github = dialog.getByRole('row').filter({ hasText: 'GITHUB_TOKEN' });
  await expect(github).toContainText('Will be added');
  await expect(github).toContainText('keyward://github/GITHUB_TOKEN');
  await expect(dialog.getByRole('row').filter({ hasText: 'DATABASE_URL' })).toContainText('Left alone · not a recognised key');
  const html = await page.content();
  for (const value of Object.values(parse(QUIRKS)).filter((v) => v.length > 30))
    expect(html.includes(value), 'a key from the file on the page').toBe(false);
  await screenshot(page, '40-env-import-preview');
  await dialog.getByRole('button', { name: 'Add 5 keys' }).click();
  await expect(dialog.getByRole('status')).toContainText('Added 5 keys (environment prod)');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('GROQ_API_KEY', { exact: true })).toBeVisible();
});
