import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeywardError } from '../../contract/errors.ts';
import type { DueItem } from '../../contract/reminders.ts';
import { costAlertNotice } from '../../main/costs/alerts.ts';
import { rememberChromiumLanguage, rememberedChromiumLanguage } from '../../main/chromium-language.ts';
import { createMainIntl, followLanguage, mainIntl, setMainLocale } from '../../main/i18n.ts';
import { dueSummary, noticeFor, summaryNotice } from '../../main/reminders/notices.ts';
import { copiedBody, copyFailedBody, TrayController } from '../../main/tray/controller.ts';
import { buildTrayModel, type TrayItem, type TrayModel, type TrayState } from '../../main/tray/menu.ts';
import { appLike } from '../support/app.ts';
import { tempDir } from '../support/temp.ts';
import { PASSWORD } from '../support/vault.ts';

const en = createMainIntl('en');
const ko = createMainIntl('ko');

function outline(items: TrayItem[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  return items.flatMap((item) => {
    if (item.kind === 'separator') return [`${pad}---`];
    if (item.kind === 'label') return [`${pad}(${item.label})`];
    if (item.kind === 'action') return [`${pad}${item.label}`];
    return [`${pad}${item.label} >`, ...outline(item.items, depth + 1)];
  });
}

const due = (over: Partial<DueItem>): DueItem => ({
  keyId: 'k1',
  label: 'Chatbot prod',
  provider: 'openai',
  environment: 'prod',
  reason: 'expiry',
  historySeq: 0,
  dueDate: '2026-12-05',
  daysLeft: 1,
  tone: 'soon',
  summary: 'Expires tomorrow',
  interval: null,
  snoozedUntil: null,
  ...over,
});

const unlocked = (over: Partial<TrayState>): TrayState => ({
  vault: 'unlocked',
  favourites: [],
  recent: [],
  attention: [],
  ...over,
});

afterEach(() => setMainLocale('en'));

describe('the tray menu in Korean and English', () => {
  it('locked', () => {
    const korean = buildTrayModel({ vault: 'locked', favourites: [], recent: [], attention: [] }, ko);
    expect(korean.tooltip).toBe('Keyward: 잠김');
    expect(outline(korean.items)).toEqual(['(Keyward 잠김)', '---', '키 복사…', '---', 'Keyward 열기', 'Keyward 종료']);
  });

  it('unlocked with attention: counts without "1 keys", day words from the locale', () => {
    const state = unlocked({
      favourites: [{ id: 'f', label: 'Support bot', provider: 'anthropic' }],
      attention: [due({}), due({ keyId: 'k2', label: 'Old token', reason: 'rotation', daysLeft: -3, tone: 'due' })],
    });
    const korean = buildTrayModel(state, ko);
    expect(korean.tooltip).toBe('Keyward: 주의가 필요한 키 2개');
    expect(outline(korean.items)).toEqual([
      '(Keyward 잠금 해제됨)',
      '---',
      '즐겨찾기 복사 >',
      '  (Anthropic)',
      '  Support bot',
      '---',
      '주의 필요 (2) >',
      '  Chatbot prod: 내일 만료',
      '  Old token: 교체 기한 3일 지남',
      '---',
      '지금 잠그기',
      'Keyward 열기',
      'Keyward 종료',
    ]);
    const english = buildTrayModel(state, en);
    expect(english.tooltip).toBe('Keyward: 2 keys need attention');
    expect(outline(english.items)).toContain('  Old token: Rotation overdue by 3 days');
    expect(buildTrayModel(unlocked({ attention: [due({})] }), en).tooltip).toBe('Keyward: 1 key needs attention');
    expect(buildTrayModel(unlocked({ attention: [due({})] }), ko).tooltip).toBe('Keyward: 주의가 필요한 키 1개');
  });
});

describe('notifications in Korean and English', () => {
  it('a copy: the particle follows how the inserted label is read', () => {
    expect(copiedBody('Support bot', 30_000, ko)).toBe('Support bot을 복사했습니다. 30초 후 지워집니다.');
    expect(copiedBody('OpenAI', 30_000, ko)).toBe('OpenAI를 복사했습니다. 30초 후 지워집니다.');
    expect(copiedBody('Google', null, ko)).toBe('Google을 복사했습니다. 클립보드는 자동으로 지워지지 않습니다.');
    expect(copiedBody('결제 키', 20_000, ko)).toBe('결제 키를 복사했습니다. 20초 후 지워집니다.');
    expect(copiedBody('Support bot', 30_000, en)).toBe('Copied Support bot — clears in 30 s');
  });

  it('reminders: relative days, plural counts and dates as the locale writes them', () => {
    expect(dueSummary({ reason: 'rotation', daysLeft: -1 }, en)).toBe('Rotation overdue by 1 day');
    expect(dueSummary({ reason: 'rotation', daysLeft: -2 }, en)).toBe('Rotation overdue by 2 days');
    expect(dueSummary({ reason: 'expiry', daysLeft: 0 }, en)).toBe('Expires today');
    expect(dueSummary({ reason: 'expiry', daysLeft: 10 }, en)).toBe('Expires in 10 days');
    expect(dueSummary({ reason: 'expiry', daysLeft: -1 }, ko)).toBe('어제 만료됨');
    expect(dueSummary({ reason: 'revoke', daysLeft: 3 }, ko)).toBe('3일 후 이전 키 폐기');
    expect(dueSummary({ reason: 'expiry', daysLeft: 2 }, ko)).toBe('2일 후 만료');
    expect(dueSummary({ reason: 'expiry', daysLeft: 1 }, ko)).toBe('내일 만료');
    const korean = noticeFor(due({ daysLeft: 0 }), ko);
    expect(korean).toEqual({
      title: 'Chatbot prod: 오늘 만료',
      body: 'OpenAI · prod · 2026. 12. 5.까지. Keyward를 열어 교체하거나 새 키로 바꾸십시오.',
    });
    expect(noticeFor(due({ daysLeft: 0 }), en).body).toBe(
      'OpenAI · prod · due Dec 5, 2026. Open Keyward to rotate or replace it.',
    );
    expect(summaryNotice(['A', 'B', 'C', 'D', 'E'], ko)).toEqual({
      title: '주의가 필요한 키 5개',
      body: 'A, B, C 외 2개. Keyward를 열어 확인하십시오.',
    });
    expect(summaryNotice(['A', 'B', 'C', 'D'], en)).toEqual({
      title: '4 keys need attention',
      body: 'A, B, C and 1 more. Open Keyward to see them.',
    });
  });

  it('cost alerts: dollars, months and days in the locale', () => {
    const budget = {
      kind: 'budget',
      budgetId: 'b',
      scope: 'total',
      label: 'All usage',
      keyInTrash: false,
      month: '2026-11',
      threshold: 80,
      spentMicros: 8_125_000,
      limitMicros: 10_000_000,
    } as const;
    expect(costAlertNotice(budget, ko)).toEqual({
      title: '예산 “전체 사용량”: 80% 도달',
      body: '2026년 11월 사용액 US$8.13 / 예산 US$10.00.',
    });
    expect(costAlertNotice(budget, en).body).toBe('$8.13 of $10.00 spent in November 2026.');
    expect(costAlertNotice(budget, en).title).toBe('Budget “All usage”: 80 % reached');
    const trashed = { ...budget, scope: 'key', label: 'Old bot', keyInTrash: true } as const;
    expect(costAlertNotice(trashed, en).title).toBe('Budget “Old bot (in trash)”: 80 % reached');
    expect(costAlertNotice(trashed, ko).title).toBe('예산 “Old bot (휴지통)”: 80% 도달');
    const spike = { kind: 'spike', day: '2026-11-20', costMicros: 42_000_000, medianMicros: 1_500_000 } as const;
    expect(costAlertNotice(spike, ko).title).toBe('2026. 11. 20. 지출 급증');
    expect(costAlertNotice(spike, ko).body).toMatch(/^US\$42\.00: 평소 하루 US\$1\.50의 \d+배를 넘었습니다\.$/);
  });
});

describe('the language main speaks', () => {
  const apps: Array<ReturnType<typeof appLike>> = [];
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    for (const app of apps.splice(0)) app.services.vault.lock('quit');
  });

  function trayed(preferred: string[]) {
    const app = appLike();
    apps.push(app);
    stops.push(followLanguage({ ...app.services, preferred: () => preferred }));
    const rendered: TrayModel[] = [];
    const tray = new TrayController({
      ...app.services,
      notifications: app.notifications,
      host: { showWindow: () => {}, quit: () => {} },
      render: (model) => rendered.push(model),
      copy: async () => ({ label: '', clearAfterMs: null }),
    });
    tray.attach();
    stops.push(() => tray.detach());
    return { app, rendered, first: () => outline(rendered.at(-1)!.items)[0] };
  }

  it('follows the OS before unlock, then the setting, re-rendering the tray at once; a lock keeps the choice', async () => {
    const t = trayed(['ko-KR', 'en-US']);
    expect(mainIntl().locale).toBe('ko-KR');
    expect(t.first()).toBe('(보관함 없음)');
    await t.app.create();
    expect(t.first()).toBe('(Keyward 잠금 해제됨)');
    const before = t.rendered.length;
    await t.app.api.settings.update({ language: 'en' });
    // English chosen: dates follow the OS's English tag further down its list.
    expect(mainIntl().locale).toBe('en-US');
    expect(t.rendered.length).toBeGreaterThan(before);
    expect(t.first()).toBe('(Keyward is unlocked)');
    t.app.services.vault.lock('manual');
    expect(t.first()).toBe('(Keyward is locked)');
    await t.app.api.vault.unlock({ password: PASSWORD });
    await t.app.api.settings.update({ language: 'system' });
    expect(t.first()).toBe('(Keyward 잠금 해제됨)');
  });

  it('an OS language Keyward does not speak gives English', () => {
    const t = trayed(['fr-FR', 'de']);
    expect(mainIntl().locale).toBe('en');
    expect(t.first()).toBe('(No vault yet)');
  });

  it('dates and amounts follow the OS region within the language, as in the window', () => {
    trayed(['en-GB']);
    expect(mainIntl().locale).toBe('en-GB');
    expect(noticeFor(due({ daysLeft: 0 })).body).toBe('OpenAI · prod · due 5 Dec 2026. Open Keyward to rotate or replace it.');
    expect(costAlertNotice({ kind: 'spike', day: '2026-11-20', costMicros: 42_000_000, medianMicros: 1_500_000 }).body).toMatch(
      /^US\$42\.00, above \d+ × the usual US\$1\.50 a day\.$/,
    );
  });

  it('remembers the chosen language for Chromium’s own controls at the next start; following the OS remembers nothing', async () => {
    const profile = tempDir();
    const app = appLike();
    apps.push(app);
    stops.push(
      followLanguage({
        ...app.services,
        preferred: () => ['en-US'],
        onChoice: (choice) => rememberChromiumLanguage(profile, choice),
      }),
    );
    expect(rememberedChromiumLanguage(profile)).toBeNull();
    await app.create();
    expect(rememberedChromiumLanguage(profile)).toBeNull();
    await app.api.settings.update({ language: 'ko' });
    expect(rememberedChromiumLanguage(profile)).toBe('ko');
    expect(readFileSync(join(profile, 'keyward-language'), 'utf8')).toBe('ko\n');
    await app.api.settings.update({ language: 'system' });
    expect(rememberedChromiumLanguage(profile)).toBeNull();
    // A file that is not a language Keyward speaks is ignored, not passed to Chromium.
    writeFileSync(join(profile, 'keyward-language'), '--no-sandbox');
    expect(rememberedChromiumLanguage(profile)).toBeNull();
  });

  it('a failed tray copy says why in the language in force: main’s message in English, the cause in Korean', () => {
    const gone = new KeywardError('NotFound', 'No key with that id.');
    expect(copyFailedBody(gone, createMainIntl('en'))).toBe('No key with that id.');
    expect(copyFailedBody(gone, createMainIntl('ko'))).toBe('그 키는 더 이상 보관함에 없습니다.');
    expect(copyFailedBody(new KeywardError('Internal', 'Something went wrong.'), createMainIntl('ko'))).toBe(
      'Keyward를 열어 이유를 확인하십시오.',
    );
    expect(copyFailedBody(new Error('EACCES /dev/clipboard'), createMainIntl('ko'))).toBe('클립보드에 쓸 수 없습니다.');
  });
});
