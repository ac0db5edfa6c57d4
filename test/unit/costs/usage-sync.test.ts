import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderClient, retryAfterMs, SyncFailure } from '../../../main/costs/sync/client.ts';
import { matchKey, redactedAgrees } from '../../../main/costs/sync/attribution.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { appLike } from '../../support/app.ts';
import { windowIntl } from '../../support/intl.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { offlineTransport, startMockProviders, type MockProviders } from '../../support/mock-providers.ts';
import { tempDir } from '../../support/temp.ts';
import {
  anthropicKey,
  completions,
  fakeAdminKeys,
  messages,
  openaiCost,
  openaiProjectKey,
  openrouterKey,
  replayUsageApis,
  type UsageApis,
} from '../../support/usage-apis.ts';

// Usage sync against a local HTTPS server replaying the providers' documented usage APIs
// (workflow-research.md §4). The clock stands at 2026-11-27 12:00 UTC: a first sync asks for
// 2026-10-29 … 2026-11-27. Nothing here reaches the network.
const SECRETS = {
  openaiAdmin: fakeAdminKeys.openai('sync'),
  anthropicAdmin: fakeAdminKeys.anthropic('sync'),
  chatbot: openaiProjectKey('bot', 'Wxyz'),
  batchJobs: openaiProjectKey('jobs', 'Qrst'),
  claude: anthropicKey('claude', 'Cd12'),
  router: openrouterKey('aa11'),
  routerDead: openrouterKey('bb22'),
};
const ALL_SECRETS = Object.values(SECRETS);
const ko = windowIntl('ko');

let mock: MockProviders;
let apis: UsageApis;
beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
beforeEach(() => {
  apis = replayUsageApis(mock);
});
afterEach(() => {
  mock.routes.clear();
  mock.seen.length = 0;
});

async function vault(transport = mock.transport(), dataDir = tempDir()) {
  const app = appLike({ checkTransport: transport, clock: new ManualClock('2026-11-27T12:00:00.000Z'), dataDir });
  await app.create();
  const add = (label: string, secret: string, provider: string) => app.api.keys.add({ label, secret, provider });
  const ids = {
    openaiAdmin: (await add('OpenAI admin', SECRETS.openaiAdmin, 'openai')).id,
    anthropicAdmin: (await add('Anthropic admin', SECRETS.anthropicAdmin, 'anthropic')).id,
    chatbot: (await add('Chatbot prod', SECRETS.chatbot, 'openai')).id,
    batchJobs: (await add('Batch jobs', SECRETS.batchJobs, 'openai')).id,
    claude: (await add('Claude support', SECRETS.claude, 'anthropic')).id,
  };
  return { ...app, ids };
}

function openaiDocumentedUsage(): void {
  apis.openaiCompletions.set('2026-11-25', [
    completions({
      model: 'gpt-4o-mini-2024-07-18',
      api_key_id: 'key_FAKEbot',
      input_tokens: 1_000_000,
      input_cached_tokens: 200_000,
      output_tokens: 100_000,
      num_model_requests: 40,
    }),
    completions({
      model: 'gpt-4o-mini-2024-07-18',
      api_key_id: 'key_FAKEjobs',
      input_tokens: 2_000_000,
      output_tokens: 0,
      num_model_requests: 5,
      batch: true,
    }),
  ]);
  apis.openaiCompletions.set('2026-11-27', [
    completions({
      model: 'gpt-4o-mini-2024-07-18',
      api_key_id: 'key_FAKEbot',
      input_tokens: 10_000,
      output_tokens: 1_000,
      num_model_requests: 3,
    }),
  ]);
  apis.openaiEmbeddings.set('2026-11-26', [
    {
      object: 'organization.usage.embeddings.result',
      input_tokens: 500_000,
      num_model_requests: 12,
      project_id: 'proj_FAKEa',
      user_id: null,
      api_key_id: 'key_FAKEbot',
      model: 'text-embedding-3-small',
    },
  ]);
  apis.openaiCosts.set('2026-11-25', [openaiCost(0.41)]);
  apis.openaiCosts.set('2026-11-27', [openaiCost(0.0021)]);
  // Redacted as OpenAI shows them: a few characters of the start and the last four.
  apis.openaiProjectKeys.set('proj_FAKEa', [
    {
      object: 'organization.project.api_key',
      id: 'key_FAKEbot',
      name: 'chatbot',
      redacted_value: `${SECRETS.chatbot.slice(0, 11)}...${SECRETS.chatbot.slice(-4)}`,
      created_at: 1_790_000_000,
      last_used_at: 1_790_000_000,
      owner: { type: 'service_account' },
    },
    {
      object: 'organization.project.api_key',
      id: 'key_FAKEjobs',
      name: 'Batch jobs',
      redacted_value: `${SECRETS.batchJobs.slice(0, 11)}...${SECRETS.batchJobs.slice(-4)}`,
      created_at: 1_790_000_000,
      last_used_at: null,
      owner: { type: 'user' },
    },
  ]);
}

