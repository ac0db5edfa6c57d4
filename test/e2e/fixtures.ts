import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startHarness, type Harness } from '../harness/server.ts';

export const PASSWORD = 'correct horse battery staple';
export const SCREENSHOTS = 'test-results/screens';

/**
 * Each test gets its own harness (real services on a fresh data directory, a recording
 * clipboard) and a page opened on it in Debian's Chromium.
 */
export const test = base.extend<{ harness: Harness; app: Page }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  harness: async ({}, use) => {
    const harness = await startHarness();
    await use(harness);
    await harness.close();
  },
  app: async ({ page, harness }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(harness.url);
    await use(page);
    // A CSP violation or an uncaught error is a failure even when the screen looked right.
    expect(problems).toEqual([]);
  },
});

export { expect };

type KeyInput = Parameters<Harness['services']['keys']['add']>[0];

/**
 * Many keys at once, straight into the harness's vault through the real KeyService in one
 * transaction (typing them into the window would take minutes): `key(i)` gives the i-th key's
 * label and secret and whatever else differs from a plain prod key.
 */
export function addKeysDirectly(
  harness: Harness,
  count: number,
  key: (i: number) => Pick<KeyInput, 'label' | 'secret'> & Partial<KeyInput>,
): void {
  const { db } = harness.services.vault.session();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const plain: KeyInput = {
        label: '',
        secret: '',
        environment: 'prod',
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      };
      harness.services.keys.add({ ...plain, ...key(i) }, 'app');
    }
  })();
}

/** Saves the screen as a user sees it, in light and dark, under test-results/screens/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export async function createVault(page: Page): Promise<void> {
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Repeat it').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault is empty' })).toBeVisible();
}

/** Adds a key through the dialog, as a user pasting it would. */
export async function addKey(
  page: Page,
  fields: {
    secret: string;
    label: string;
    provider?: string;
    usedIn?: string;
    tags?: string;
    notes?: string;
    expiresAt?: string;
  },
): Promise<void> {
  await page.getByRole('button', { name: 'Add key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await dialog.getByLabel('Key', { exact: true }).fill(fields.secret);
  await dialog.getByLabel('Label').fill(fields.label);
  if (fields.provider) await dialog.getByLabel('Provider').selectOption({ label: fields.provider });
  if (fields.usedIn) await dialog.getByLabel('Used in').fill(fields.usedIn);
  if (fields.tags) await dialog.getByLabel('Tags').fill(fields.tags);
  if (fields.notes) await dialog.getByLabel('Notes').fill(fields.notes);
  if (fields.expiresAt) await dialog.getByLabel('Expires on').fill(fields.expiresAt);
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog).toBeHidden();
}

/** What the page holds in its stores (through the harness-only read-out). */
export function storeState(page: Page): Promise<unknown> {
  return page.evaluate(() =>
    (globalThis as unknown as { __keywardHarness: { readState: () => unknown } }).__keywardHarness.readState(),
  );
}

/** Presses Tab until `target` has focus (at most `limit` times): proves it is reachable by keyboard. */
export async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element.matches(':focus'))) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}
