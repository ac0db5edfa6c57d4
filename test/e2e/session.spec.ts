import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, PASSWORD, screenshot, storeState, tabTo, test } from './fixtures.ts';

test('settings: clear delay, auto-lock and theme are saved in the vault and used', async ({ app: page, harness }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  const clear = page.getByLabel('Clear a copied key');
  await expect(clear).toHaveValue('30');
  await clear.selectOption({ label: 'After 10 seconds' });
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByLabel('Lock when idle').selectOption({ label: 'After 5 minutes' });
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await screenshot(page, '14-settings');
  expect(harness.services.settings.get()).toMatchObject({ clipboardClearSeconds: 10, autoLockMinutes: 5, theme: 'dark' });

  await page.getByRole('button', { name: 'Keys' }).click();
  await addKey(page, { secret: fakeKeys.github('SET'), label: 'Bot' });
  await page.getByRole('button', { name: 'Copy Bot' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Bot”' })).toContainText(/clears in (10|9) s/);

  // The theme stays on the unlock screen, and everything is back after unlocking.
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Master password').press('Enter');
  await page.getByRole('button', { name: 'Settings' }).first().click();
  await expect(page.getByLabel('Clear a copied key')).toHaveValue('10');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByLabel('Follow the system').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // "System" keeps following the OS while the app is open.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the copy notice counts down live, then says the clipboard was cleared', async ({ page, harness }) => {
  await page.clock.install();
  await page.goto(harness.url);
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('CLK'), label: 'Timer bot' });
  await harness.services.settings.update({ clipboardClearSeconds: 10 });
  await page.getByRole('button', { name: 'Copy Timer bot' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Timer bot' });
  await expect(notice).toContainText('clears in 10 s');
  await page.clock.runFor(4_000);
  await expect(notice).toContainText('clears in 6 s');
  // Main's own timer does the clearing; here it is told to, as its 10 s would pass in real time.
  await harness.services.clipboard.clear('timer');
  await expect(page.getByRole('status').filter({ hasText: 'Clipboard cleared' })).toBeVisible();
  expect(harness.clipboard.text()).toBe('');
});

test('the reveal panel closes when its time is up, and when the window loses focus', async ({ page, harness }) => {
  await page.clock.install();
  await page.goto(harness.url);
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('RVL'), label: 'Agent' });
  const panel = page.getByRole('dialog', { name: 'Agent' });

  await page.getByRole('button', { name: 'Reveal Agent' }).click();
  await expect(panel.getByLabel('Key')).toHaveText(fakeKeys.anthropic('RVL'));
  await page.clock.runFor(19_000);
  await expect(panel).toContainText('Hides in 1 s');
  await page.clock.runFor(1_500);
  await expect(panel).toBeHidden();
  await expect(page.locator('body')).not.toContainText(fakeKeys.anthropic('RVL'));

  await page.getByRole('button', { name: 'Reveal Agent' }).click();
  await expect(panel.getByLabel('Key')).toHaveText(fakeKeys.anthropic('RVL'));
  await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('blur')));
  await expect(panel).toBeHidden();
  // Each reveal was its own audited request.
  const reveals = harness.services.vault
    .session()
    .db.prepare("SELECT count(*) FROM audit_log WHERE action = 'key.revealed'")
    .pluck()
    .get();
  expect(reveals).toBe(2);
  expect(harness.clipboard.log).toEqual([]);
});

test('a lock from main (idle, tray, quit) empties the page and returns to the unlock screen', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('MAIN'), label: 'Night build' });
  await page.getByRole('button', { name: 'Copy Night build' }).click();
  await page.getByRole('button', { name: 'Reveal Night build' }).click();
  await expect(page.getByRole('dialog', { name: 'Night build' }).getByLabel('Key')).toHaveText(fakeKeys.github('MAIN'));

  harness.services.vault.lock('idle');
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
  await expect.poll(() => harness.clipboard.text()).toBe('');
  const html = await page.content();
  expect(html).not.toContain('Night build');
  expect(html).not.toContain(fakeKeys.github('MAIN'));
  expect(JSON.stringify(await storeState(page))).not.toContain('Night build');
});

test('the unlock screen shows the growing wait after repeated wrong passwords', async ({ app: page }) => {
  await createVault(page);
  await page.keyboard.press('Control+L');
  const password = page.getByLabel('Master password');
  for (let attempt = 1; attempt <= 3; attempt++) {
    await password.fill(`wrong ${attempt}`);
    await password.press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByText(/Wait [1-5] s before the next try/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Try again in [1-5] s/ })).toBeDisabled();
  await screenshot(page, '15-throttled');
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible({ timeout: 8_000 });
  await expect(page.getByText('3 wrong attempts since the last unlock.')).toBeVisible();
  await password.fill(PASSWORD);
  await password.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your vault is empty' })).toBeVisible();
});

test('everything works from the keyboard alone', async ({ app: page, harness }) => {
  // Create: focus starts in the password field; Tab to the repeat field; Enter submits.
  await expect(page.getByLabel('Master password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await tabTo(page, page.getByLabel('Repeat it'));
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your vault is empty' })).toBeVisible();

  // Add a key: Tab to the button, Enter; the dialog takes focus; Enter saves.
  await tabTo(page, page.getByRole('button', { name: 'Add key' }).first());
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await expect(dialog.getByLabel('Key', { exact: true })).toBeFocused();
  await page.keyboard.type(fakeKeys.github('KBD'));
  await tabTo(page, dialog.getByLabel('Label'));
  await page.keyboard.type('Keyboard bot');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  // Row actions are reachable and work with Enter.
  await tabTo(page, page.getByRole('button', { name: 'Copy Keyboard bot' }));
  await page.keyboard.press('Enter');
  await expect.poll(() => harness.clipboard.text()).toBe(fakeKeys.github('KBD'));
  await harness.services.clipboard.clear('request');

  // Quick copy, then lock and unlock, without the mouse.
  await page.keyboard.press('Control+K');
  await expect(page.getByRole('combobox', { name: 'Find a key to copy' })).toBeFocused();
  await page.keyboard.type('keyboard');
  // Enter before the palette's first answer arrives chooses nothing (seen on a loaded machine).
  await expect(page.getByRole('option', { name: /Keyboard bot/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => harness.clipboard.text()).toBe(fakeKeys.github('KBD'));
  await page.keyboard.press('Control+F');
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toBeFocused();
  await page.keyboard.press('Control+L');
  await expect(page.getByLabel('Master password')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Keyboard bot')).toBeVisible();
});