function expectNoSecretIn(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of ALL_SECRETS) expect(text.includes(secret), 'a secret in a result').toBe(false);
}

describe('OpenAI usage and costs', () => {
  it('a first sync pages through 30 days of buckets, prices each key’s tokens and keeps OpenAI’s billed total beside them', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    await expect(app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.chatbot })).rejects.toThrow(
      /not an admin key for OpenAI/,
    );
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    const run = await app.api.usageSync.sync({});
    expectNoSecretIn(run);
    const [result] = run.results;
    expect(result).toMatchObject({
      provider: 'openai',
      state: 'ok',
      from: '2026-10-29',
      to: '2026-11-27',
      daysFetched: 30,
      added: 4,
      updated: 0,
      skippedDays: [],
      billedMicros: 412_100,
      cursor: '2026-11-27',
    });
    // What the sync did, in the CLI's English and the window's Korean; the status keeps it as a phrase.
    expect(phraseText(result!.message)).toBe(
      'OpenAI: 30 days fetched, 4 added, 0 updated; OpenAI billed $0.41; the records come to $0.35.',
    );
    expect(phraseText(result!.message, ko)).toBe(
      'OpenAI: 30일 가져옴, 4건 추가, 0건 갱신; OpenAI 청구액 US$0.41, 레코드 합계 US$0.35.',
    );
    const stored = (await app.api.usageSync.status()).sources.find((s) => s.provider === 'openai')!.last!;
    expect(stored.message).toEqual(result!.message);

    // Only the admin key, only api.openai.com, daily buckets grouped as documented, every page followed.
    expect(new Set(mock.seen.map((r) => r.host))).toEqual(new Set(['api.openai.com']));
    expect(new Set(mock.seen.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${SECRETS.openaiAdmin}`]));
    const completionPages = mock.seen.filter((r) => r.path.startsWith('/v1/organization/usage/completions'));
    expect(completionPages).toHaveLength(3);
    const first = new URL(`https://x${completionPages[0]!.path}`).searchParams;
    expect(first.get('bucket_width')).toBe('1d');
    expect(first.get('start_time')).toBe(String(Date.parse('2026-10-29T00:00:00Z') / 1000));
    expect(first.get('end_time')).toBe(String(Date.parse('2026-11-28T00:00:00Z') / 1000));
    expect(first.getAll('group_by[]')).toEqual(['model', 'api_key_id', 'project_id', 'batch']);
    expect(new URL(`https://x${completionPages[2]!.path}`).searchParams.get('page')).toBe('20');

    const { records } = await app.api.usage.list({ provider: 'openai' });
    const bot = records.find((r) => r.day === '2026-11-25' && r.keyId === app.ids.chatbot)!;
    expect(bot).toMatchObject({
      model: 'gpt-4o-mini',
      inputTokens: 1_000_000,
      cachedTokens: 200_000,
      outputTokens: 100_000,
      requests: 40,
      costBasis: 'computed',
      source: 'sync:openai',
    });
    // gpt-4o-mini: $0.15 in, $0.075 cached, $0.60 out per 1M → 0.12 + 0.015 + 0.06.
    expect(bot.costMicros).toBe(195_000);
    const batch = records.find((r) => r.keyId === app.ids.batchJobs)!;
    expect(batch.pricesUsed?.adjustments).toEqual(['batch']);
    expect(batch.costMicros).toBe(150_000);
    // Attribution: the redacted value agrees with the vault key's masked value.
    const links = await app.api.usageSync.links({ provider: 'openai' });
    expect(links.map((l) => [l.apiKeyId, l.keyLabel, l.matchedOn])).toEqual([
      ['key_FAKEjobs', 'Batch jobs', 'redacted-value'],
      ['key_FAKEbot', 'Chatbot prod', 'redacted-value'],
    ]);
    expectNoSecretIn(links);
  });

  it('a result stored before results were phrases still reads: its English as it was, no notes', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    const [result] = (await app.api.usageSync.sync({})).results;
    const { message: _phrase, notes: _notes, ...rest } = result!;
    const older = { ...rest, message: 'OpenAI: 30 days fetched, 4 added, 0 updated.' };
    app.services.vault
      .session()
      .db.prepare("UPDATE usage_sync SET last_outcome = ? WHERE provider = 'openai'")
      .run(JSON.stringify(older));
    const last = (await app.api.usageSync.status()).sources.find((s) => s.provider === 'openai')!.last!;
    expect(last.notes).toEqual([]);
    expect(phraseText(last.message)).toBe('OpenAI: 30 days fetched, 4 added, 0 updated.');
    expect(phraseText(last.message, ko)).toBe('OpenAI: 30 days fetched, 4 added, 0 updated.');
  });

  it('a second sync adds nothing; the open day is fetched again until it closes, then the cursor moves on', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    await app.api.usageSync.sync({});
    const before = (await app.api.usage.list({})).total;
    const again = (await app.api.usageSync.sync({})).results[0]!;
    expect(again).toMatchObject({ from: '2026-11-27', to: '2026-11-27', daysFetched: 1, added: 0, updated: 0, unchanged: 1 });
    expect((await app.api.usage.list({})).total).toBe(before);

    // Later that day the open day has grown: its record is updated in place, not added twice.
    apis.openaiCompletions.set('2026-11-27', [
      completions({
        model: 'gpt-4o-mini-2024-07-18',
        api_key_id: 'key_FAKEbot',
        input_tokens: 30_000,
        output_tokens: 3_000,
        num_model_requests: 9,
      }),
    ]);
    app.clock.advance(10 * 3_600_000); // 22:00 UTC
    expect((await app.api.usageSync.sync({})).results[0]).toMatchObject({ added: 0, updated: 1, cursor: '2026-11-27' });
    const today = (await app.api.usage.list({ from: '2026-11-27' })).records;
    expect(today).toHaveLength(1);
    expect(today[0]).toMatchObject({ inputTokens: 30_000, requests: 9 });

    // Six hours past the day's end it is closed: the next sync starts at the new day.
    app.clock.advance(9 * 3_600_000); // 2026-11-28 07:00 UTC
    expect((await app.api.usageSync.sync({})).results[0]).toMatchObject({
      from: '2026-11-27',
      to: '2026-11-28',
      cursor: '2026-11-28',
    });
    const status = await app.api.usageSync.status();
    expect(status.sources.find((s) => s.provider === 'openai')).toMatchObject({
      connected: true,
      adminKeyLabel: 'OpenAI admin',
      state: 'ok',
      cursor: '2026-11-28',
    });
  });

  it('a CSV import and the sync of the same days count once: the import owns its days, before or after the sync', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    const csv = join(tempDir(), 'openai-cost.csv');
    writeFileSync(
      csv,
      [
        'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,quantity,quantity_unit,line_item,user_id,api_key_id,project_id,organization_id,project_name,organization_name,user_email,api_source',
        `${Date.parse('2026-11-25T00:00:00Z') / 1000},${Date.parse('2026-11-26T00:00:00Z') / 1000},2026-11-25T00:00:00+00:00,2026-11-26T00:00:00+00:00,0.5,usd,1000000,tokens,"gpt-4o-mini, input_tokens",,key_FAKEbot,proj_FAKEa,org-FAKE,Project A,Org,someone@example.com,`,
      ].join('\n'),
    );
    const total = async () =>
      (await app.api.costs.summary({ month: '2026-11', by: 'provider' })).rows.reduce((sum, row) => sum + row.costMicros, 0);

    // Sync first, then the import of 2026-11-25: the preview says the synced day goes, the commit replaces it.
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    await app.api.usageSync.sync({});
    const preview = await app.api.usage.preview({
      file: { name: 'openai-cost.csv', base64: readFileSync(csv).toString('base64') },
    });
    expect(preview.warnings.map((w) => phraseText(w)).join(' ')).toMatch(
      /1 day of OpenAI usage synced from the provider's API \(2026-11-25\) will be replaced by this import/,
    );
    expect(preview.warnings.map((w) => phraseText(w, ko))).toContain(
      '제공업체 API에서 동기화한 OpenAI 사용량 1일(2026-11-25)이 이 가져오기로 대체됩니다. 제공업체와 날짜마다 출처는 하나이며, 가져오기가 우선합니다.',
    );
    await app.api.usage.commit({ token: preview.token });
    const day25 = (await app.api.usage.list({ from: '2026-11-25', to: '2026-11-25' })).records;
    expect(day25.map((r) => r.source.startsWith('sync:'))).toEqual([false]);
    // The import's $0.50 for 2026-11-25 (both synced records of that day went) + the synced 2026-11-27
    // (10k in, 1k out of gpt-4o-mini); the embeddings model has no price.
    expect(await total()).toBe(500_000 + 2_100);

    // And the next sync leaves the imported day alone, and says so.
    const run = await app.api.usageSync.sync({ since: '2026-11-20' });
    expect(run.results[0]).toMatchObject({ skippedDays: ['2026-11-25'], added: 0 });
    expect(phraseText(run.results[0]!.message)).toMatch(/; 1 day skipped: a CSV import owns them;/);
    expect(phraseText(run.results[0]!.message, ko)).toMatch(/; CSV 가져오기 기록이 있는 1일은 건너뜀;/);
    expect((await app.api.usage.list({ from: '2026-11-25', to: '2026-11-25' })).records).toHaveLength(1);

    // Undoing the import frees its day: the cursor moves back, and the next sync fetches it again.
    const [imported] = await app.api.usage.imports();
    await app.api.usage.undoImport({ importId: imported!.id });
    expect((await app.api.usageSync.status()).sources.find((s) => s.provider === 'openai')!.cursor).toBe('2026-11-25');
    expect((await app.api.usageSync.sync({})).results[0]).toMatchObject({ from: '2026-11-25', skippedDays: [], added: 2 });
    expect((await app.api.usage.list({ from: '2026-11-25', to: '2026-11-25' })).records.map((r) => r.source)).toEqual([
      'sync:openai',
      'sync:openai',
    ]);
  });
});

