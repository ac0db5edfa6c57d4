import { contract } from '../../contract/index.ts';
import { listAudit } from '../../main/audit/log.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, screenshot, test } from './fixtures.ts';

// The audit log view: what happened, to which key, through which door; filtered in main by key
// and by action.

test('the audit log lists what happened, newest first, and filters by key and by action', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('AUD'), label: 'Research agent' });
  await addKey(page, { secret: fakeKeys.github('AUD'), label: 'Deploy token' });
  await page.getByRole('button', { name: 'Copy Deploy token' }).click();
  await expect.poll(() => harness.clipboard.text()).toBe(fakeKeys.github('AUD'));
  // A reveal from the CLI is recorded as such.
  const research = harness.services.keys.list().find((key) => key.label === 'Research agent')!;
  harness.services.keys.reveal(research.id, 'cli');

  await page.getByRole('button', { name: 'Audit log' }).click();
  const table = page.getByRole('table');
  const rows = table.getByRole('row');
  // Row 0 is the header; the newest entry comes first.
  await expect(rows.nth(1)).toContainText('Key revealed');
  await expect(rows.nth(1)).toContainText('Research agent');
  await expect(rows.nth(1)).toContainText('CLI');
  await expect(rows.nth(2)).toContainText('Key copied');
  await expect(rows.nth(2)).toContainText('Deploy token');
  await expect(rows.nth(2)).toContainText('App');
  await expect(table).toContainText('Vault created');
  await screenshot(page, 'audit-01-log');

  await page.getByLabel('Action').selectOption({ label: 'Key added' });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Deploy token');
  await expect(rows.nth(2)).toContainText('Research agent');

  await page.getByLabel('Key', { exact: true }).selectOption({ label: 'Research agent' });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('Key added');
  await expect(rows.nth(1)).toContainText('Research agent');

  await page.getByLabel('Action').selectOption({ label: 'All actions' });
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Key revealed');
  await expect(table).not.toContainText('Deploy token');

  await page.getByLabel('Action').selectOption({ label: 'Key copied' });
  await expect(page.getByRole('table')).toBeHidden();
  await expect(page.getByText('Nothing recorded matches these filters.')).toBeVisible();
  // No key's value ever reached the page through the log.
  expect(harness.sentToPage()).not.toContain(fakeKeys.github('AUD'));
});

test('a key in the trash can still be chosen in the key filter', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.stripeTest('AUDT'), label: 'Shop test' });
  const [shop] = harness.services.keys.list();
  harness.services.keys.remove(shop!.id, 'cli');
  await page.getByRole('button', { name: 'Audit log' }).click();
  await page.getByLabel('Key', { exact: true }).selectOption({ label: 'Shop test (in trash)' });
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Moved to the trash');
  await expect(rows.nth(1)).toContainText('CLI');
  await expect(rows.nth(2)).toContainText('Key added');
});

test('in Korean: a detail recorded now is worded in Korean; one recorded before phrases keeps its text', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('AUDK'), label: 'Deploy token' });
  const [key] = harness.services.keys.list();
  // An edit as an older Keyward recorded it: the English text alone.
  harness.services.vault
    .session()
    .db.prepare(
      "INSERT INTO audit_log (at, action, source, key_id, key_label, detail) VALUES (?, 'key.edited', 'app', ?, 'Deploy token', 'label')",
    )
    .run(new Date().toISOString(), key!.id);
  harness.services.keys.update(contract.keys.update.input.parse({ id: key!.id, notes: 'CI only', tags: ['ci'] }), 'cli');
  harness.services.settings.update({ language: 'ko' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

  await page.getByRole('button', { name: '감사 로그' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('키 편집');
  await expect(rows.nth(1).locator('.audit-detail')).toHaveText('메모, 태그');
  await expect(rows.nth(2).locator('.audit-detail')).toHaveText('label');
  // The CLI's log keeps the English.
  const [edited] = listAudit(harness.services.vault.session().db, { action: 'key.edited', limit: 1 });
  expect(edited!.detail).toBe('notes, tags');
});
