/**
 * `npm run screenshots`: the README's pictures of the main screens, light and dark, taken from the
 * real renderer on the browser test harness (real services, a fresh vault of obviously fake keys),
 * so they show the app as it is today. Writes docs/screenshots/<screen>-<theme>.png at 1200×820.
 *
 *   node scripts/screenshots.ts                 build the renderer, then shoot
 *   node scripts/screenshots.ts --out DIR --size 800x600   somewhere else, at another size (for review)
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { keysContract } from '../contract/keys.ts';
import { startHarness } from '../test/harness/server.ts';
import { fakeKeys, moreFakeKeys } from '../test/support/fake-keys.ts';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values } = parseArgs({
  options: { out: { type: 'string', default: join(root, 'docs', 'screenshots') }, size: { type: 'string', default: '1200x820' } },
});
const [width, height] = values.size.split('x').map(Number) as [number, number];
const out = resolve(values.out);
const PASSWORD = 'correct horse battery staple';
/** The cost fixtures' usage falls in November 2026: the harness's clock sits at its end. */
const clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };

execFileSync(process.execPath, [join(root, 'scripts', 'build.ts'), '--renderer'], { stdio: 'inherit' });
mkdirSync(out, { recursive: true });

const harness = await startHarness({ clock });
const browser = await chromium.launch({
  executablePath: process.env.KEYWARD_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await browser.newPage({ viewport: { width, height } });
  // The page's clock agrees with the harness's, so "expires in 8 days" reads the same in the chip and the reminder.
  await page.clock.install({ time: clock.now() });
  await page.goto(harness.url);

  await page.getByLabel('Master password', { exact: true }).waitFor();
  await shoot(page, 'create-vault');
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat it').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Your vault is empty' }).waitFor();

  const seed = [
    {
      secret: fakeKeys.openaiProject('SHOT1'),
      label: 'Chat backend',
      environment: 'prod',
      usedIn: ['api-server'],
      tags: ['llm'],
      favourite: true,
    },
    { secret: fakeKeys.openaiProject('SHOT2'), label: 'Eval notebooks', environment: 'dev', tags: ['llm', 'research'] },
    { secret: fakeKeys.anthropic('SHOT'), label: 'Support bot', environment: 'prod', usedIn: ['helpdesk'], rotateEveryDays: 90 },
    { secret: fakeKeys.github('SHOT'), label: 'Deploy bot', environment: 'prod', usedIn: ['ci'], expiresAt: '2026-12-05' },
    { secret: fakeKeys.stripeLive('SHOT'), label: 'Shop checkout', environment: 'prod', usedIn: ['shop'] },
    { secret: fakeKeys.stripeTest('SHOT'), label: 'Shop staging', environment: 'staging', usedIn: ['shop'] },
    {
      secret: moreFakeKeys.google('SHOT'),
      label: 'Maps widget',
      environment: 'prod',
      usedIn: ['website'],
      expiresAt: '2026-11-01',
    },
  ] as const;
  for (const key of seed) harness.services.keys.add(keysContract.add.input.parse(key), 'app');
  await page.reload();
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor({ state: 'attached' });
  await page.getByText('Support bot').first().waitFor();
  await shoot(page, 'keys');

  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' }).click();
  await page.getByRole('button', { name: 'Details of Support bot' }).click();
  await page.locator('.key-facts').waitFor();
  await shoot(page, 'keys-list');
  await page.getByRole('button', { name: 'Details of Support bot' }).click();

  await page.getByRole('button', { name: 'Add key' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add a key' });
  await add.getByLabel('Key', { exact: true }).fill(fakeKeys.anthropic('SHOT9'));
  await add.getByText('Recognised').waitFor();
  await add.getByLabel('Label').fill('Nightly summariser');
  await shoot(page, 'add-key');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Find a key to copy' }).fill('shop');
  await shoot(page, 'quick-copy');
  await page.keyboard.press('Escape');

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Costs' }).click();
  await page.getByRole('button', { name: 'Import a provider export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import usage' });
  await dialog.getByLabel('Export file').setInputFiles(join(root, 'test', 'fixtures', 'costs', 'anthropic-usage.csv'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByRole('button', { name: /^Import \d+ rows?$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  await shoot(page, 'costs');

  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await shoot(page, 'settings');
} finally {
  await browser.close();
  await harness.close();
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Let transitions and the chart's canvas settle after the theme flips.
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(out, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  console.log(`${name}: ${out}`);
}