describe('Anthropic usage and cost reports', () => {
  it('tokens in Keyward’s terms (cache reads and writes inside the input), keys matched by hint, the cost report’s cents in dollars', async () => {
    apis.anthropicMessages.set('2026-11-26', [
      messages({
        api_key_id: 'apikey_FAKEclaude',
        model: 'claude-sonnet-4-5-20250929',
        uncached_input_tokens: 100_000,
        cache_read_input_tokens: 50_000,
        cache_5m: 10_000,
        cache_1h: 5_000,
        output_tokens: 20_000,
      }),
      messages({ api_key_id: null, model: 'claude-haiku-4-5', uncached_input_tokens: 1_000, output_tokens: 100 }),
    ]);
    apis.anthropicCosts.set('2026-11-26', [
      {
        amount: '61.25',
        currency: 'USD',
        cost_type: 'tokens',
        description: null,
        model: null,
        service_tier: null,
        token_type: null,
        context_window: null,
        workspace_id: null,
      },
    ]);
    apis.anthropicKeys = [
      {
        id: 'apikey_FAKEclaude',
        type: 'api_key',
        name: 'support bot',
        partial_key_hint: `sk-ant-api03-${SECRETS.claude.slice(13, 16)}...${SECRETS.claude.slice(-4)}`,
        status: 'active',
        workspace_id: null,
        created_at: '2026-01-01T00:00:00Z',
        created_by: { id: 'user_FAKE', type: 'user' },
      },
    ];
    const app = await vault();
    await app.api.usageSync.connect({ provider: 'anthropic', keyId: app.ids.anthropicAdmin });
    const [result] = (await app.api.usageSync.sync({ provider: 'anthropic' })).results;
    expect(result).toMatchObject({ state: 'ok', added: 2, billedMicros: 612_500 });
    expect(new Set(mock.seen.map((r) => r.headers['x-api-key']))).toEqual(new Set([SECRETS.anthropicAdmin]));
    expect(new Set(mock.seen.map((r) => r.headers['anthropic-version']))).toEqual(new Set(['2023-06-01']));
    const usage = new URL(`https://x${mock.seen.find((r) => r.path.includes('usage_report'))!.path}`).searchParams;
    expect(usage.getAll('group_by[]')).toEqual(['api_key_id', 'model', 'service_tier', 'context_window']);
    expect(usage.get('starting_at')).toBe('2026-10-29T00:00:00Z');
    const { records } = await app.api.usage.list({ provider: 'anthropic' });
    expect(records.find((r) => r.keyId === app.ids.claude)).toMatchObject({
      model: 'claude-sonnet-4-5',
      inputTokens: 165_000,
      cachedTokens: 50_000,
      cacheWriteTokens: 15_000,
      outputTokens: 20_000,
    });
    // Console usage has no key: kept, attributed to none.
    expect(records.find((r) => r.model === 'claude-haiku-4-5')).toMatchObject({ keyId: null, keyHint: null });
  });
});

