import { listAudit } from '../../main/audit/log.ts';
import type { Harness } from '../harness/server.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, screenshot, test } from './fixtures.ts';

// The trash in the real renderer against the real services: Undo in the notice, the Trash view's
// restore, delete forever and empty, and the places a trashed key must not show up.

test('deleting moves a key to the trash; Undo in the notice brings it back', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('TRASH'), label: 'Old agent' });
  await addKey(page, { secret: fakeKeys.github('TRASH'), label: 'Keep me' });

  await page.getByRole('button', { name: 'Delete Old agent' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Old agent”?' });
  await expect(confirm).toContainText('moves to the trash with its history, and is deleted for good after 30 days');
  await confirm.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByRole('button', { name: 'Copy Old agent' })).toBeHidden();
  const notice = page.locator('.trash-notice');
  await expect(notice).toContainText('Moved “Old agent” to the trash.');
  await screenshot(page, 'trash-01-undo-notice');
  expect(harness.services.trash.list('app').map((key) => key.label)).toEqual(['Old agent']);

  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toBeEmpty();
  await expect(page.getByRole('button', { name: 'Copy Old agent' })).toBeVisible();
  expect(harness.services.trash.list('app')).toEqual([]);
  expect(
    harness.services.keys
      .list()
      .map((key) => key.label)
      .sort(),
  ).toEqual(['Keep me', 'Old agent']);
  expect(auditActions(harness).slice(0, 2)).toEqual(['key.restored', 'key.trashed']);
});

test('the Trash view restores a key and deletes keys forever; quick copy and search leave trashed keys out', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('A'), label: 'Research agent' });
  await addKey(page, { secret: fakeKeys.github('B'), label: 'Deploy token' });
  await addKey(page, { secret: fakeKeys.stripeTest('C'), label: 'Shop test' });
  for (const label of ['Research agent', 'Deploy token']) {
    await page.getByRole('button', { name: `Delete ${label}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click();
    await expect(page.getByRole('button', { name: `Copy ${label}` })).toBeHidden();
  }

  // Quick copy and the search box no longer find them.
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Quick copy' });
  await palette.getByRole('combobox').fill('research');
  await expect(palette.getByText('No key matches.')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Trash' }).click();
  const list = page.getByRole('list', { name: 'Keys in the trash' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  const research = list.getByRole('listitem', { name: 'Research agent' });
  await expect(research).toContainText('Deleted just now');
  await expect(research).toContainText('Deleted for good on');
  await screenshot(page, 'trash-02-view');

  await research.getByRole('button', { name: 'Restore Research agent' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored “Research agent”.' })).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  await list.getByRole('button', { name: 'Delete forever: Deploy token' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Deploy token” forever?' });
  await expect(confirm).toContainText('This cannot be undone');
  await confirm.getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByRole('heading', { name: 'The trash is empty' })).toBeVisible();
  expect(harness.services.trash.list('app')).toEqual([]);

  await page.getByRole('button', { name: 'Keys' }).click();
  await expect(page.getByRole('button', { name: 'Copy Research agent' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy Deploy token' })).toBeHidden();
  expect(
    harness.services.keys
      .list()
      .map((key) => key.label)
      .sort(),
  ).toEqual(['Research agent', 'Shop test']);
  expect(auditActions(harness).slice(0, 2)).toEqual(['key.purged', 'key.restored']);
});

test('Empty trash deletes every key in it after one confirmation', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('E1'), label: 'First' });
  await addKey(page, { secret: fakeKeys.github('E2'), label: 'Second' });
  harness.services.keys.remove(harness.services.keys.list()[0]!.id, 'cli');
  harness.services.keys.remove(harness.services.keys.list()[0]!.id, 'cli');
  await page.getByRole('button', { name: 'Trash' }).click();
  await expect(page.getByRole('list', { name: 'Keys in the trash' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Empty trash…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Empty the trash?' });
  await expect(confirm).toContainText('Every key in the trash (2)');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Keys in the trash' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Empty trash…' }).click();
  await confirm.getByRole('button', { name: 'Empty trash' }).click();
  await expect(page.getByRole('heading', { name: 'The trash is empty' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted forever: 2 keys.' })).toBeVisible();
  expect(harness.services.trash.list('app')).toEqual([]);
});

/** The audit log's actions, newest first. */
function auditActions(harness: Harness): string[] {
  return listAudit(harness.services.vault.session().db, { limit: 100 }).map((entry) => entry.action);
}
