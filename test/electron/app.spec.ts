import { expect, test } from '@playwright/test';
import { exclusionMarkers } from '../../main/clipboard/concealment.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { clickTrayItem, launchApp, requireElectron, watchTrayMenu } from './support.ts';

requireElectron();

test('the app starts, creates a vault, locks from the tray menu and unlocks', async () => {
  const { app } = await launchApp();
  try {
    const page = await app.firstWindow();
    await watchTrayMenu(app, 'Lock now');
    await expect(page.getByRole('heading', { name: 'Create your Keyward vault' })).toBeVisible();
    await page.getByLabel('Master password').fill('correct horse battery staple');
    await page.getByLabel('Repeat it').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
    // The tray menu is rebuilt on every state change: unlocked, it offers "Lock now".
    await expect
      .poll(() =>
        clickTrayItem(app, 'Lock now').then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
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

test('copy writes the key and its exclusion markers to the system clipboard; locking clears it', async () => {
  const { app } = await launchApp();
  try {
    const page = await app.firstWindow();
    await page.getByLabel('Master password').fill('correct horse battery staple');
    await page.getByLabel('Repeat it').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('button', { name: 'Add your first key' }).click();
    const secret = fakeKeys.github('ELECTRON');
    await page.getByLabel('Key', { exact: true }).fill(secret);
    await page.getByLabel('Label').fill('Electron bot');
    await page.getByRole('dialog').getByRole('button', { name: 'Add key' }).click();
    await page.getByRole('button', { name: 'Copy Electron bot' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copied “Electron bot”' })).toBeVisible();

    // What the system clipboard holds, read back through Electron in main.
    const markers = Object.keys(exclusionMarkers(process.platform));
    const held = await app.evaluate(async ({ clipboard }, types) => {
      const present: string[] = [];
      for (const type of types) if (await clipboard.has(type)) present.push(type);
      return { text: await clipboard.readText(), present };
    }, markers);
    expect(held).toEqual({ text: secret, present: markers });

    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+L' : 'Control+L');
    await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
    await expect.poll(() => app.evaluate(({ clipboard }) => clipboard.readText())).toBe('');
  } finally {
    await app.close();
  }
});

test('after a session, the vault directory holds only Keyward’s files; Chromium’s are in a directory of their own (issue 18, item 10)', async () => {
  const { app, dataDir } = await launchApp();
  try {
    const page = await app.firstWindow();
    await page.getByLabel('Master password').fill('correct horse battery staple');
    await page.getByLabel('Repeat it').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
    await page.getByRole('button', { name: 'Lock' }).click();
  } finally {
    await app.close();
  }
  const { readdirSync, existsSync } = await import('node:fs');
  const { chromiumProfileDir, isKeywardFile } = await import('../../main/chromium-profile.ts');
  expect(readdirSync(dataDir).filter((name) => !isKeywardFile(name))).toEqual([]);
  expect(existsSync(chromiumProfileDir(dataDir))).toBe(true);
});
