import { keysContract } from '../../contract/keys.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createVault, expect, PASSWORD, screenshot, test } from './fixtures.ts';

/*
 * The window's language: the Settings choice switches it at once and the locked screens keep it;
 * "Follow the system" takes the browser's (the OS's) language; dates and relative times follow it.
 * Only screens translated in this branch are read in Korean here (shell, settings, trash, audit,
 * the vault screens).
 */

test('choosing 한국어 in Settings switches the window at once, and the unlock screen after a lock stays Korean', async ({
  app: page,
  harness,
}) => {
  await createVault(page);
  await page.getByRole('button', { name: 'Settings' }).first().click();
  const language = page.getByLabel('Language');
  await expect(language).toHaveValue('system');
  // Each language is offered in its own name.
  await expect(language.locator('option')).toHaveText(['Follow the system', 'English', '한국어']);

  await language.selectOption({ label: '한국어' });
  // No reload: the same page now speaks Korean, the choice is saved in the vault.
  await expect(page.getByRole('heading', { name: '설정', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('navigation', { name: '섹션' }).getByRole('button', { name: '휴지통' })).toBeVisible();
  await expect(page.getByLabel('언어')).toHaveValue('ko');
  await expect(page.getByText('저장했습니다.')).toBeVisible();
  expect(harness.services.settings.get().language).toBe('ko');

  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Keyward가 잠겨 있습니다' })).toBeVisible();
  await expect(page.getByRole('button', { name: '잠금 해제' })).toBeVisible();
  // A reload of the locked window (the vault's settings cannot be read) still speaks Korean.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Keyward가 잠겨 있습니다' })).toBeVisible();

  // A wrong password is said in Korean too (main's WrongPassword, by its code).
  await page.getByLabel('마스터 비밀번호').fill('not the password');
  await page.getByLabel('마스터 비밀번호').press('Enter');
  await expect(page.getByRole('alert')).toHaveText('마스터 비밀번호가 틀렸습니다.');
  await expect(page.getByText('마지막 잠금 해제 후 1번 잘못 입력했습니다.')).toBeVisible();

  await page.getByLabel('마스터 비밀번호').fill(PASSWORD);
  await page.getByLabel('마스터 비밀번호').press('Enter');
  await page.getByRole('button', { name: '설정' }).first().click();
  // And back to English, at once.
  await page.getByLabel('언어').selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('with a Korean OS', () => {
  // The smallest window Keyward supports: Korean text must fit it (screenshots under test-results/screens/).
  test.use({ locale: 'ko-KR', viewport: { width: 800, height: 600 } });

  test('"Follow the system" opens the app in Korean, from the first screen', async ({ app: page, harness }) => {
    await expect(page.getByRole('heading', { name: 'Keyward 보관함 만들기' })).toBeVisible();
    await screenshot(page, 'ko-create-vault');
    await page.getByLabel('마스터 비밀번호').fill(PASSWORD);
    await page.getByLabel('다시 입력').fill(PASSWORD);
    await page.getByRole('button', { name: '보관함 만들기' }).click();
    await expect(page.getByRole('navigation', { name: '섹션' })).toBeVisible();
    expect(harness.services.settings.get().language).toBe('system');
    await page.getByRole('button', { name: '설정' }).first().click();
    await expect(page.getByLabel('언어')).toHaveValue('system');
    await expect(page.getByLabel('언어').locator('option:checked')).toHaveText('시스템 설정 따르기');
    await screenshot(page, 'ko-settings');
    await page.keyboard.press('Control+L');
    await expect(page.getByRole('heading', { name: 'Keyward가 잠겨 있습니다' })).toBeVisible();
    await screenshot(page, 'ko-unlock');
  });

  test('dates and relative times are Korean: the trash and the audit log', async ({ app: page, harness }) => {
    await page.getByLabel('마스터 비밀번호').fill(PASSWORD);
    await page.getByLabel('다시 입력').fill(PASSWORD);
    await page.getByRole('button', { name: '보관함 만들기' }).click();
    await expect(page.getByRole('navigation', { name: '섹션' })).toBeVisible();
    harness.services.keys.add(keysContract.add.input.parse({ secret: fakeKeys.github('KOR'), label: 'Deploy bot' }), 'app');
    harness.services.keys.remove(harness.services.keys.list()[0]!.id, 'cli');

    // Three days on: the trash says how long ago, in Korean words, and the purge day in Korean order.
    await page.clock.setFixedTime(Date.now() + 3 * 86_400_000 + 60_000);
    await page.getByRole('button', { name: '휴지통' }).click();
    const row = page.getByRole('list', { name: '휴지통의 키' }).getByRole('listitem', { name: 'Deploy bot' });
    await expect(row).toContainText('3일 전 삭제됨');
    await expect(row).toContainText(/\d{4}\. \d{1,2}\. \d{1,2}\.에 영구 삭제/);
    await expect(page.getByText('삭제한 키는 교체 기록과 함께 30일 동안')).toBeVisible();
    await screenshot(page, 'ko-trash');

    await page.getByRole('button', { name: '감사 로그' }).click();
    const created = page.getByRole('row').filter({ hasText: '보관함 생성' });
    await expect(created).toContainText(/\d{4}\. \d{1,2}\. \d{1,2}\. (오전|오후) \d{1,2}:\d{2}/);
    await expect(created).toContainText('3일 전');
    await expect(created).toContainText('앱');
    await expect(page.getByRole('status').filter({ hasText: '최신순' })).toHaveText(/항목 \d+개, 최신순입니다\./);
    await screenshot(page, 'ko-audit');
  });
});
