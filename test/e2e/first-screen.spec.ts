import { fakeKeys } from '../support/fake-keys.ts';
import { addKeysDirectly, expect, PASSWORD, test } from './fixtures.ts';

// After an unlock the window asks main for the first screen's rows before anything else, paints
// them, and only then asks for every key (and their health): docs/benchmarks.md, issue 19.
const COUNT = 150;

test(`the first screen's keys arrive first, the other ${COUNT - 60} follow`, async ({ app: page, harness }) => {
  await harness.services.vault.create(PASSWORD, 'app');
  addKeysDirectly(harness, COUNT, (i) => ({
    label: `Service key ${String(i).padStart(3, '0')}`,
    secret: fakeKeys.github(`first-${i}`),
    provider: i % 2 ? 'openai' : 'anthropic',
  }));
  harness.services.vault.lock('manual');
  await page.reload();
  harness.log.length = 0;
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Master password').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `${COUNT} keys · 2 providers` })).toBeVisible();

  const calls = harness.log.flatMap((entry) => (entry.kind === 'rpc' ? [entry] : []));
  const lists = calls.filter((call) => call.channel === 'keys.list');
  expect(lists.map((call) => call.input)).toEqual([{ limit: 60, order: 'list' }, undefined]);
  const answered = (index: number) => (lists[index]!.output as { value: unknown[] }).value.length;
  expect([answered(0), answered(1)]).toEqual([60, COUNT]);
  // Nothing else the window loads is answered before the first rows: they are main's first work after the settings.
  const order = calls.map((call) => call.channel);
  expect(
    order
      .slice(0, order.indexOf('keys.list') + 1)
      .filter((channel) => !['vault.unlock', 'vault.status', 'settings.get'].includes(channel)),
  ).toEqual(['keys.list']);
  expect(order.indexOf('health.list')).toBeGreaterThan(order.indexOf('keys.list'));

  // Every key is there: the last one is found by the search the window runs over its own list.
  await page.getByRole('searchbox', { name: 'Search keys' }).fill(`Service key ${COUNT - 1}`);
  await expect(page.locator('.key-row')).toHaveCount(1);
});

test('in the list layout the first rows are the first by name', async ({ app: page, harness }) => {
  await harness.services.vault.create(PASSWORD, 'app');
  harness.services.settings.update({ keyView: 'list' });
  addKeysDirectly(harness, 80, (i) => ({
    label: `${String.fromCharCode(122 - (i % 26))} key ${i}`,
    secret: fakeKeys.github(`list-${i}`),
    provider: i % 2 ? 'openai' : 'anthropic',
  }));
  harness.services.vault.lock('manual');
  await page.reload();
  harness.log.length = 0;
  await page.getByLabel('Master password').fill(PASSWORD);
  await page.getByLabel('Master password').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '80 keys' })).toBeVisible();
  const first = harness.log.find((entry) => entry.kind === 'rpc' && entry.channel === 'keys.list');
  expect(first && first.kind === 'rpc' && first.input).toEqual({ limit: 60, order: 'name' });
  await expect(page.locator('.key-row .key-label').first()).toHaveText(/^a key/);
});
