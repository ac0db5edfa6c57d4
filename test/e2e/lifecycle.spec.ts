import { addDays, localDay } from '../../contract/days.ts';
import { contract } from '../../contract/index.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, PASSWORD, screenshot, test } from './fixtures.ts';

// The key lifecycle in the real renderer against the real services: needs attention, rotation
// with history, reminder settings. The page and main both run on the real clock here.
const today = localDay(new Date());

test('a key expiring in 2 days appears under Needs attention, in amber; an expired one in red', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.openaiProject('SOON'), label: 'Support bot', expiresAt: addDays(today, 2) });
  await addKey(page, { secret: fakeKeys.github('GONE'), label: 'Old deploy token', expiresAt: addDays(today, -1) });
  await addKey(page, { secret: fakeKeys.anthropic('FAR'), label: 'Research agent', expiresAt: addDays(today, 90) });

  const attention = page.getByRole('region', { name: /Needs attention/ });
  await expect(attention).toBeVisible();
  const items = attention.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Old deploy token');
  await expect(items.nth(0).locator('.chip')).toHaveText('Expired yesterday');
  await expect(items.nth(0).locator('.chip')).toHaveClass(/status-expired/);
  await expect(items.nth(1)).toContainText('Support bot');
  await expect(items.nth(1).locator('.chip')).toHaveText('Expires in 2 days');
  await expect(items.nth(1).locator('.chip')).toHaveClass(/status-soon/);
  await expect(attention).not.toContainText('Research agent');
  await screenshot(page, 'lifecycle-01-needs-attention');

  // The next unlock checks (once the window's first screen has been answered), and the OS is told once about each.
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(attention).toBeVisible();
  await expect
    .poll(() => harness.notifications.titles().sort())
    .toEqual(['Old deploy token: Expired yesterday', 'Support bot: Expires in 2 days']);

  // Snoozed for a week: it leaves the list and the count; "1 snoozed" shows it again, marked.
  await items.nth(1).getByRole('button', { name: 'Snooze Support bot for 1 week' }).click();
  await expect(items).toHaveCount(1);
  await expect(attention.locator('.count')).toHaveText('1');
  await attention.getByRole('button', { name: '1 snoozed' }).click();
  await expect(items.nth(1)).toContainText('snoozed until');
});

test('rotate: open the console, paste the new key, keep the old one a week, find it in history, reveal it, mark it revoked', async ({
  app: page,
  harness,
}) => {
  const oldKey = fakeKeys.stripeLive('OLD');
  const newKey = fakeKeys.stripeLive('NEW');
  await createVault(page);
  await addKey(page, { secret: oldKey, label: 'Shop live' });
  const row = page.getByRole('list', { name: 'Stripe keys' }).getByRole('listitem', { name: 'Shop live' });
  await expect(row).toContainText(`sk_live_…${oldKey.slice(-4)}`);

  await row.getByRole('button', { name: 'Rotate Shop live' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate “Shop live”' });
  await expect(dialog).toContainText('never rotated');
  await dialog.getByRole('button', { name: 'Open the Stripe console' }).click();
  await expect(dialog.getByRole('status')).toContainText('https://dashboard.stripe.com/apikeys');
  expect(harness.opened).toEqual(['https://dashboard.stripe.com/apikeys']);

  // The wrong provider's key is refused next to the field, and nothing changes.
  await dialog.getByLabel('New key', { exact: true }).fill(fakeKeys.github('WRONG'));
  await dialog.getByRole('button', { name: 'Rotate key' }).click();
  await expect(dialog.getByText('That looks like a GitHub key, not Stripe; nothing was changed.')).toBeVisible();

  await dialog.getByLabel('New key', { exact: true }).fill(newKey);
  await dialog.getByLabel('New key expires on').fill(addDays(today, 365));
  await dialog.getByLabel('Keep the old key working?').selectOption({ label: 'For 7 days' });
  await screenshot(page, 'lifecycle-02-rotate');
  await dialog.getByRole('button', { name: 'Rotate key' }).click();
  await expect(dialog).toBeHidden();

  await expect(row).toContainText(`sk_live_…${newKey.slice(-4)}`);
  const attention = page.getByRole('region', { name: /Needs attention/ });
  await expect(attention).toContainText('Revoke the old key in 7 days');

  await attention.getByRole('button', { name: 'Old keys of Shop live' }).click();
  const history = page.getByRole('dialog', { name: 'Old keys of “Shop live”' });
  const entry = history.getByRole('listitem', { name: 'Old key #1' });
  await expect(entry).toContainText(`sk_live_…${oldKey.slice(-4)}`);
  await expect(entry).toContainText('Revoke by');
  await entry.getByRole('button', { name: 'Reveal old key #1' }).click();
  await expect(entry.getByLabel('Old key #1 in full')).toHaveText(oldKey);
  await screenshot(page, 'lifecycle-03-history');
  await entry.getByRole('button', { name: /^Hide/ }).click();
  await expect(history).not.toContainText(oldKey);
  await entry.getByRole('button', { name: 'Mark revoked' }).click();
  await expect(entry).toContainText('Revoked');
  await history.getByRole('button', { name: 'Done' }).click();
  await expect(attention).toBeHidden();

  // What reached the page: the old key once, from the audited reveal; the new key never.
  const sent = harness.sentToPage({ except: ['keys.revealHistory'] });
  expect(sent).not.toContain(oldKey);
  expect(sent).not.toContain(newKey);
  const audit = await harness.services.keys.list();
  expect(audit[0]!.lastRotatedAt).not.toBeNull();
});

test('reminder, rotation policy, tray and lock settings are saved with the vault', async ({ app: page, harness }) => {
  await createVault(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: '30 days before' }).check();
  await page.getByRole('checkbox', { name: '1 day before' }).uncheck();
  await page.getByLabel('Production').selectOption({ label: 'Every 90 days' });
  await page.getByRole('checkbox', { name: 'When the window is closed to the tray' }).check();
  await page.getByRole('checkbox', { name: 'Keep Keyward in the tray when the window is closed' }).uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await screenshot(page, 'lifecycle-04-settings');
  expect(harness.services.settings.get()).toMatchObject({
    reminderLeadDays: [30, 14, 3, 0],
    rotationPolicy: { prod: 90, staging: null, dev: null, other: null },
    lockWhenHidden: true,
    closeToTray: false,
  });
});

test('a tray or notification click brings up the key', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('SHOW'), label: 'Research agent' });
  const [key] = harness.services.keys.list();
  harness.services.events.emit('showKey', { id: key!.id });
  await expect(page.getByRole('dialog', { name: 'Edit “Research agent”' })).toBeVisible();
});

test('a long Needs attention list shows the most urgent first and the rest on request', async ({ app: page, harness }) => {
  await createVault(page);
  // Seven keys due, added through the services (the add dialog is tested elsewhere); the most overdue is the last added.
  for (let i = 0; i < 7; i++) {
    harness.services.keys.add(
      contract.keys.add.input.parse({
        label: `Due key ${i}`,
        secret: fakeKeys.github(`DUE${i}`),
        expiresAt: addDays(today, 5 - i * 2),
      }),
      'app',
    );
  }
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();

  const attention = page.getByRole('region', { name: /Needs attention/ });
  const items = attention.getByRole('listitem');
  await expect(items).toHaveCount(5);
  await expect(items.nth(0)).toContainText('Due key 6');
  await expect(attention.locator('.count')).toHaveText('7');
  const more = attention.getByRole('button', { name: 'Show all 7' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(items).toHaveCount(7);
  await attention.getByRole('button', { name: 'Show the first few' }).click();
  await expect(items).toHaveCount(5);
});
