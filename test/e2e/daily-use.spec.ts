import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { keysContract } from '../../contract/keys.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, PASSWORD, screenshot, test as base } from './fixtures.ts';

// What a new user tripped over in daily use (issue 16), each checked the way they would notice it.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'costs');
/** Two days into December 2026: the cost fixtures' usage is in November, last month. */
const clock = { now: () => new Date('2026-12-02T12:00:00.000Z') };

const test = base.extend<{ harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const harness = await startHarness({ clock });
    await use(harness);
    await harness.close();
  },
});

/** Adds keys straight through the service (the add dialog has its own tests): quicker, same data. */
function seed(harness: Harness, keys: Array<Record<string, unknown>>): void {
  for (const key of keys) harness.services.keys.add(keysContract.add.input.parse(key), 'app');
}

async function openSection(page: Page, name: 'Keys' | 'Costs' | 'Settings'): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();
}

/** The focused element's accessible label (or its text): what `document.activeElement` is, in words. */
const activeLabel = (page: Page) =>
  page.evaluate<string | null>(
    `document.activeElement === document.body ? 'body' : (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null)`,
  );
const scrollY = (page: Page) => page.evaluate<number>('window.scrollY');

test('after an import the view shows the month the rows landed in, not an empty current month', async ({ app: page }) => {
  await page.clock.install({ time: clock.now() });
  await page.reload();
  await createVault(page);
  await openSection(page, 'Costs');
  await expect(page.locator('input[type="month"]')).toHaveValue('2026-12');
  await page.getByRole('button', { name: 'Import a provider export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import usage' });
  await dialog.getByLabel('Export file').setInputFiles(join(FIXTURES, 'anthropic-usage.csv'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.locator('.costs-notice')).toContainText('Imported 3 rows');
  await expect(page.locator('input[type="month"]')).toHaveValue('2026-11');
  await expect(page.getByTestId('month-total')).toHaveText('$19.03');
  await expect(page.getByText('No usage recorded')).toHaveCount(0);
  await expect(page.locator('.costs-tile').first()).toContainText('3 records');

  // Back in December, two days in: no projection yet, and it says why.
  await page.getByRole('button', { name: 'Next month' }).click();
  await expect(page.getByTestId('projection')).toHaveText('—');
  await expect(page.locator('.costs-tile').nth(1)).toContainText('Shown from day 7 of the month');
});

test('Costs: one record is "1 record", a cost-only row shows — for tokens, an unpriced row says "unpriced"', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  const record = { day: '2026-12-01', keyId: null, cachedTokens: 0, cacheWriteTokens: 0, note: '' };
  await harness.services.costs.usage.add(
    { ...record, provider: 'openai', model: 'gpt-4o', inputTokens: 0, outputTokens: 0, requests: 0, costUsd: 2_000_000 },
    'app',
  );
  await openSection(page, 'Costs');
  await expect(page.locator('.costs-tile').first()).toContainText('1 record');
  await expect(page.locator('.costs-tile').first()).not.toContainText('1 records');
  const breakdown = page.getByRole('region', { name: 'Breakdown' });
  const openai = breakdown.getByRole('row', { name: /OpenAI/ });
  await expect(openai.getByRole('cell')).toHaveText(['$2.00', '100%', '—', '—', '—']);

  await harness.services.costs.usage.add(
    { ...record, provider: 'custom:Acme', model: 'acme-private-1', inputTokens: 85_000, outputTokens: 900_000, requests: 12 },
    'app',
  );
  await page.reload(); // still unlocked: the page loads the seeded keys
  await openSection(page, 'Costs');
  const acme = page.getByRole('region', { name: 'Breakdown' }).getByRole('row', { name: /Acme/ });
  // One number style per column: 85K beside 900K, never 85,000.
  await expect(acme.getByRole('cell')).toHaveText(['unpriced', '—', '85K', '900K', '12']);
});

