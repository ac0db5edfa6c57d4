import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { keysContract } from '../../contract/keys.ts';
import { startHarness, type Harness } from '../harness/server.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { expect, PASSWORD, test as base } from './fixtures.ts';

// axe-core on every screen, in both themes (contrast differs): no serious or critical violation.

const clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };
const test = base.extend<{ harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const harness = await startHarness({ clock });
    await use(harness);
    await harness.close();
  },
});

/** Serious and critical violations on the page as it is now, in light and in dark, as readable lines. */
async function violations(page: Page, screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    for (const violation of results.violations) {
      if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
      const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 3);
      found.push(`${screen} (${colorScheme}): ${violation.id}: ${violation.help} — ${targets.join(', ')}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

test('every screen passes axe-core with no serious or critical violation, light and dark', async ({ app: page, harness }) => {
  test.setTimeout(180_000);
  await page.clock.install({ time: clock.now() });
  await page.reload();
  const problems: string[] = [];
  const check = async (screen: string) => problems.push(...(await violations(page, screen)));

  await page.getByLabel('Master password').fill('short');
  await page.getByRole('button', { name: 'Create vault' }).click();
  await check('create vault, with an error');
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Repeat it').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault is empty' })).toBeVisible();
  await check('empty vault');

  await page.keyboard.press('Control+K');
  await check('quick copy, empty vault');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Add your first key' }).click();
  const add = page.getByRole('dialog', { name: 'Add a key' });
  await add.getByRole('button', { name: 'Add key' }).click();
  await add.getByLabel('Key', { exact: true }).fill(moreFakeKeys.unrecognised('AXE'));
  await expect(add.getByText('Keyward does not know this format')).toBeVisible();
  await check('add dialog, with errors');
  await page.keyboard.press('Escape');

  const seed = [
    { secret: fakeKeys.openaiProject('AXE1'), label: 'Chat backend', usedIn: ['api-server'], tags: ['llm'], favourite: true },
    { secret: fakeKeys.anthropic('AXE'), label: 'Support bot', rotateEveryDays: 90, notes: 'Scopes: messages only.' },
    { secret: fakeKeys.github('AXE'), label: 'Deploy bot', usedIn: ['ci'], expiresAt: '2026-12-01' },
    { secret: fakeKeys.stripeLive('AXE'), label: 'Shop checkout', expiresAt: '2026-11-01' },
    { secret: fakeKeys.stripeTest('AXE'), label: 'Shop staging', environment: 'staging' },
    { secret: moreFakeKeys.google('AXE'), label: 'Maps widget', environment: 'dev' },
  ];
  for (const key of seed) harness.services.keys.add(keysContract.add.input.parse(key), 'app');
  await page.reload();
  await expect(page.locator('.key-row').first()).toBeVisible();
  await expect(page.getByRole('region', { name: /Needs attention/ })).toBeVisible();
  await check('keys, cards');

  await page.getByRole('button', { name: 'Details of Support bot' }).click();
  await check('keys, cards, details open');
  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' }).click();
  await expect(page.locator('.list-row').first()).toBeVisible();
  await check('keys, list, details open');
  await page.getByLabel('Environment').selectOption('prod');
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('nothing like this');
  await check('keys, no match');
  await page.getByRole('button', { name: 'Clear search and filters' }).click();

  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Find a key to copy' }).fill('shop');
  await check('quick copy');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Copy Deploy bot' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
  await check('copy notice');
  await page.getByRole('button', { name: 'Reveal Deploy bot' }).click();
  await check('reveal');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Edit Support bot' }).click();
  await check('edit dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Rotate Support bot' }).click();
  await check('rotate dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Delete Shop staging' }).click();
  await check('delete confirmation');
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: /trash|Delete/ })
    .last()
    .click();
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await check('keys, after a delete');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Trash' }).click();
  await expect(page.getByRole('main').getByText('Shop staging').first()).toBeVisible();
  await check('trash');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await check('audit log');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Scan for leaks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await check('scan for leaks');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Costs' }).click();
  await check('costs, empty');
  await page.getByRole('button', { name: 'Import a provider export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import usage' });
  await dialog
    .getByLabel('Export file')
    .setInputFiles(join(import.meta.dirname, '..', 'fixtures', 'costs', 'anthropic-usage.csv'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByTestId('preview-rows')).toHaveText('4');
  await check('import preview');
  await dialog.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(dialog).toBeHidden();
  await check('costs, with usage');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  await check('settings, saved');

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByLabel('Master password').fill('wrong password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await check('unlock, after a wrong password');

  expect(problems).toEqual([]);
});