describe('failures are states, not storms', () => {
  async function connected(dataDir = tempDir()) {
    openaiDocumentedUsage();
    const app = await vault(mock.transport(), dataDir);
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    return app;
  }

  it('a 429 with Retry-After is waited out and retried; one asking for an hour stops the sync with nothing changed', async () => {
    const app = await connected();
    apis.interrupt.set('api.openai.com/v1/organization/usage/completions', [
      { status: 429, headers: { 'retry-after': '0' }, body: { error: { type: 'rate_limit' } } },
    ]);
    expect((await app.api.usageSync.sync({})).results[0]).toMatchObject({ state: 'ok', added: 4 });

    apis.interrupt.set('api.openai.com/v1/organization/usage/completions', [
      { status: 429, headers: { 'retry-after': '3600' }, body: {} },
    ]);
    const seen = mock.seen.length;
    const [limited] = (await app.api.usageSync.sync({ since: '2026-11-01' })).results;
    expect(limited).toMatchObject({ state: 'rate-limited', added: 0 });
    expect(phraseText(limited!.message)).toMatch(/rate-limiting .*asked to wait 3600 s.*Nothing changed/);
    expect(mock.seen.length - seen).toBe(1);
    expect((await app.api.usageSync.status()).sources.find((s) => s.provider === 'openai')!.cursor).toBe('2026-11-27');
  });

  it('a revoked admin key (401) is named by its label, never by its value', async () => {
    const app = await connected();
    apis.interrupt.set('api.openai.com/v1/organization/usage/completions', [
      {
        status: 401,
        body: {
          error: { message: `Incorrect API key provided: ${SECRETS.openaiAdmin.slice(0, 12)}…`, type: 'invalid_request_error' },
        },
      },
    ]);
    const run = await app.api.usageSync.sync({});
    expect(run.results[0]).toMatchObject({ state: 'rejected', added: 0 });
    expect(phraseText(run.results[0]!.message)).toMatch(/OpenAI refused the admin key “OpenAI admin” \(HTTP 401\)/);
    expect(phraseText(run.results[0]!.message, ko)).toBe(
      'OpenAI가 관리자 키 “OpenAI admin”을 거부했습니다(HTTP 401). 폐기되었거나 관리자 키가 아닐 수 있습니다. 사용량 연결에서 다른 키를 선택하십시오.',
    );
    expectNoSecretIn(run);
    expect((await app.api.usage.list({})).total).toBe(0);
  });

  it('offline: one clear state naming the last good sync, and the records as they were', async () => {
    const dataDir = tempDir();
    const app = await connected(dataDir);
    await app.api.usageSync.sync({});
    const offline = appLike({ dataDir, checkTransport: offlineTransport(), clock: app.clock });
    app.services.vault.lock('manual');
    await offline.api.vault.unlock({ password: (await import('../../support/vault.ts')).PASSWORD });
    const before = (await offline.api.usage.list({})).total;
    const [result] = (await offline.api.usageSync.sync({})).results;
    expect(result!.state).toBe('offline');
    expect(phraseText(result!.message)).toMatch(
      /^Offline — OpenAI usage last synced 2026-11-27 12:00 UTC\. Could not reach api\.openai\.com/,
    );
    expect(phraseText(result!.message, ko)).toBe(
      '오프라인 — OpenAI 사용량은 UTC 기준 2026-11-27 12:00에 마지막으로 동기화했습니다. api.openai.com에 연결할 수 없습니다(오프라인인가요?).',
    );
    expect((await offline.api.usage.list({})).total).toBe(before);
    expect((await offline.api.usageSync.status()).sources.find((s) => s.provider === 'openai')).toMatchObject({
      state: 'offline',
      lastSuccessAt: '2026-11-27T12:00:00.000Z',
    });
  });

  it('an answer that does not match the documented shape names the field and changes nothing', async () => {
    const app = await connected();
    apis.interrupt.set('api.openai.com/v1/organization/usage/completions', [
      {
        body: {
          object: 'page',
          data: [
            {
              object: 'bucket',
              start_time: 0,
              end_time: 86400,
              results: [{ object: 'organization.usage.completions.result', input_tokens: 'many' }],
            },
          ],
          has_more: false,
          next_page: null,
        },
      },
    ]);
    const [result] = (await app.api.usageSync.sync({})).results;
    expect(result).toMatchObject({ state: 'failed' });
    expect(phraseText(result!.message)).toMatch(
      /\/v1\/organization\/usage\/completions: unexpected answer at data\.0\.results\.0\.input_tokens/,
    );
    expect((await app.api.usage.list({})).total).toBe(0);
  });
});

