import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { addKey, createVault, expect, screenshot, test } from './fixtures.ts';

test('the quick-copy palette: type, arrow, Enter copies the chosen key', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('PAL1'), label: 'Deploy bot', tags: 'ci' });
  await addKey(page, { secret: fakeKeys.github('PAL2'), label: 'Docs bot', tags: 'ci' });
  await addKey(page, { secret: fakeKeys.stripeLive('PAL3'), label: 'Shop' });

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Quick copy' });
  const input = palette.getByRole('combobox', { name: 'Find a key to copy' });
  await expect(input).toBeFocused();
  await input.fill('ci');
  const options = palette.getByRole('option');
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await screenshot(page, '10-palette');
  await input.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
  const chosen = (await options.nth(1).locator('.palette-label').textContent())!;
  await input.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Copied “${chosen}”` })).toBeVisible();
  expect(harness.clipboard.text()).toBe(chosen === 'Deploy bot' ? fakeKeys.github('PAL1') : fakeKeys.github('PAL2'));

  await page.keyboard.press('Control+K');
  await palette.getByRole('combobox').fill('nothing like this');
  await expect(palette.getByText('No key matches.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();
});

test('delete asks first, naming the key; Cancel keeps it, Delete removes it', async ({ app: page, harness }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('DEL'), label: 'Old agent' });
  await addKey(page, { secret: fakeKeys.github('DEL'), label: 'Keep me' });

  await page.getByRole('button', { name: 'Delete Old agent' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Old agent”?' });
  await expect(confirm).toContainText('The Anthropic key “Old agent”');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await screenshot(page, '11-delete-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Old agent')).toBeVisible();

  await page.getByRole('button', { name: 'Delete Old agent' }).click();
  await confirm.getByRole('button', { name: 'Move to trash' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('region', { name: 'Anthropic' })).toHaveCount(0);
  await expect(page.getByText('Keep me')).toBeVisible();
  expect(harness.services.keys.list().map((key) => key.label)).toEqual(['Keep me']);
});

test('the add and edit dialogs show validation messages next to their fields', async ({ app: page }) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Add key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog.getByText('Paste the key.')).toBeVisible();
  await expect(dialog.getByText('Give the key a label.')).toBeVisible();
  await expect(dialog.getByLabel('Label')).toHaveAttribute('aria-invalid', 'true');

  // A format nobody knows: main refuses without a provider, and says so on the provider field.
  await dialog.getByLabel('Key', { exact: true }).fill(moreFakeKeys.unrecognised('VAL'));
  await expect(dialog.getByText('Keyward does not know this format')).toBeVisible();
  await dialog.getByLabel('Label').fill('Internal API');
  await dialog.getByLabel('Rotate every (days)').fill('0');
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog.getByText('At least 1 day.')).toBeVisible();
  await dialog.getByLabel('Rotate every (days)').fill('90');
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog.getByText('The format is not recognised; choose the provider.')).toBeVisible();
  await expect(dialog.getByLabel('Provider')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, '12-validation');

  // A custom provider gets its own card with a generated monogram.
  await dialog.getByLabel('Provider').selectOption({ label: 'Custom…' });
  await dialog.getByLabel('Custom provider name').fill('Acme Cloud');
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByRole('region', { name: 'Acme Cloud' });
  await expect(card).toContainText('AC');
  await expect(card).toContainText('Rotate in 3 months');

  // Edit: a cleared label is refused in place; a valid edit is saved.
  await page.getByRole('button', { name: 'Edit Internal API' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit “Internal API”' });
  await expect(edit.getByLabel('Label')).toBeFocused();
  await edit.getByLabel('Label').fill('');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByText('Give the key a label.')).toBeVisible();
  await edit.getByLabel('Label').fill('Internal API (v2)');
  await edit.getByLabel('Environment').selectOption('staging');
  await edit.getByLabel('Expires on').fill('2020-01-31');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  await expect(card).toContainText('Internal API (v2)');
  await expect(card).toContainText('staging');
  await expect(card.locator('.chip')).toHaveText(/Expired .* ago/);
});

test('a pasted key that is already stored is pointed out', async ({ app: page }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.stripeLive('DUP'), label: 'Shop live' });
  await page.getByRole('button', { name: 'Add key' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await dialog.getByLabel('Key', { exact: true }).fill(`  "${fakeKeys.stripeLive('DUP')}"  `);
  await expect(dialog.getByText('Already stored as “Shop live”')).toBeVisible();
  await expect(dialog.getByText('Recognised')).toContainText('live');
  await expect(dialog.getByLabel('Environment')).toHaveValue('prod');
});

test('favourites come first and the star says whether it is on', async ({ app: page }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.anthropic('FAV'), label: 'Agent' });
  await addKey(page, { secret: fakeKeys.stripeTest('FAV'), label: 'Shop test' });
  const cards = page.locator('section.provider-card h2');
  await expect(cards).toHaveText(['Anthropic', 'Stripe']);
  const star = page.getByRole('button', { name: 'Favourite Shop test' });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(cards).toHaveText(['Stripe', 'Anthropic']);
});

test('search as you type; a search with no match says so and offers a way back', async ({ app: page }) => {
  await createVault(page);
  await addKey(page, { secret: fakeKeys.github('SRCH'), label: 'Release bot', usedIn: 'release-pipeline' });
  const search = page.getByRole('searchbox', { name: 'Search keys' });
  await search.pressSequentially('pipeline');
  await expect(page.getByText('Release bot')).toBeVisible();
  await search.fill('zebra');
  await expect(page.getByRole('heading', { name: 'No keys match “zebra”' })).toBeVisible();
  await screenshot(page, '13-no-match');
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(search).toHaveValue('');
  await expect(page.getByText('Release bot')).toBeVisible();
});
