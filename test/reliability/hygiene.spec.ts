/**
 * Secret hygiene through the browser harness: a canary key pasted into the Add dialog (or the
 * Rotate dialog), edited, copied, revealed once, rotated into history, backed up and locked away
 * never reaches the page except through the one reveal asked for, never appears in an error, an
 * event, the audit log, a console message, a file of the data directory, or the page (DOM and
 * stores) after the lock.
 */
import { listAudit } from '../../main/audit/log.ts';
import { canaryKey, countFiles, filesContaining } from './support/canary.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, storeState, test } from '../e2e/fixtures.ts';

/** Calls whose input carries a key by design: the page sends what the user pasted. */
const CARRY_A_KEY_IN = new Set(['keys.add', 'keys.findDuplicates', 'keys.detect', 'keys.rotate']);

test('a canary key added through the UI shows up only in the one reveal', async ({ app: page, harness }) => {
  const canary = canaryKey();
  const consoleTexts: string[] = [];
  page.on('console', (message) => consoleTexts.push(message.text()));
  const harnessErrors: string[] = [];
  const originalError = console.error;
  console.error = (...args: unknown[]) => harnessErrors.push(args.map(String).join(' '));
  try {
    await createVault(page);
    await addKey(page, { secret: canary, label: 'Canary shop', tags: 'canary', notes: 'payments, test mode' });

    // The same key again: the dialog names the duplicate, and Add refuses nothing secret-bearing back.
    await page.getByRole('button', { name: 'Add key' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a key' });
    await dialog.getByLabel('Key', { exact: true }).fill(canary);
    await expect(dialog).toContainText('Already stored as “Canary shop”');
    await dialog.getByLabel('Label').fill('x'.repeat(130));
    await dialog.getByRole('button', { name: 'Add key' }).click();
    await expect(dialog.getByText('Use at most 120 characters.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Edit, copy, reveal once, take a backup.
    await page.getByRole('button', { name: 'Edit Canary shop' }).click();
    const edit = page.getByRole('dialog', { name: /Edit/ });
    await edit.getByLabel('Label').fill('Canary store');
    await edit.getByRole('button', { name: /Save/ }).click();
    await expect(edit).toBeHidden();
    await page.getByRole('button', { name: 'Copy Canary store' }).click();
    await expect.poll(() => harness.clipboard.text()).toBe(canary);
    await page.getByRole('button', { name: 'Reveal Canary store' }).click();
    const panel = page.getByRole('dialog', { name: 'Canary store' });
    await expect(panel.getByLabel('Key')).toHaveText(canary);
    await panel.getByRole('button', { name: 'Copy and hide' }).click();
    await expect(panel).toBeHidden();
    await page.getByRole('button', { name: 'Settings' }).first().click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText(/^Backed up/)).toBeVisible();

    const audit = listAudit(harness.services.vault.session().db, { limit: 1000 });
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();

    // The page after the lock: its text, its markup, every store.
    expect(await page.content()).not.toContain(canary);
    expect(JSON.stringify(await storeState(page))).not.toContain(canary);
    // What the server sent the page, other than the one reveal; and the log as a whole except the inputs that carry the key by design.
    expect(harness.sentToPage({ except: ['keys.reveal'] })).not.toContain(canary);
    const reveals = harness.log.filter((e) => e.kind === 'rpc' && e.channel === 'keys.reveal');
    expect(reveals).toHaveLength(1);
    const logged = harness.log.map((e) =>
      JSON.stringify(
        e.kind === 'rpc'
          ? { ...e, input: CARRY_A_KEY_IN.has(e.channel) ? null : e.input, output: e.channel === 'keys.reveal' ? null : e.output }
          : e,
      ),
    );
    expect(logged.filter((line) => line.includes(canary))).toEqual([]);
    expect(JSON.stringify(audit)).not.toContain(canary);
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['key.added', 'key.edited', 'key.copied', 'key.revealed', 'vault.backup-created']),
    );
    expect(consoleTexts.filter((t) => t.includes(canary))).toEqual([]);
    expect(harnessErrors.filter((t) => t.includes(canary))).toEqual([]);
    // Every file of the data directory, as UTF-8, UTF-16, base64 and hex.
    expect(countFiles(harness.dataDir)).toBeGreaterThanOrEqual(4);
    expect(filesContaining(harness.dataDir, canary)).toEqual([]);
  } finally {
    console.error = originalError;
  }
});

test('a canary key rotated in through the UI, then rotated out into history, shows up only in the one history reveal', async ({
  app: page,
  harness,
}) => {
  const canary = canaryKey();
  const consoleTexts: string[] = [];
  page.on('console', (message) => consoleTexts.push(message.text()));
  await createVault(page);
  await addKey(page, { secret: fakeKeys.stripeTest('FIRST'), label: 'Rotating shop' });
  const row = page.getByRole('list', { name: 'Stripe keys' }).getByRole('listitem', { name: 'Rotating shop' });
  const rotate = async (secret: string) => {
    await row.getByRole('button', { name: 'Rotate Rotating shop' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “Rotating shop”' });
    await dialog.getByLabel('New key', { exact: true }).fill(secret);
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    return dialog;
  };
  // In, then the same key again (refused without quoting it), then out into the history.
  await expect(await rotate(canary)).toBeHidden();
  const again = await rotate(canary);
  await expect(again.getByText('That is the key already stored; paste the new one.')).toBeVisible();
  await again.getByRole('button', { name: 'Cancel' }).click();
  await expect(await rotate(fakeKeys.stripeTest('THIRD'))).toBeHidden();

  await row.getByRole('button', { name: 'Old keys of Rotating shop' }).click();
  const history = page.getByRole('dialog', { name: 'Old keys of “Rotating shop”' });
  const entry = history.getByRole('listitem', { name: 'Old key #2' });
  await entry.getByRole('button', { name: 'Reveal old key #2' }).click();
  await expect(entry.getByLabel('Old key #2 in full')).toHaveText(canary);
  await entry.getByRole('button', { name: /^Hide/ }).click();
  await history.getByRole('button', { name: 'Done' }).click();

  const audit = listAudit(harness.services.vault.session().db, { limit: 1000 });
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();

  expect(await page.content()).not.toContain(canary);
  expect(JSON.stringify(await storeState(page))).not.toContain(canary);
  expect(harness.sentToPage({ except: ['keys.revealHistory'] })).not.toContain(canary);
  expect(harness.log.filter((e) => e.kind === 'rpc' && e.channel === 'keys.revealHistory')).toHaveLength(1);
  const logged = harness.log.map((e) =>
    JSON.stringify(
      e.kind === 'rpc'
        ? {
            ...e,
            input: CARRY_A_KEY_IN.has(e.channel) ? null : e.input,
            output: e.channel === 'keys.revealHistory' ? null : e.output,
          }
        : e,
    ),
  );
  expect(logged.filter((line) => line.includes(canary))).toEqual([]);
  expect(JSON.stringify(audit)).not.toContain(canary);
  expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['key.rotated', 'key.history-revealed']));
  expect(consoleTexts.filter((t) => t.includes(canary))).toEqual([]);
  expect(filesContaining(harness.dataDir, canary)).toEqual([]);
});