describe('attribution', () => {
  it('a corrected attribution moves the key’s synced spend; clearing it matches again', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    await app.api.usageSync.sync({});
    const spend = async () => app.api.costs.keySpend({ month: '2026-11' });
    const botSpend = (await spend())[app.ids.chatbot]!;
    expect(botSpend).toBeGreaterThan(0);

    const link = await app.api.usageSync.setLink({ provider: 'openai', apiKeyId: 'key_FAKEbot', keyId: app.ids.batchJobs });
    expect(link).toMatchObject({ keyLabel: 'Batch jobs', setBy: 'user', matchedOn: 'user' });
    expect((await spend())[app.ids.chatbot]).toBeUndefined();
    // A later sync keeps the user's choice.
    await app.api.usageSync.sync({});
    expect((await app.api.usage.list({ keyId: app.ids.chatbot })).total).toBe(0);

    await app.api.usageSync.setLink({ provider: 'openai', apiKeyId: 'key_FAKEbot', keyId: null });
    expect(
      (await app.api.usage.list({ provider: 'openai', from: '2026-11-25', to: '2026-11-25' })).records.find(
        (r) => r.requests === 40,
      ),
    ).toMatchObject({ keyId: null, keyHint: 'chatbot' });

    expect(await app.api.usageSync.clearLink({ provider: 'openai', apiKeyId: 'key_FAKEbot' })).toMatchObject({
      keyLabel: 'Chatbot prod',
      setBy: 'match',
    });
    expect((await spend())[app.ids.chatbot]).toBe(botSpend);
    await expect(
      app.api.usageSync.setLink({ provider: 'openai', apiKeyId: 'key_FAKEbot', keyId: app.ids.claude }),
    ).rejects.toThrow(/not for OpenAI/);
  });

  it('a key added to the vault after a sync takes over its closed days’ records at the next sync', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    await app.api.keys.remove({ id: app.ids.chatbot });
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    await app.api.usageSync.sync({});
    const day25 = async () =>
      (await app.api.usage.list({ from: '2026-11-25', to: '2026-11-25' })).records.find((r) => r.requests === 40)!;
    expect(await day25()).toMatchObject({ keyId: null, keyHint: 'chatbot' });

    const again = await app.api.keys.add({ label: 'Chatbot again', secret: SECRETS.chatbot, provider: 'openai' });
    const run = await app.api.usageSync.sync({});
    expect(run.results[0]).toMatchObject({ from: '2026-11-27', added: 0 });
    expect(await day25()).toMatchObject({ keyId: again.id, keyHint: null });
    expect((await app.api.costs.keySpend({ month: '2026-11' }))[again.id]).toBeGreaterThan(0);
  });

  it('matches on the redacted value first, on the name only when no redacted value is given, and never guesses', () => {
    const keys = [
      { id: 'a', label: 'Chatbot', masked: 'sk-proj-…Wxyz' },
      { id: 'b', label: 'Jobs', masked: 'sk-proj-…Wxyz' },
      { id: 'c', label: 'Other', masked: 'sk-proj-…Abcd' },
    ];
    expect(redactedAgrees('sk-proj-…Wxyz', 'sk-proj-abc...Wxyz')).toBe(true);
    expect(redactedAgrees('sk-proj-…Wxyz', 'sk-svcacct-abc...Wxyz')).toBe(false);
    expect(redactedAgrees('sk-ant-api03-…CdAA', 'sk-ant-api03-R2D...12CdAA')).toBe(true);
    expect(matchKey({ apiKeyId: 'k', name: 'x', hint: 'sk-proj-abc...Abcd' }, keys)).toEqual({
      keyId: 'c',
      on: 'redacted-value',
    });
    expect(matchKey({ apiKeyId: 'k', name: 'jobs', hint: 'sk-proj-abc...Wxyz' }, keys)).toEqual({
      keyId: 'b',
      on: 'redacted-value',
    });
    expect(matchKey({ apiKeyId: 'k', name: 'nobody', hint: 'sk-proj-abc...Wxyz' }, keys)).toBeNull();
    expect(matchKey({ apiKeyId: 'k', name: 'Chatbot', hint: 'sk-proj-abc...Zzzz' }, keys)).toBeNull();
    expect(matchKey({ apiKeyId: 'k', name: 'Chatbot', hint: '' }, keys)).toEqual({ keyId: 'a', on: 'name' });
  });
});

