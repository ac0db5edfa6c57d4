import type { Locator, Page } from '@playwright/test';
import { addDays, localDay } from '../../contract/days.ts';
import { keysContract } from '../../contract/keys.ts';
import type { Harness } from '../harness/server.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createVault, expect, screenshot, test } from './fixtures.ts';

// The keys screens in Korean, and the Enter handlers of the key list and quick copy with an input
// method: the Enter that confirms a Korean syllable must not copy a key.

function seed(harness: Harness, keys: Array<Record<string, unknown>>): void {
  for (const key of keys) harness.services.keys.add(keysContract.add.input.parse(key), 'app');
}

/** Which keys the page asked main to copy, in order. */
function copiedIds(harness: Harness): unknown[] {
  return harness.log
    .filter((entry) => entry.kind === 'rpc' && entry.channel === 'clipboard.copyKey')
    .map((entry) => (entry.kind === 'rpc' ? (entry.input as { id: string }).id : null));
}

/**
 * An Enter keydown as Chromium sends it while an input method composes: with isComposing, or
 * (on the keydown that ends a composition) with keyCode 229. Playwright's keyboard cannot set
 * either, so the event is dispatched as the browser would deliver it.
 */
async function composingEnter(target: Locator, form: 'isComposing' | 'keyCode229'): Promise<void> {
  await target.dispatchEvent('keydown', {
    key: 'Enter',
    code: 'Enter',
    ...(form === 'isComposing' ? { isComposing: true } : { keyCode: 229 }),
  });
}

async function seedThree(page: Page, harness: Harness): Promise<Record<string, string>> {
  await createVault(page);
  const yesterday = addDays(localDay(new Date()), -1);
  seed(harness, [
    { secret: fakeKeys.github('IME1'), label: 'Deploy bot' },
    { secret: fakeKeys.github('IME2'), label: 'Docs bot' },
    { secret: fakeKeys.stripeLive('IME3'), label: 'Shop live', expiresAt: yesterday },
  ]);
  await page.reload(); // still unlocked: the page loads the seeded keys
  await expect(page.locator('.key-row')).toHaveCount(3);
  return Object.fromEntries(harness.services.keys.list().map((key) => [key.label, key.id]));
}

test('a composing Enter on a key row copies nothing; a plain Enter copies the row’s key', async ({ app: page, harness }) => {
  const ids = await seedThree(page, harness);
  const row = page.locator('[data-key-row]', { hasText: 'Deploy bot' });
  await row.focus();

  await composingEnter(row, 'isComposing');
  await composingEnter(row, 'keyCode229');
  await expect(row).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Deploy bot”' })).toBeVisible();
  // The page asked for one copy, the plain Enter's: the two composing ones asked for none.
  expect(copiedIds(harness)).toEqual([ids['Deploy bot']]);
  expect(harness.clipboard.text()).toBe(fakeKeys.github('IME1'));
});

test('a composing Enter in quick copy leaves the palette open and copies nothing; a plain Enter copies', async ({
  app: page,
  harness,
}) => {
  const ids = await seedThree(page, harness);
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Quick copy' });
  const input = palette.getByRole('combobox', { name: 'Find a key to copy' });
  await input.fill('docs');
  await expect(palette.getByRole('option')).toHaveCount(1);

  await composingEnter(input, 'isComposing');
  await expect(palette).toBeVisible();
  await composingEnter(input, 'keyCode229');
  await expect(palette).toBeVisible();
  await expect(input).toHaveValue('docs');
  expect(copiedIds(harness)).toEqual([]);

  await input.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Docs bot”' })).toBeVisible();
  expect(copiedIds(harness)).toEqual([ids['Docs bot']]);
});