test('field errors clear as soon as the field is fixed: create vault, then the add dialog', async ({ app: page }) => {
  const password = page.getByLabel('Master password');
  const repeat = page.getByLabel('Repeat it');
  await password.fill('short');
  await repeat.fill('different');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByText('The two passwords differ.')).toBeVisible();
  await password.fill(PASSWORD);
  await expect(page.getByText('Use at least 8 characters.')).toHaveCount(0);
  await expect(password).not.toHaveAttribute('aria-invalid', 'true');
  await repeat.fill(PASSWORD);
  await expect(page.getByText('The two passwords differ.')).toHaveCount(0);
  await expect(repeat).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Create vault' }).click();

  // Focus lands on the one thing to do next.
  const first = page.getByRole('button', { name: 'Add your first key' });
  await expect(first).toBeFocused();

  await first.click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog.getByText('Paste the key.')).toBeVisible();
  await expect(dialog.getByText('Give the key a label.')).toBeVisible();
  await dialog.getByLabel('Key', { exact: true }).fill(fakeKeys.anthropic('STALE'));
  await expect(dialog.getByText('Recognised')).toBeVisible();
  await expect(dialog.getByText('Paste the key.')).toHaveCount(0);
  await expect(dialog.getByText('Give the key a label.')).toBeVisible();
  await dialog.getByLabel('Label').fill('Support bot');
  await expect(dialog.getByText('Give the key a label.')).toHaveCount(0);
  await expect(dialog.locator('[aria-invalid="true"]')).toHaveCount(0);

  // A field checks itself when left, and follows every keystroke after that.
  await dialog.getByLabel('Rotate every (days)').fill('ninety');
  await dialog.getByLabel('Rotate every (days)').blur();
  await expect(dialog.getByText('Use a whole number of days.')).toBeVisible();
  await dialog.getByLabel('Rotate every (days)').fill('90');
  await expect(dialog.getByText('Use a whole number of days.')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog).toBeHidden();
});

test('the key field shows and hides; an unknown format leads to a custom provider', async ({ app: page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Add key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  const field = dialog.getByLabel('Key', { exact: true });
  await field.fill(moreFakeKeys.unrecognised('SHOW'));
  await expect(field).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Show the key' }).click();
  await expect(field).toHaveAttribute('type', 'text');
  await expect(dialog.getByRole('button', { name: 'Show the key' })).toHaveAttribute('aria-pressed', 'true');
  await dialog.getByRole('button', { name: 'Show the key' }).click();
  await expect(field).toHaveAttribute('type', 'password');

  await expect(dialog.getByRole('status')).toContainText('Keyward does not know this format');
  await dialog.getByRole('button', { name: 'use a custom provider' }).click();
  await expect(dialog.getByLabel('Provider', { exact: true })).toHaveValue('__custom__');
  await expect(dialog.getByLabel('Custom provider name')).toBeFocused();
  await dialog.getByLabel('Custom provider name').fill('Acme Cloud');
  await dialog.getByLabel('Label').fill('Internal API');
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Acme Cloud' })).toContainText('Internal API');
});

test('Settings confirms a change next to where the user is looking', async ({ app: page }) => {
  await createVault(page);
  await openSection(page, 'Settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  const toast = page.getByRole('status').filter({ hasText: 'Saved.' });
  await expect(toast).toBeVisible();
  await expect(toast).toBeInViewport();
  await expect(toast).toBeHidden({ timeout: 6000 });
});

test('the copy notice starts at the chosen delay, however long the page has been open', async ({ app: page }) => {
  await page.clock.install({ time: clock.now() });
  await page.reload();
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('TOAST'), label: 'Deploy bot' });
  // The notice has been on the page, empty, for a quarter of a minute before the copy.
  await page.clock.fastForward('00:15');
  await page.getByRole('button', { name: 'Copy Deploy bot' }).click();
  await expect(page.locator('.toast')).toContainText('clears in 30 s');
});