describe('OpenRouter', () => {
  it('each stored key reports its own spend today; a revoked one is named and the others still count', async () => {
    apis.openrouter.set(SECRETS.router, {
      body: {
        data: {
          label: 'sk-or-v1-000…a11',
          limit: 20,
          limit_remaining: 17.5,
          usage: 2.5,
          usage_daily: 0.75,
          usage_weekly: 1.5,
          usage_monthly: 2.5,
          is_free_tier: false,
        },
      },
    });
    const app = await vault();
    const router = await app.api.keys.add({ label: 'Router main', secret: SECRETS.router, provider: 'openrouter' });
    await app.api.keys.add({ label: 'Router old', secret: SECRETS.routerDead, provider: 'openrouter' });
    await expect(app.api.usageSync.sync({ provider: 'openrouter' })).rejects.toThrow(/OpenRouter usage is not connected/);
    await app.api.usageSync.connect({ provider: 'openrouter' });
    const [result] = (await app.api.usageSync.sync({})).results;
    expect(result).toMatchObject({ provider: 'openrouter', state: 'ok', added: 1, daysFetched: 1, recordedMicros: 750_000 });
    expect(result!.notes.map((note) => phraseText(note))).toEqual([
      '“Router main”: limit $20.00, $17.50 left.',
      'OpenRouter refused “Router old” (revoked?).',
    ]);
    expect(result!.notes.map((note) => phraseText(note, ko))).toEqual([
      '“Router main”: 한도 US$20.00, 남은 금액 US$17.50.',
      'OpenRouter가 “Router old”를 거부했습니다(폐기되었나요?).',
    ]);
    expect(result!.keys).toEqual([
      {
        keyId: router.id,
        label: 'Router main',
        answered: true,
        todayMicros: 750_000,
        monthMicros: 2_500_000,
        limitMicros: 20_000_000,
        remainingMicros: 17_500_000,
      },
      expect.objectContaining({ label: 'Router old', answered: false, todayMicros: null }),
    ]);
    expect(mock.seen.every((r) => r.host === 'openrouter.ai')).toBe(true);
    expect((await app.api.usage.list({ keyId: router.id })).records[0]).toMatchObject({
      day: '2026-11-27',
      costMicros: 750_000,
      costBasis: 'given',
    });
    expectNoSecretIn(result);
  });
});

