import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, utcToday } from '../../contract/days.ts';
import type { KeySummary } from '../../contract/keys.ts';
import type { KeyLink, SyncRun } from '../../contract/usage-sync.ts';
import type { Run } from '../support/cli-run.ts';
import type { MockProviders } from '../support/mock-providers.ts';
import { startProxiedCli, type ProxiedCli } from '../support/proxied-cli.ts';
import {
  completions,
  fakeAdminKeys,
  openaiCost,
  openaiProjectKey,
  openrouterKey,
  replayUsageApis,
  type UsageApis,
} from '../support/usage-apis.ts';

// `keyward usage connect | sync | links | link` as real processes: the sync reaches the local
// mock OpenAI only through HTTPS_PROXY (a local CONNECT proxy) and trusts only the test's CA.
const PASSWORD = 'usage sync cli password';
const SECRETS = { admin: fakeAdminKeys.openai('cli'), bot: openaiProjectKey('clibot', 'Wxyz'), router: openrouterKey('cc33') };
const ALL = [...Object.values(SECRETS), PASSWORD];

let cli: ProxiedCli;
let mock: MockProviders;
let apis: UsageApis;
let proxy: ProxiedCli['proxy'];
const ids: Record<string, string> = {};
const today = utcToday(new Date());
const keyward = (args: string[], stdin?: string): Promise<Run> => cli.keyward(args, stdin);
const json = <T>(run: Run): T => cli.json<T>(run);

beforeAll(async () => {
  cli = await startProxiedCli('cli-usage-sync', PASSWORD, ALL);
  ({ mock, proxy } = cli);
  apis = replayUsageApis(mock);
  apis.openaiCompletions.set(addDays(today, -1), [
    completions({
      model: 'gpt-4o-mini',
      api_key_id: 'key_FAKEbot',
      input_tokens: 1_000_000,
      output_tokens: 0,
      num_model_requests: 10,
    }),
  ]);
  apis.openaiCosts.set(addDays(today, -1), [openaiCost(0.15)]);
  apis.openaiProjectKeys.set('proj_FAKEa', [
    {
      object: 'organization.project.api_key',
      id: 'key_FAKEbot',
      name: 'bot',
      redacted_value: `${SECRETS.bot.slice(0, 11)}...${SECRETS.bot.slice(-4)}`,
      created_at: 1_790_000_000,
    },
  ]);
  ids.admin = json<KeySummary>(
    await keyward(['add', '--json', '--label', 'Org admin', '--provider', 'openai'], SECRETS.admin),
  ).id;
  ids.bot = json<KeySummary>(await keyward(['add', '--json', '--label', 'Bot', '--provider', 'openai'], SECRETS.bot)).id;
}, 60_000);

afterAll(() => cli.close());

describe('keyward usage sync', () => {
  it('refuses until a provider is connected, and refuses a key that is not an admin key', async () => {
    const none = await keyward(['usage', 'sync']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No provider is connected for usage sync/);
    const wrong = await keyward(['usage', 'connect', 'openai', ids.bot!]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/“Bot” is not an admin key for OpenAI/);
    expect(mock.seen).toEqual([]);
  }, 60_000);

  it('syncs through HTTPS_PROXY and says per source what it did; a second sync adds nothing', async () => {
    expect((await keyward(['usage', 'connect', 'openai', ids.admin!])).stdout).toMatch(
      /OpenAI usage connected with the admin key “Org admin”/,
    );
    const first = await keyward(['usage', 'sync']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`OpenAI ${addDays(today, -29)} … ${today}: 30 days fetched, 1 added, 0 updated, 0 unchanged.`);
    expect(first.stdout).toContain('Billed by OpenAI: $0.15; records: $0.15.');
    expect(new Set(proxy.asked)).toEqual(new Set(['api.openai.com:443']));

    const again = json<SyncRun>(await keyward(['usage', 'sync', '--json', '--since', addDays(today, -3)]));
    expect(again.results[0]).toMatchObject({
      provider: 'openai',
      state: 'ok',
      added: 0,
      updated: 0,
      unchanged: 1,
      daysFetched: 4,
    });
  }, 60_000);

  it('lists the attribution and corrects it', async () => {
    const links = json<KeyLink[]>(await keyward(['usage', 'links', '--json']));
    expect(links).toMatchObject([{ apiKeyId: 'key_FAKEbot', keyId: ids.bot, matchedOn: 'redacted-value' }]);
    const none = await keyward(['usage', 'link', 'openai', 'key_FAKEbot', 'none']);
    expect(none.stdout).toMatch(/bot: attributed to no vault key \(set by you\)\./);
    const auto = await keyward(['usage', 'link', 'openai', 'key_FAKEbot', 'auto']);
    expect(auto.stdout).toMatch(/bot: attributed to “Bot” \(matched on the redacted value\)\./);
    expect((await keyward(['usage', 'link', 'openai', 'key_FAKEbot', 'somebody'])).code).toBe(2);
  }, 60_000);

  it('a revoked admin key: exit 1 and a message naming its label', async () => {
    apis.interrupt.set('api.openai.com/v1/organization/usage/completions', [
      { status: 401, body: { error: { type: 'invalid_request_error' } } },
    ]);
    const run = await keyward(['usage', 'sync', '--provider', 'openai']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/OpenAI refused the admin key “Org admin” \(HTTP 401\)/);
  }, 60_000);

  it('OpenRouter: each stored key’s spend today and its limit', async () => {
    apis.openrouter.set(SECRETS.router, {
      body: {
        data: { label: 'sk-or-v1-0…c33', limit: 10, limit_remaining: 9.25, usage: 0.75, usage_daily: 0.25, usage_monthly: 0.75 },
      },
    });
    await keyward(['add', '--json', '--label', 'Router', '--provider', 'openrouter'], SECRETS.router);
    await keyward(['usage', 'connect', 'openrouter']);
    const run = await keyward(['usage', 'sync', '--provider', 'openrouter']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('“Router”: $0.25 today, $0.75 this month, limit $10.00 ($9.25 left).');
  }, 60_000);
});