test('focus returns to the control that opened a dialog', async ({ app: page }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('FOCUS'), label: 'Deploy bot' });

  const edit = page.getByRole('button', { name: 'Edit Deploy bot' });
  await edit.click();
  await page.getByRole('dialog', { name: 'Edit “Deploy bot”' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeFocused();
  expect(await activeLabel(page)).toBe('Edit Deploy bot');

  const reveal = page.getByRole('button', { name: 'Reveal Deploy bot' });
  await reveal.click();
  await page.keyboard.press('Escape');
  await expect(reveal).toBeFocused();

  const add = page.getByRole('banner').getByRole('button', { name: 'Add key' });
  await add.click();
  await page.keyboard.press('Escape');
  await expect(add).toBeFocused();
});

test('the list layout: one row per key, sorted by a column, filtered, and remembered', async ({ app: page, harness }) => {
  await createVault(page);
  seed(harness, [
    { secret: fakeKeys.openaiProject('L1'), label: 'Chat backend', environment: 'prod', tags: ['llm'], usedIn: ['api-server'] },
    { secret: fakeKeys.anthropic('L2'), label: 'Agent', environment: 'dev', tags: ['llm'] },
    { secret: fakeKeys.github('L3'), label: 'Deploy bot', environment: 'prod', usedIn: ['ci'], expiresAt: '2026-12-20' },
    { secret: fakeKeys.stripeTest('L4'), label: 'Shop staging', environment: 'staging', expiresAt: '2026-12-10' },
  ]);
  await page.reload(); // still unlocked: the page loads the seeded keys

  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' }).click();
  const labels = page.locator('.list-row .key-label');
  await expect(labels).toHaveText(['Agent', 'Chat backend', 'Deploy bot', 'Shop staging']);
  await page.getByRole('button', { name: 'Sort by name, ascending' }).click();
  await expect(labels).toHaveText(['Shop staging', 'Deploy bot', 'Chat backend', 'Agent']);
  await page.getByRole('button', { name: 'Sort by expires' }).click();
  await expect(labels).toHaveText(['Shop staging', 'Deploy bot', 'Agent', 'Chat backend']);
  await page.getByRole('button', { name: 'Sort by provider' }).click();
  await expect(labels).toHaveText(['Agent', 'Deploy bot', 'Chat backend', 'Shop staging']);
  await screenshot(page, 'daily-list');

  await page.getByLabel('Environment').selectOption('prod');
  await expect(labels).toHaveText(['Deploy bot', 'Chat backend']);
  await page.getByRole('combobox', { name: /^Tag/ }).selectOption('llm');
  await expect(labels).toHaveText(['Chat backend']);
  await page.getByLabel('Environment').selectOption('');
  await page.getByRole('combobox', { name: /^Tag/ }).selectOption('');

  // A tag in the details filters by it; the filter shows above the list and goes with one click.
  await page.getByRole('button', { name: 'Details of Chat backend' }).click();
  const details = page.locator('.key-facts');
  await expect(details).toContainText('Last copied');
  await details.getByRole('button', { name: '#llm' }).click();
  await expect(labels).toHaveText(['Agent', 'Chat backend']);
  await page.getByRole('button', { name: 'Tag #llm: remove this filter' }).click();
  await expect(labels).toHaveCount(4);

  expect(harness.services.settings.get().keyView).toBe('list');
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Master password').press('Enter');
  await expect(page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(labels).toHaveCount(4);

  // In the cards, a "used in" chip filters too.
  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'Cards' }).click();
  await page.getByRole('button', { name: 'ci', exact: true }).click();
  await expect(page.locator('.key-row .key-label')).toHaveText(['Deploy bot']);
});

