import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, screenshot, test } from './fixtures.ts';

// "Scan for leaks" in the real renderer against the real services and the real scan worker.

test('a scan finds a vault key and an unknown one; the unknown one is added without its value reaching the page', async ({
  app: page,
}) => {
  const vaultKey = fakeKeys.openaiProject('LEAKED');
  const stranger = fakeKeys.github('STRANGER');
  const project = mkdtempSync(join(tmpdir(), 'keyward-e2e-scan-'));
  try {
    writeFileSync(join(project, '.env'), `OPENAI_API_KEY=${vaultKey}\nGITHUB_TOKEN=${stranger}\n`);
    await createVault(page);
    await addKey(page, { secret: vaultKey, label: 'Chatbot prod' });

    await page.getByRole('button', { name: 'Scan for leaks' }).click();
    await page.getByLabel('Folders or files to scan').fill(project);
    await page.getByLabel(/Git history/).uncheck();
    await page.getByRole('button', { name: 'Scan', exact: true }).click();

    const results = page.getByRole('region', { name: 'Scan results' });
    await expect(results.getByRole('status')).toContainText('1 file');
    await expect(results.getByRole('status')).toContainText('2 places, 2 keys.');
    const groups = results.locator('.scan-group');
    await expect(groups.nth(0)).toContainText('Chatbot prod');
    await expect(groups.nth(0)).toContainText('In Keyward');
    await expect(groups.nth(0)).toContainText(`${join(project, '.env')}:1:16`);
    await expect(groups.nth(1)).toContainText('GitHub classic token');
    await expect(groups.nth(1)).toContainText('Not in Keyward');
    await expect(groups.nth(1)).toContainText(`ghp_…${stranger.slice(-4)}`);
    await screenshot(page, 'scan-01-results');

    await groups.nth(1).getByRole('button', { name: 'Add to Keyward' }).click();
    await groups.nth(1).getByLabel('Label').fill('Deploy token (found)');
    await groups.nth(1).getByRole('button', { name: 'Add', exact: true }).click();
    await expect(groups.nth(1)).toContainText('Deploy token (found)');
    await expect(groups.nth(1)).toContainText('In Keyward');

    await groups.nth(0).getByRole('button', { name: 'Rotate Chatbot prod' }).click();
    await expect(page.getByRole('dialog', { name: 'Rotate “Chatbot prod”' })).toBeVisible();

    const html = await page.content();
    for (const value of [vaultKey, stranger, stranger.slice(4, 30)]) expect(html).not.toContain(value);
    const stores = await page.evaluate(() =>
      JSON.stringify((globalThis as unknown as { __keywardHarness: { readState: () => unknown } }).__keywardHarness.readState()),
    );
    expect(stores).toContain('Chatbot prod');
    for (const value of [vaultKey, stranger]) expect(stores).not.toContain(value);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a key found that is in the trash says so, offers the trash instead of Rotate, and says the trash does not revoke it', async ({
  app: page,
}) => {
  const secret = fakeKeys.github('TRASHED');
  const project = mkdtempSync(join(tmpdir(), 'keyward-e2e-scan-'));
  try {
    writeFileSync(join(project, 'ci.env'), `TOKEN=${secret}\n`);
    await createVault(page);
    await addKey(page, { secret, label: 'Old CI token' });
    await page.getByRole('button', { name: 'Delete Old CI token' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click();

    await page.getByRole('button', { name: 'Scan for leaks' }).click();
    await page.getByLabel('Folders or files to scan').fill(project);
    await page.getByLabel(/Git history/).uncheck();
    await page.getByRole('button', { name: 'Scan', exact: true }).click();
    const group = page.getByRole('region', { name: 'Scan results' }).locator('.scan-group');
    await expect(group).toContainText('Old CI token');
    await expect(group).toContainText('In the trash');
    await expect(group).toContainText('The trash does not revoke a key');
    await expect(group.getByRole('button', { name: /Rotate/ })).toHaveCount(0);
    await group.getByRole('button', { name: 'Open the trash' }).click();
    await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible();
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a path that does not exist is refused with its name, and nothing starts', async ({ app: page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Scan for leaks' }).click();
  await page.getByLabel('Folders or files to scan').fill('/no/such/folder');
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('no such file or folder: /no/such/folder');
  await expect(page.getByRole('progressbar')).toHaveCount(0);
});
