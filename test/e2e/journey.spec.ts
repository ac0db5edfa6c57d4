import { fakeKeys } from '../support/fake-keys.ts';
import { addKey, expect, PASSWORD, screenshot, storeState, test } from './fixtures.ts';

const openai = fakeKeys.openaiProject('JOURNEY');
const anthropic = fakeKeys.anthropic('JOURNEY');
const stripe = fakeKeys.stripeTest('JOURNEY');
const secrets = [openai, anthropic, stripe];

test('create → add three providers → search → copy → reveal once → lock → unlock', async ({ app: page, harness }) => {
  // Create the vault.
  await expect(page.getByRole('heading', { name: 'Create your Keyward vault' })).toBeVisible();
  await expect(page.getByText('nobody can recover your keys')).toBeVisible();
  await page.getByLabel('Master password').fill('Password1');
  await expect(page.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', /Very weak|Weak/);
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Repeat it').fill('something else');
  await expect(page.getByText('The two passwords differ.')).toBeVisible();
  await screenshot(page, '01-create-vault');
  await page.getByLabel('Repeat it').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();

  // Empty vault tells the user what to do.
  await expect(page.getByRole('heading', { name: 'Your vault is empty' })).toBeVisible();
  await screenshot(page, '02-empty-vault');

  // Paste three keys; each provider is recognised as it is pasted.
  await page.getByRole('button', { name: 'Add your first key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a key' });
  await dialog.getByLabel('Key', { exact: true }).fill(stripe);
  await expect(dialog.getByRole('status').filter({ hasText: 'Recognised' })).toContainText('Stripe');
  await expect(dialog.getByRole('status').filter({ hasText: 'Recognised' })).toContainText('test mode');
  await expect(dialog.getByLabel('Provider')).toHaveValue('stripe');
  await dialog.getByLabel('Label').fill('Shop checkout');
  await dialog.getByLabel('Used in').fill('shop-web, billing-worker');
  await dialog.getByLabel('Tags').fill('payments');
  await screenshot(page, '03-add-key');
  await dialog.getByRole('button', { name: 'Add key' }).click();
  await expect(dialog).toBeHidden();

  await addKey(page, { secret: openai, label: 'Support bot', usedIn: 'helpdesk', tags: 'ai' });
  await addKey(page, { secret: anthropic, label: 'Research agent', notes: 'Read-only workspace key' });

  // Grouped by provider: one card each, with its name and key count.
  const cards = page.locator('section.provider-card');
  await expect(cards).toHaveCount(3);
  for (const provider of ['OpenAI', 'Anthropic', 'Stripe']) {
    await expect(page.getByRole('region', { name: provider })).toContainText('1 key');
  }
  await expect(page.getByRole('region', { name: 'Stripe' })).toContainText('Shop checkout');
  await screenshot(page, '04-cards');

  // Search as you type: label, provider, used-in, notes.
  const search = page.getByRole('searchbox', { name: 'Search keys' });
  await search.fill('helpdesk');
  await expect(cards).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'OpenAI' })).toBeVisible();
  await search.fill('read-only');
  await expect(page.getByRole('region', { name: 'Anthropic' })).toBeVisible();
  await expect(cards).toHaveCount(1);
  await search.fill('stripe');
  await expect(page.getByRole('region', { name: 'Stripe' })).toBeVisible();
  await expect(cards).toHaveCount(1);
  await screenshot(page, '05-search');

  // Copy: main writes the clipboard; the page only hears when it clears.
  await page.getByRole('button', { name: 'Copy Shop checkout' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Shop checkout”' })).toContainText(/clears in (30|29|28) s/);
  expect(harness.clipboard.text()).toBe(stripe);
  expect(Object.keys(harness.clipboard.current)).toContain('electron application/osclipboard;format="x-kde-passwordManagerHint"');
  await expect(page.getByText('Copied just now')).toBeVisible();
  await screenshot(page, '06-copied');
  for (const secret of secrets) expect(harness.sentToPage()).not.toContain(secret);

  // Reveal once: the plaintext reaches the page through keys.reveal only, and leaves with the panel.
  await page.getByRole('button', { name: 'Reveal Shop checkout' }).click();
  const panel = page.getByRole('dialog', { name: 'Shop checkout' });
  await expect(panel.getByLabel('Key')).toHaveText(stripe);
  await expect(panel).toContainText(/Hides in (20|19|18) s/);
  await screenshot(page, '07-reveal');
  harness.clipboard.copyFromElsewhere('something the user copied');
  await panel.getByRole('button', { name: 'Copy and hide' }).click();
  await expect(panel).toBeHidden();
  expect(harness.clipboard.text()).toBe(stripe);
  await expect(page.locator('body')).not.toContainText(stripe);
  const sent = harness.sentToPage({ except: ['keys.reveal'] });
  for (const secret of secrets) expect(sent).not.toContain(secret);
  const reveals = harness.log.filter((entry) => entry.kind === 'rpc' && entry.channel === 'keys.reveal');
  expect(reveals).toHaveLength(1);

  // Lock: back to the unlock screen, with nothing of the vault left in the page.
  await search.fill('');
  await expect(cards).toHaveCount(3);
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Keyward is locked' })).toBeVisible();
  expect(harness.clipboard.text()).toBe('');
  const html = await page.content();
  for (const text of [...secrets, 'Shop checkout', 'Support bot', 'Research agent', 'helpdesk', 'sk_test_', 'sk-proj-']) {
    expect(html).not.toContain(text);
  }
  const state = JSON.stringify(await storeState(page));
  for (const text of [...secrets, 'Shop checkout', 'Support bot', 'Research agent', 'helpdesk', 'Read-only']) {
    expect(state).not.toContain(text);
  }
  await screenshot(page, '08-locked');

  // Unlock: a wrong password first, then the right one. Focus is in the field; Enter submits.
  const password = page.getByLabel('Master password');
  await expect(password).toBeFocused();
  await password.fill('not the password');
  await password.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Wrong master password.');
  await expect(page.getByText('1 wrong attempt since the last unlock.')).toBeVisible();
  await expect(password).toBeFocused();
  await screenshot(page, '09-wrong-password');
  await password.fill(PASSWORD);
  await password.press('Enter');
  await expect(page.getByRole('region', { name: 'Stripe' })).toBeVisible();
  await expect(cards).toHaveCount(3);
});