test('a key row opens its details: notes, used in, tags and its dates', async ({ app: page }) => {
  await createVault(page);
  await addKey(page, {
    secret: fakeKeys.stripeLive('DET'),
    label: 'Shop checkout',
    usedIn: 'shop',
    tags: 'payments',
    notes: 'Restricted: charges only. Ask Dana.',
  });
  await expect(page.getByText('Restricted: charges only')).toHaveCount(0);
  const toggle = page.getByRole('button', { name: 'Details of Shop checkout' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const details = page.locator('.key-facts');
  await expect(details).toContainText('Restricted: charges only. Ask Dana.');
  for (const fact of ['Used in', 'Tags', 'Created', 'Last rotated', 'Last copied', 'This month'])
    await expect(details.getByText(fact, { exact: true })).toBeVisible();
  await expect(details.getByRole('button', { name: '#payments' })).toBeVisible();
});

test('Needs attention folds and stays folded, follows the search, counts what it lists, and moves snoozed items aside', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  seed(harness, [
    { secret: fakeKeys.github('ATT1'), label: 'Deploy bot', expiresAt: '2026-12-05' },
    { secret: fakeKeys.stripeLive('ATT2'), label: 'Shop checkout', expiresAt: '2026-11-20' },
    { secret: fakeKeys.anthropic('ATT3'), label: 'Agent' },
  ]);
  await harness.services.reminders.check();
  await page.reload(); // still unlocked: the page loads the seeded keys

  const panel = page.getByRole('region', { name: /Needs attention/ });
  const toggle = panel.getByRole('button', { name: /Needs attention/ });
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await expect(panel.locator('.count')).toHaveText('2');

  await page.getByRole('searchbox', { name: 'Search keys' }).fill('deploy');
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.locator('.count')).toHaveText('1');
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('agent');
  await expect(panel).toHaveCount(0);
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('');

  await panel.getByRole('button', { name: 'Snooze Deploy bot for 1 week' }).click();
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.locator('.count')).toHaveText('1');
  await panel.getByRole('button', { name: '1 snoozed' }).click();
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  // A full date, not a weekday that could be any week.
  await expect(panel.getByRole('listitem').filter({ hasText: 'Deploy bot' })).toContainText(/snoozed until \w{3}, .*2026/);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.getByRole('listitem')).toHaveCount(0);
  expect(harness.services.settings.get().attentionCollapsed).toBe(true);
  await page.reload(); // still unlocked: the page loads the seeded keys
  await expect(
    page.getByRole('region', { name: /Needs attention/ }).getByRole('button', { name: /Needs attention/ }),
  ).toHaveAttribute('aria-expanded', 'false');
});

test('the navigation stays in view while the list scrolls; no blank band under the tabs when narrow', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  seed(
    harness,
    Array.from({ length: 30 }, (_, i) => ({ secret: fakeKeys.github(`NAV${i}`), label: `Bot ${String(i).padStart(2, '0')}` })),
  );
  await page.reload(); // still unlocked: the page loads the seeded keys
  await expect(page.locator('.key-row').first()).toBeVisible();
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => scrollY(page)).toBeGreaterThan(1000);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeInViewport();

  await page.setViewportSize({ width: 800, height: 600 });
  await openSection(page, 'Settings');
  await page.evaluate('window.scrollTo(0, 0)');
  const navBox = (await nav.boundingBox())!;
  const headingBox = (await page.getByRole('heading', { name: 'Settings', level: 1 }).boundingBox())!;
  expect(headingBox.y - (navBox.y + navBox.height)).toBeLessThan(40);
  await page.mouse.wheel(0, 1500);
  await expect.poll(() => scrollY(page)).toBeGreaterThan(500);
  await expect(nav.getByRole('button', { name: 'Keys' })).toBeInViewport();
});

