import { expect, test } from '@playwright/test';
import { launchApp, requireElectron } from './support.ts';

requireElectron();

test('the app starts, creates a vault, locks and unlocks', async () => {
  const { app } = await launchApp();
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Create your Keyward vault' })).toBeVisible();
    await page.getByLabel('Master password').fill('correct horse battery staple');
    await page.getByLabel('Repeat it').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
    await page.getByLabel('Master password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
    // The page sees the contract and nothing of Node or Electron.
    const globals = await page.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown>;
      return { keyward: typeof page.keyward, require: typeof page.require, process: typeof page.process };
    });
    expect(globals).toEqual({ keyward: 'object', require: 'undefined', process: 'undefined' });
  } finally {
    await app.close();
  }
});
