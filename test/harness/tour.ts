import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { keysContract } from '../../contract/keys.ts';
import type { Locale } from '../../i18n/language.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import type { Harness } from './server.ts';

/**
 * Every screen of the app, one after another, on the browser test harness: the screenshots
 * (scripts/screenshots.ts) and the layout check in Korean (test/e2e/i18n-layout.spec.ts) walk the
 * same tour, so a screen added here is shot and checked.
 *
 * The tour clicks its way in English (the names it looks for are the English ones) and shows each
 * screen in `locale` only while `at` runs: the vault's `language` setting is switched there and
 * back, which re-renders the same screen, dialog state and all, in the other language. Screens
 * before unlock take the language the window remembers (its local storage), as the app does.
 * Text worded when it was raised (a notice after an import or a delete) would stay English: the
 * tour dismisses it, or reloads, before the next screen.
 */
export interface TourOptions {
  page: Page;
  harness: Harness;
  /** The repository's root, for the cost fixture the Costs screen imports. */
  root: string;
  locale: Locale;
  /** Called on each screen, shown in `locale`: take a screenshot, check the layout. */
  at: (screen: string) => Promise<void>;
}

export const TOUR_PASSWORD = 'correct horse battery staple';
/** The cost fixtures' usage falls in November 2026: the harness's clock sits at its end. */
export const TOUR_NOW = new Date('2026-11-27T12:00:00.000Z');

/** The keys the tour's vault holds: obviously fake, in real formats. */
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

export async function tourScreens({ page, harness, root, locale, at }: TourOptions): Promise<void> {
  const { services } = harness;
  const inLocale = async (screen: string) => {
    if (locale !== 'en') {
      services.settings.update({ language: locale });
      await speaks(page, locale);
    }
    await at(screen);
    if (locale !== 'en') {
      services.settings.update({ language: 'en' });
      await speaks(page, 'en');
    }
  };
  /** Before unlock the window speaks the language it remembers (renderer/src/i18n/I18nProvider.tsx). */
  const remember = async (language: Locale) => {
    await page.evaluate(`localStorage.setItem('keyward.language', ${JSON.stringify(language)})`);
    await page.reload();
    await speaks(page, language);
  };

  await page.locator('input[type=password]').first().waitFor();
  if (locale !== 'en') await remember(locale);
  await at('create-vault');
  if (locale !== 'en') await remember('en');
  await page.getByLabel('Master password', { exact: true }).fill(TOUR_PASSWORD);
  await page.getByLabel('Repeat it').fill(TOUR_PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Your vault is empty' }).waitFor();
  // English while the tour clicks; each screen switches to `locale` for its moment.
  services.settings.update({ language: 'en' });

  for (const key of seed) services.keys.add(keysContract.add.input.parse(key), 'app');
  await page.reload();
  await page.getByRole('heading', { name: 'Keys', level: 1 }).waitFor({ state: 'attached' });
  await page.getByText('Support bot').first().waitFor();
  await inLocale('keys');

  await page.getByRole('group', { name: 'Layout' }).getByRole('button', { name: 'List' }).click();
  await page.getByRole('button', { name: 'Details of Support bot' }).click();
  await page.locator('.key-facts').waitFor();
  await inLocale('keys-list');
  await page.getByRole('button', { name: 'Details of Support bot' }).click();

  await page.getByRole('button', { name: 'Add key' }).first().click();
  const add = page.getByRole('dialog', { name: 'Add a key' });
  await add.getByLabel('Key', { exact: true }).fill(fakeKeys.anthropic('SHOT9'));
  await add.getByText('Recognised').waitFor();
  await add.getByLabel('Label').fill('Nightly summariser');
  await inLocale('add-key');
  await page.keyboard.press('Escape');
  await add.waitFor({ state: 'hidden' });

  await dialogScreen(page, 'Edit Support bot', 'edit-key', inLocale);
  await dialogScreen(page, 'Rotate Support bot', 'rotate-key', inLocale);
  await dialogScreen(page, 'Import a .env file…', 'env-import', inLocale);
  await page.getByRole('button', { name: 'Delete Shop staging' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.waitFor();
  await inLocale('delete-key');
  await confirm.getByRole('button', { name: 'Move to trash' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Dismiss' }).click();

  await page.keyboard.press('Control+K');
  await page.getByRole('combobox', { name: 'Find a key to copy' }).fill('shop');
  await inLocale('quick-copy');
  await page.keyboard.press('Escape');

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Health' }).click();
  await page.getByRole('heading', { name: 'Health', level: 1 }).waitFor();
  await inLocale('health');

  await nav.getByRole('button', { name: 'Costs' }).click();
  await page.getByRole('button', { name: 'Import a provider export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import usage' });
  await dialog.getByLabel('Export file').setInputFiles(join(root, 'test', 'fixtures', 'costs', 'anthropic-usage.csv'));
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const importRows = dialog.getByRole('button', { name: /^Import \d+ rows?$/ });
  await importRows.waitFor();
  await inLocale('import-usage');
  await importRows.click();
  await dialog.waitFor({ state: 'hidden' });
  // The "Imported 3 rows" notice was worded when it was raised, in English: a fresh page has none.
  await page.reload();
  await nav.getByRole('button', { name: 'Costs' }).click();
  await page.getByRole('heading', { name: 'Costs', level: 1 }).waitFor();
  await inLocale('costs');

  for (const [section, screen] of [
    ['Audit log', 'audit'],
    ['Trash', 'trash'],
    ['Scan for leaks', 'scan'],
    ['Settings', 'settings'],
  ] as const) {
    await nav.getByRole('button', { name: section }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await inLocale(screen);
  }

  // Locked in `locale`: the window remembers the vault's language for its unlock screen.
  services.settings.update({ language: locale });
  await speaks(page, locale);
  services.vault.lock('manual');
  await page.locator('input[type=password]').first().waitFor();
  await at('unlock');
}

/** Waits until the window has re-rendered in `locale` (the provider sets <html lang> once its messages are in). */
async function speaks(page: Page, locale: Locale): Promise<void> {
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

/** A dialog opened from a button on the Keys screen, shown, then closed with Escape. */
async function dialogScreen(page: Page, button: string, screen: string, inLocale: (screen: string) => Promise<void>) {
  await page.getByRole('button', { name: button }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.first().waitFor();
  await inLocale(screen);
  await page.keyboard.press('Escape');
  await dialog.first().waitFor({ state: 'hidden' });
}
