import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import { phraseText } from '../../i18n/phrase-text.ts';
import { auditDetail, editedFields } from '../../main/audit/details.ts';
import { appendAudit, listAudit } from '../../main/audit/log.ts';
import { appLike } from '../support/app.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { windowIntl } from '../support/intl.ts';
import { offlineTransport } from '../support/mock-providers.ts';

// The audit log's details are stored as phrases beside their English: the CLI (and the `detail`
// field) keeps the English it always had, the window words the phrase in the reader's language.

const ko = windowIntl('ko');

/** Each entry as the CLI prints its detail and as the Korean window says it, oldest first. */
function said(entries: AuditEntry[]) {
  return entries
    .filter((entry) => entry.detail !== '')
    .reverse()
    .map((entry) => ({
      action: entry.action,
      english: entry.detail,
      korean: entry.detailPhrase ? phraseText(entry.detailPhrase, ko) : null,
    }));
}

describe('audit details as phrases', () => {
  it('keep the English detail the CLI prints, and the Korean window says them in Korean', async () => {
    const app = appLike({ checkTransport: offlineTransport() });
    await app.create();
    const key = await app.api.keys.add({ label: 'Chatbot prod', secret: fakeKeys.openaiProject('AUDP'), environment: 'prod' });
    await app.api.keys.update({ id: key.id, label: 'Chatbot', notes: 'the support bot', expiresAt: app.day(200) });
    await app.api.keys.rotate({ id: key.id, secret: fakeKeys.openaiProject('AUDQ'), keepOldForDays: 7, expiresAt: app.day(300) });
    await app.api.keys.revealHistory({ id: key.id, seq: 1 });
    const backup = await app.api.backups.create();
    await app.api.health.check({ ids: [key.id] });
    await app.api.usage.add({ day: app.day(-1), provider: 'openai', model: 'gpt-9-imaginary', inputTokens: 1_000_000 });
    await app.api.prices.set({ model: 'gpt-9-imaginary', provider: 'openai', input: 2, output: 8 });
    await app.api.budgets.set({ scope: 'total', monthlyUsd: 12.5 });
    await app.api.usage.exportCsv({});
    const preview = await app.api.usage.preview({
      file: { path: join(import.meta.dirname, '..', 'fixtures', 'costs', 'openai-cost.csv') },
    });
    const imported = await app.api.usage.commit({ token: preview.token });
    await app.api.usage.undoImport({ importId: imported.importId! });
    await app.api.keys.remove({ id: key.id });
    await app.api.trash.purge({ ids: [key.id] });

    const revokeBy = app.day(7);
    expect(said(await app.api.audit.list())).toEqual([
      { action: 'key.edited', english: 'label, notes, expiresAt', korean: '이름, 메모, 만료일' },
      {
        action: 'key.rotated',
        english: `old key kept as #1; revoke by ${revokeBy}; expiresAt`,
        korean: `이전 키를 #1로 보관; ${revokeBy}까지 폐기; 만료일 변경`,
      },
      { action: 'key.history-revealed', english: '#1', korean: '#1' },
      { action: 'vault.backup-created', english: backup.name, korean: backup.name },
      { action: 'key.checked', english: 'unreachable', korean: '응답 없음' },
      {
        action: 'usage.added',
        english: `${app.day(-1)} openai gpt-9-imaginary`,
        korean: `${app.day(-1)} openai gpt-9-imaginary`,
      },
      {
        action: 'price.set',
        english: 'gpt-9-imaginary; 1 unpriced records priced',
        korean: 'gpt-9-imaginary; 가격이 없던 레코드 1건에 가격을 매김',
      },
      { action: 'budget.set', english: 'All usage: 12.5 USD a month', korean: '전체 사용량: 월 12.5 USD' },
      { action: 'usage.exported', english: '1 records (all)', korean: '레코드 1건 (전체)' },
      {
        action: 'usage.imported',
        english: 'openai-cost.csv (openai-cost): 4 added, 0 duplicates, 0 skipped',
        korean: 'openai-cost.csv (openai-cost): 4건 추가, 중복 0건, 0건 건너뜀',
      },
      {
        action: 'usage.import-undone',
        english: 'openai-cost.csv: 4 records removed',
        korean: 'openai-cost.csv: 레코드 4건 삭제',
      },
      { action: 'key.purged', english: 'deleted forever', korean: '직접 영구 삭제함' },
    ]);
  });

  it('word every field an edit can change, with the separators in the right places', () => {
    expect(phraseText(auditDetail.keyEdited(['favourite']))).toBe('favourite');
    expect(phraseText(auditDetail.keyEdited([...editedFields]))).toBe(editedFields.join(', '));
    expect(phraseText(auditDetail.keyEdited([...editedFields]), ko)).toBe(
      '이름, 제공업체, 환경, 메모, 사용처, 태그, 만료일, 교체 주기, 즐겨찾기',
    );
    expect(phraseText(auditDetail.keyEdited(['usedIn', 'rotateEveryDays']), ko)).toBe('사용처, 교체 주기');
  });

  it('keep the English of the details the app test does not reach (scan, sync, run, the trash’s own purge)', () => {
    const cases: Array<[ReturnType<typeof auditDetail.name>, string, string]> = [
      [
        auditDetail.scanned(12, ['/home/me/src', '/tmp'], { git: true, shell: false, agents: true }),
        '12 values; /home/me/src, /tmp, git history, coding agents',
        '찾을 값 12개; /home/me/src, /tmp, Git 기록, 코딩 에이전트',
      ],
      [
        auditDetail.scanned(3, [], { git: false, shell: true, agents: true }),
        '3 values; shell histories, coding agents',
        '찾을 값 3개; 셸 기록, 코딩 에이전트',
      ],
      [auditDetail.checked('no-credit', 429), 'no-credit (HTTP 429)', '유효, 크레딧 없음 (HTTP 429)'],
      [auditDetail.purgedExpired(30), 'after 30 days in the trash', '휴지통에서 30일이 지나 삭제됨'],
      [
        auditDetail.keysResolved('run', 'node', [
          { label: 'Stripe test', keyId: 'k1' },
          { label: 'Main', keyId: 'k2' },
        ]),
        'run node: Stripe test (k1), Main (k2)',
        'run node: Stripe test (k1), Main (k2)',
      ],
      [auditDetail.keyRotated(3, null, false), 'old key kept as #3', '이전 키를 #3으로 보관'],
      [auditDetail.priceSet('gpt-4o', 0), 'gpt-4o', 'gpt-4o'],
      [
        auditDetail.budgetSet({ scope: 'key', label: 'Chatbot', monthlyMicros: 1_000_000 }),
        'Chatbot: 1 USD a month',
        'Chatbot: 월 1 USD',
      ],
      [auditDetail.budgetDeleted({ scope: 'total', label: 'All usage' }), 'All usage', '전체 사용량'],
      [auditDetail.usageExported(1200, '2026-11'), '1200 records (2026-11)', '레코드 1200건 (2026-11)'],
      [
        auditDetail.syncAttributed('OpenAI', 'key_abc', 'ci', true),
        'OpenAI key_abc (ci) → this key',
        'OpenAI key_abc (ci) → 이 키',
      ],
      [
        auditDetail.syncAttributed('OpenAI', 'key_abc', '', false),
        'OpenAI key_abc → no vault key',
        'OpenAI key_abc → 보관함 키 없음',
      ],
      [
        auditDetail.syncMatchedAgain('Anthropic', 'apikey_01'),
        'Anthropic apikey_01: matched automatically again',
        'Anthropic apikey_01: 다시 자동으로 일치',
      ],
      [
        auditDetail.synced('OpenAI', {
          from: '2026-11-01',
          to: '2026-11-03',
          added: 12,
          updated: 1,
          removed: 0,
          skippedDays: ['2026-11-02'],
        }),
        'OpenAI 2026-11-01…2026-11-03: 12 added, 1 updated, 0 removed, 1 days owned by an import',
        'OpenAI 2026-11-01…2026-11-03: 12건 추가, 1건 갱신, 0건 삭제, CSV 가져오기 기록을 유지한 날 1일',
      ],
      [
        auditDetail.passwordChangeFinished(),
        'finished at unlock after an interruption',
        '중단된 변경을 잠금 해제 때 마저 완료함',
      ],
      [auditDetail.expiryFromProvider(), 'expiry from the provider', '제공업체가 알려 준 만료일'],
    ];
    for (const [phrase, english, korean] of cases) {
      expect(phraseText(phrase)).toBe(english);
      expect(phraseText(phrase, ko)).toBe(korean);
    }
  });

  it('show an entry from before phrases, or one whose phrase is damaged, by its stored text', async () => {
    const app = appLike();
    await app.create();
    const { db } = app.services.vault.session();
    appendAudit(db, { at: '2026-11-01T00:00:00.000Z', action: 'key.purged', source: 'cli', detail: auditDetail.purgedByUser() });
    db.prepare(
      "INSERT INTO audit_log (at, action, source, detail) VALUES ('2026-11-02T00:00:00.000Z', 'key.edited', 'app', 'label')",
    ).run();
    db.prepare(
      "INSERT INTO audit_log (at, action, source, detail, detail_phrase) VALUES ('2026-11-03T00:00:00.000Z', 'key.edited', 'app', 'notes', '{\"id\": 7}')",
    ).run();
    const [damaged, old, fresh] = listAudit(db, { limit: 3 });
    expect(fresh).toMatchObject({ detail: 'deleted forever', detailPhrase: { id: 'audit.detail.purgedByUser' } });
    expect(old).toMatchObject({ detail: 'label', detailPhrase: null });
    expect(damaged).toMatchObject({ detail: 'notes', detailPhrase: null });
  });
});