test('in Korean: counts, status chips, particles after Latin labels and dates read as Korean', async ({ app: page, harness }) => {
  await seedThree(page, harness);
  harness.services.settings.update({ language: 'ko' });
  await page.reload();

  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  // Counted nouns: "키 3개 · 제공업체 2곳", and "키 2개" on the GitHub card.
  await expect(page.locator('.view-summary')).toHaveText('키 3개 · 제공업체 2곳');
  const github = page.getByRole('region', { name: 'GitHub' });
  await expect(github.locator('.count')).toHaveText('키 2개');
  await expect(page.getByRole('list', { name: 'GitHub 키' })).toBeVisible();

  // The particle follows how the label is read: "bot" closes its syllable (을), "live" does not (를).
  await expect(page.getByRole('button', { name: 'Deploy bot을 복사', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Shop live를 복사', exact: true })).toBeVisible();

  // The expired key: its chip, the Needs attention list, and its environment badge.
  const shop = page.locator('.key-row', { hasText: 'Shop live' });
  await expect(shop.locator('.key-title .chip')).toHaveText('어제 만료됨');
  const attention = page.getByRole('region', { name: /주의 필요/ });
  await expect(attention.locator('.attention-item .chip')).toHaveText('어제 만료됨');
  await expect(attention.locator('.attention-item')).toContainText('Stripe · 운영 · ');
  await expect(attention.getByRole('button', { name: 'Shop live를 교체' })).toBeVisible();
  // At the smallest window size Keyward supports, for a look at Korean line breaks and clipping.
  await page.setViewportSize({ width: 800, height: 600 });
  await screenshot(page, 'ko-keys');

  // Dates in the Korean style, in the details under the row.
  await shop.getByRole('button', { name: 'Shop live 세부 정보' }).click();
  await expect(shop.locator('.key-facts')).toContainText('마지막 복사');
  await expect(shop.locator('.key-facts')).toContainText(/\d{4}년 \d{1,2}월 \d{1,2}일/);

  // The delete question puts the particle after the quoted label.
  await shop.getByRole('button', { name: 'Shop live를 삭제' }).click();
  const confirm = page.getByRole('alertdialog', { name: '“Shop live”를 삭제하시겠습니까?' });
  await expect(confirm).toContainText('30일 후 영구 삭제됩니다');
  await screenshot(page, 'ko-delete');
  await confirm.getByRole('button', { name: '취소' }).click();
  await expect(confirm).toBeHidden();

  // Search: the summary says how many match, in Korean.
  await page.getByRole('button', { name: 'Shop live를 교체' }).first().click();
  const rotate = page.getByRole('dialog', { name: '“Shop live”를 교체' });
  await expect(rotate).toContainText('Stripe에서 새 키를 만드십시오.');
  await expect(rotate.getByLabel('이전 키를 계속 유효하게 두시겠습니까?')).toContainText('7일 동안');
  await screenshot(page, 'ko-rotate');
  // Main's refusal, said in Korean beside the field: the key pasted is the one already stored.
  await rotate.getByLabel('새 키', { exact: true }).fill(fakeKeys.stripeLive('IME3'));
  await rotate.getByRole('button', { name: '키 교체' }).click();
  await expect(rotate.getByText('이미 저장된 키입니다. 새 키를 붙여 넣으십시오.')).toBeVisible();
  await rotate.getByRole('button', { name: '취소' }).click();

  await page.getByRole('searchbox').fill('bot');
  await expect(page.locator('.view-summary')).toHaveText('“bot” 검색 결과: 키 2개 · 제공업체 1곳');

  // A pasted key is recognised in Korean words: the provider, the kind of key, the mode.
  await page.getByRole('button', { name: '키 추가' }).first().click();
  const add = page.getByRole('dialog', { name: '키 추가' });
  await add.getByLabel('키', { exact: true }).fill(fakeKeys.stripeTest('IME4'));
  await expect(add.getByRole('status').filter({ hasText: '인식됨' })).toHaveText('인식됨: Stripe 비밀 키 · 테스트 모드');
  await add.getByRole('button', { name: '취소' }).click();
});