test('quick copy: best match first, then recent use; expired keys marked; key prefixes searchable; an empty vault offers Add a key', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Quick copy' });
  await palette.getByRole('button', { name: 'Add a key' }).click();
  await expect(page.getByRole('dialog', { name: 'Add a key' })).toBeVisible();
  await page.keyboard.press('Escape');

  seed(harness, [
    { secret: fakeKeys.github('QC1'), label: 'Workshop tools', tags: ['shop'] },
    { secret: fakeKeys.stripeLive('QC2'), label: 'Shop checkout' },
    { secret: fakeKeys.stripeTest('QC3'), label: 'Shop staging', expiresAt: '2026-11-01' },
  ]);
  await page.reload(); // still unlocked: the page loads the seeded keys
  await expect(page.getByRole('searchbox', { name: 'Search keys' }).locator('..').locator('kbd')).toHaveText(/Ctrl\+F|⌘F/);

  await page.getByRole('button', { name: 'Copy Shop staging' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Shop staging”' })).toBeVisible();
  await page.keyboard.press('Control+K');
  const input = palette.getByRole('combobox', { name: 'Find a key to copy' });
  await input.fill('shop');
  const labels = palette.locator('.palette-label');
  // Labels that start with the word beat a tag; of those, the one copied recently leads.
  await expect(labels).toHaveText(['Shop staging', 'Shop checkout', 'Workshop tools']);
  await expect(palette.getByRole('option', { name: /Shop staging/ })).toContainText('Expired');
  await expect(palette.getByRole('option', { name: /Shop checkout/ })).not.toContainText('Expired');

  await input.fill('sk_live_');
  await expect(labels).toHaveText(['Shop checkout']);
});

test('one date style: chips speak in relative words with the full date on hover; PROD is not the expired red', async ({
  app: page,
  harness,
}) => {
  await page.clock.install({ time: clock.now() });
  await page.reload();
  await createVault(page);
  seed(harness, [
    { secret: fakeKeys.github('DATE1'), label: 'Old bot', environment: 'prod', expiresAt: '2026-11-20' },
    { secret: fakeKeys.github('DATE2'), label: 'New bot', environment: 'prod', expiresAt: '2027-03-01' },
  ]);
  await page.reload(); // still unlocked: the page loads the seeded keys
  const later = page.locator('.key-row', { hasText: 'New bot' }).locator('.chip');
  await expect(later).toHaveText('Expires in 3 months');
  await expect(later).toHaveAttribute('title', /1 Mar 2027|Mar 1, 2027/);
  const expired = page.locator('.key-row', { hasText: 'Old bot' }).locator('.chip');
  await expect(expired).toHaveText('Expired 12 days ago');
  const colour = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate(
      (element) =>
        (globalThis as unknown as { getComputedStyle: (e: unknown) => { color: string } }).getComputedStyle(element).color,
    );
  const prod = page.locator('.key-row', { hasText: 'Old bot' }).locator('.badge.env-prod');
  expect(await colour(prod)).not.toBe(await colour(expired));
});

test('the Google card is called Google: AIza… keys serve Maps, YouTube, Firebase and Gemini alike', async ({ app: page }) => {
  await createVault(page);
  await addKey(page, { secret: moreFakeKeys.google('G'), label: 'Maps widget' });
  await expect(page.getByRole('region', { name: 'Google', exact: true })).toContainText('Maps widget');
  await expect(page.getByText('Google Gemini')).toHaveCount(0);
});

test('keyboard: a skip link to the list, arrows between rows, Enter copies, Space reveals, Tab reaches one row’s actions', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  seed(harness, [
    { secret: fakeKeys.anthropic('KB1'), label: 'Agent' },
    { secret: fakeKeys.github('KB2'), label: 'Deploy bot' },
    { secret: fakeKeys.stripeLive('KB3'), label: 'Shop checkout' },
  ]);
  await page.reload(); // still unlocked: the page loads the seeded keys
  await expect(page.locator('.key-row')).toHaveCount(3);

  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the keys' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  const rows = page.locator('[data-key-row]');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await expect(rows.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(rows.nth(0)).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Deploy bot”' })).toBeVisible();
  expect(harness.clipboard.text()).toBe(fakeKeys.github('KB2'));

  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.key-facts')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.key-facts')).toHaveCount(0);

  await page.keyboard.press(' ');
  const reveal = page.getByRole('dialog', { name: /Deploy bot/ });
  await expect(reveal).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(rows.nth(1)).toBeFocused();

  // Tab goes into this row's buttons, then out of the list: not through every row's.
  await page.keyboard.press('Tab');
  expect(await activeLabel(page)).toBe('Favourite Deploy bot');
  const visited: Array<string | null> = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    visited.push(await activeLabel(page));
  }
  expect(visited).toContain('Copy Deploy bot');
  expect(
    visited.some((label) => label?.includes('Shop checkout') || label?.includes('Agent')),
    visited.join(' | '),
  ).toBe(false);
});