describe('the client', () => {
  it('waits what Retry-After says (seconds or a date), at most three times, then stops', async () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs('Fri, 27 Nov 2026 12:00:30 GMT', 0, Date.parse('2026-11-27T12:00:00Z'))).toBe(30_000);
    expect(retryAfterMs(undefined, 2)).toBe(4000);
    const waits: number[] = [];
    mock.routes.set('api.openai.com/v1/organization/costs', () => ({ status: 429, headers: { 'retry-after': '5' }, body: {} }));
    const client = new ProviderClient({
      provider: 'openai',
      providerName: 'OpenAI',
      transport: mock.transport(),
      auth: { authorization: `Bearer ${SECRETS.openaiAdmin}` },
      keyLabel: 'OpenAI admin',
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const failure = await client.get('/v1/organization/costs', {}, z.object({})).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).kind).toBe('rate-limited');
    expect(waits).toEqual([5000, 5000, 5000]);
  });
});

describe('daily sync in the app', () => {
  /** Lets a scheduled sync's requests and writes finish. */
  const settle = async (app: Awaited<ReturnType<typeof vault>>, syncs: number) => {
    const done = async () =>
      (await app.api.audit.list({ action: 'usage.synced', limit: 50 })).length >= syncs &&
      (await app.api.usageSync.status()).sources.every((s) => !s.connected || s.lastSyncAt !== null);
    for (let i = 0; i < 100 && !(await done()); i += 1) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 50));
  };
  const syncRequests = () => mock.seen.filter((r) => r.path.startsWith('/v1/organization/usage/completions')).length;

  it('sends nothing while off (the default); once on, syncs each connected provider a day after its last success', async () => {
    openaiDocumentedUsage();
    const app = await vault();
    await app.api.usageSync.connect({ provider: 'openai', keyId: app.ids.openaiAdmin });
    expect((await app.api.usageSync.status()).daily).toBe(false);
    app.timers.advance(2 * 24 * 3_600_000);
    await settle(app, 0);
    expect(mock.seen).toEqual([]);

    await app.api.settings.update({ usageSyncDaily: true });
    await settle(app, 1);
    expect(syncRequests()).toBe(3);
    expect((await app.api.usage.list({})).total).toBe(4);

    app.timers.advance(23 * 3_600_000);
    await settle(app, 1);
    expect(syncRequests()).toBe(3);
    app.timers.advance(2 * 3_600_000);
    await settle(app, 2);
    expect(syncRequests()).toBe(4);
  });
});
