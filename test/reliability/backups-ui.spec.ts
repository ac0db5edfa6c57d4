/**
 * Settings → Backups, through the real renderer and services: take a backup, change the vault,
 * restore it (the confirmation says the current state is saved first and the vault locks; no
 * password is asked, the vault is unlocked), unlock, and find the old state; then restore the
 * saved state and find the newer one again, which proves the restore overwrote nothing unsaved.
 * And a vault that no longer opens, recovered from a backup on the unlock screen.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, PASSWORD, screenshot, test } from '../e2e/fixtures.ts';
import type { Page } from '@playwright/test';

async function openBackups(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  return page.getByRole('list', { name: 'Backups' });
}

async function unlock(page: Page) {
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Master password', { exact: true }).press('Enter');
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toBeVisible();
}

test('restore round trip through Settings: the old state comes back, the newer one is saved first and comes back too', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('OLD'), label: 'Old bot' });

  let list = await openBackups(page);
  await expect(page.getByText('No backups yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/^Backed up/)).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('Taken by hand');

  // The vault moves on: a new key, the old one deleted.
  await page.getByRole('button', { name: 'Keys' }).click();
  await addKey(page, { secret: fakeKeys.stripeTest('NEW'), label: 'New shop' });
  await page.getByRole('button', { name: 'Delete Old bot' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByRole('button', { name: 'Delete Old bot' })).toBeHidden();

  // Cancel changes nothing.
  list = await openBackups(page);
  await list.getByRole('button', { name: /^Restore the backup from/ }).click();
  let dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('The current state is saved as a backup first');
  await expect(dialog).toContainText('The vault then locks');
  await expect(dialog.getByLabel('Master password')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, 'r1-restore-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(harness.services.vault.backups()).toHaveLength(1);
  expect(harness.services.keys.list().map((k) => k.label)).toEqual(['New shop']);

  // Restore: saved first, then locked.
  await list.getByRole('button', { name: /^Restore the backup from/ }).click();
  dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Save current state, restore and lock' }).click();
  await unlock(page);
  await expect(page.getByText('Old bot')).toBeVisible();
  await expect(page.getByText('New shop')).toBeHidden();

  // The state the restore replaced is listed, and restoring it brings the newer vault back.
  list = await openBackups(page);
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const saved = list.getByRole('listitem').filter({ hasText: 'Before a restore' });
  await expect(saved).toHaveCount(1);
  await screenshot(page, 'r2-backups-list');
  await saved.getByRole('button', { name: /^Restore the backup from/ }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Save current state, restore and lock' }).click();
  await unlock(page);
  await expect(page.getByText('New shop')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete Old bot' })).toBeHidden();
  expect(harness.services.vault.backups().map((b) => b.reason)).toEqual(['manual', 'before-restore', 'before-restore']);

  // The audit log names each restore; no key's value ever reached the page.
  const audit = harness.services.vault
    .session()
    .db.prepare("SELECT count(*) FROM audit_log WHERE action = 'vault.restored'")
    .pluck()
    .get();
  expect(audit).toBe(2);
  for (const secret of [fakeKeys.github('OLD'), fakeKeys.stripeTest('NEW')]) expect(harness.sentToPage()).not.toContain(secret);
});

test('a backup that cannot be restored says so and leaves the vault open and unchanged', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('KEEP'), label: 'Keeper' });
  const list = await openBackups(page);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const [backup] = harness.services.vault.backups();
  const { readFileSync, writeFileSync } = await import('node:fs');
  const file = `${harness.dataDir}/backups/${backup!.name}/vault.db`;
  const bytes = readFileSync(file);
  bytes[bytes.length - 10]! ^= 0xff;
  writeFileSync(file, bytes);

  await list.getByRole('button', { name: /^Restore the backup from/ }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Save current state, restore and lock' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The vault is damaged');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(harness.services.vault.status().state).toBe('unlocked');
  expect(harness.services.vault.backups()).toHaveLength(1);
  await page.getByRole('button', { name: 'Keys' }).click();
  await expect(page.getByText('Keeper')).toBeVisible();
});

test('a vault that no longer opens is recovered from the unlock screen: backup chosen, password checked, damaged files kept aside', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('KEPT'), label: 'In the backup' });
  await openBackups(page);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/^Backed up/)).toBeVisible();
  await page.getByRole('button', { name: 'Keys' }).click();
  await addKey(page, { secret: fakeKeys.stripeTest('LATER'), label: 'Added later' });
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();

  // One byte changed in every page after the first: whatever the first screen reads is damaged.
  const dbPath = join(harness.dataDir, 'vault.db');
  const bytes = readFileSync(dbPath);
  for (let offset = 4096 + 200; offset < bytes.length; offset += 4096) bytes[offset]! ^= 0xff;
  writeFileSync(dbPath, bytes);

  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Master password', { exact: true }).press('Enter');
  await expect(page.getByRole('alert')).toContainText('The vault is damaged');
  const recover = page.getByRole('form', { name: 'Recover from a backup' });
  await expect(recover.getByLabel('Backup')).toContainText('Taken by hand');
  await screenshot(page, 'r3-damaged');
  await recover.getByLabel('Master password for the recovery').fill('not the password');
  await recover.getByRole('button', { name: 'Set the damaged files aside and recover' }).click();
  await expect(recover.getByRole('alert')).toHaveText('Wrong master password.');
  expect(readFileSync(dbPath).equals(bytes)).toBe(true);

  await recover.getByLabel('Master password for the recovery').fill(PASSWORD);
  await recover.getByRole('button', { name: 'Set the damaged files aside and recover' }).click();
  await expect(recover).toBeHidden();
  await expect(page.getByText(/^Recovered from the backup of .*The damaged files are kept in .*damaged-/)).toBeVisible();
  await screenshot(page, 'r4-recovered');
  const setAside = readdirSync(harness.dataDir).filter((name) => name.startsWith('damaged-'));
  expect(setAside).toHaveLength(1);
  expect(readFileSync(join(harness.dataDir, setAside[0]!, 'vault.db')).equals(bytes)).toBe(true);

  await unlock(page);
  await expect(page.getByText('In the backup')).toBeVisible();
  await expect(page.getByText('Added later')).toBeHidden();
});
