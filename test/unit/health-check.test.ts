import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '../../contract/health.ts';
import { getProvider, providerCatalog, type CatalogProviderId } from '../../contract/providers.ts';
import { allowedEndpoint, checkSecret } from '../../main/health/checker.ts';
import { CHECK_HOSTS, checkRequest, githubExpiry, uncheckable } from '../../main/health/probes.ts';
import { phraseText } from '../../i18n/phrase-text.ts';
import { appLike } from '../support/app.ts';
import { alnum, fakeKeys, hex, moreFakeKeys } from '../support/fake-keys.ts';
import { offlineTransport, startMockProviders, type MockProviders } from '../support/mock-providers.ts';

// Live checks against a local HTTPS server replaying each provider's documented answers
// (workflow-research.md §3.1). Nothing here reaches the network.
const SECRETS = {
  openai: fakeKeys.openaiProject('chk'),
  openaiBroke: fakeKeys.openaiProject('quota'),
  anthropic: fakeKeys.anthropic('chk'),
  google: moreFakeKeys.google('chk'),
  slack: `xoxb-0000000000-0000000000-${alnum(24)}`,
  slackDead: `xoxb-0000000001-0000000000-${alnum(24)}`,
  github: fakeKeys.github('chk'),
  stripe: `rk_live_${alnum(24)}`,
  openrouter: `sk-or-v1-${hex(64)}`,
  xai: `xai-${alnum(80)}`,
  groq: `gsk_${alnum(52)}`,
};
const ALL_SECRETS = Object.values(SECRETS);

let mock: MockProviders;
beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(() => mock.close());
afterEach(() => {
  mock.routes.clear();
  mock.seen.length = 0;
});

function bearer(request: { headers: Record<string, string> }): string {
  return (request.headers.authorization ?? '').replace(/^Bearer /, '');
}

/** Every provider's documented answers, chosen by the key presented. */
function replayDocumentedAnswers(): void {
  mock.routes.set('api.openai.com/v1/models', (req) =>
    bearer(req) === SECRETS.openai
      ? { body: { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] } }
      : {
          status: 429,
          body: {
            error: { message: 'You exceeded your current quota.', type: 'insufficient_quota', code: 'insufficient_quota' },
          },
        },
  );
  mock.routes.set('api.anthropic.com/v1/models', () => ({
    status: 401,
    body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
  }));
  mock.routes.set('generativelanguage.googleapis.com/v1beta/models', () => ({
    status: 403,
    body: {
      error: {
        code: 403,
        message: 'Generative Language API has not been used in project 000000000000 before or it is disabled.',
        status: 'PERMISSION_DENIED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', domain: 'googleapis.com' }],
      },
    },
  }));
  mock.routes.set('slack.com/api/auth.test', (req) =>
    bearer(req) === SECRETS.slack
      ? {
          body: {
            ok: true,
            url: 'https://example-team.slack.com/',
            team: 'Example Team',
            user: 'deploy-bot',
            team_id: 'T000',
            user_id: 'U000',
          },
        }
      : { body: { ok: false, error: 'invalid_auth' } },
  );
  mock.routes.set('api.github.com/user', () => ({
    headers: { 'x-oauth-scopes': 'repo, read:org', 'github-authentication-token-expiration': '2027-01-31 12:00:00 UTC' },
    body: { login: 'octo-example', id: 1 },
  }));
  mock.routes.set('api.stripe.com/v1/balance', () => ({
    status: 403,
    body: {
      error: {
        type: 'invalid_request_error',
        message: 'The provided key does not have the required permissions for this endpoint.',
      },
    },
  }));
  mock.routes.set('openrouter.ai/api/v1/key', () => ({
    body: { data: { label: 'sk-or-v1-000…000', limit: 10, usage: 10.5, limit_remaining: 0, is_free_tier: false } },
  }));
  mock.routes.set('api.x.ai/v1/api-key', () => ({
    body: { name: 'ci key', acls: ['api-key:model:*', 'api-key:endpoint:*'], api_key_blocked: false },
  }));
  mock.routes.set('api.groq.com/openai/v1/models', () => ({ status: 503, body: 'upstream unavailable' }));
}

async function vaultWithKeys(transport = mock.transport()) {
  const logged: string[] = [];
  const app = appLike({ checkTransport: transport, logFailure: (what, error) => logged.push(`${what} ${String(error)}`) });
  await app.create();
  const ids: Partial<Record<keyof typeof SECRETS, string>> = {};
  const add = async (name: keyof typeof SECRETS, provider: CatalogProviderId, extra: { expiresAt?: string } = {}) => {
    ids[name] = (
      await app.api.keys.add({ label: `${name} key`, secret: SECRETS[name], provider, environment: 'staging', ...extra })
    ).id;
  };
  await add('openai', 'openai');
  await add('openaiBroke', 'openai');
  await add('anthropic', 'anthropic');
  await add('google', 'google');
  await add('slack', 'slack');
  await add('slackDead', 'slack');
  await add('github', 'github');
  await add('stripe', 'stripe');
  await add('openrouter', 'openrouter');
  await add('xai', 'xai');
  await add('groq', 'groq');
  return { app, ids: ids as Record<keyof typeof SECRETS, string>, logged };
}

describe('live check against documented answers', () => {
  it('reads each provider’s shape into a verdict, sending each key only to its provider in its header', async () => {
    replayDocumentedAnswers();
    const { app, ids, logged } = await vaultWithKeys();
    const run = await app.api.health.check();
    const verdicts = Object.fromEntries(
      Object.entries(ids).map(([name, id]) => [name, run.results.find((r) => r.keyId === id)?.verdict]),
    );
    expect(verdicts).toEqual({
      openai: 'valid',
      openaiBroke: 'no-credit',
      anthropic: 'invalid',
      google: 'not-enabled',
      slack: 'valid',
      slackDead: 'invalid',
      github: 'valid',
      stripe: 'valid',
      openrouter: 'no-credit',
      xai: 'valid',
      groq: 'unreachable',
    });
    const byName = (name: keyof typeof SECRETS) => run.results.find((r) => r.keyId === ids[name])!;
    expect(byName('slack')).toMatchObject({ status: 200, details: { team: 'Example Team', user: 'deploy-bot' } });
    expect(byName('slackDead')).toMatchObject({ status: 200, details: { code: 'invalid_auth' } });
    expect(byName('stripe').details).toEqual({ restricted: true });
    expect(byName('google').details).toEqual({ code: 'SERVICE_DISABLED' });
    expect(byName('openrouter').details).toMatchObject({ limit: 10, usage: 10.5, limit_remaining: 0 });
    expect(byName('xai').details).toMatchObject({ name: 'ci key', acls: ['api-key:model:*', 'api-key:endpoint:*'] });
    expect(byName('groq')).toMatchObject({ status: 503, details: { reason: 'server' } });

    // Each key went to its own provider's host only, in the documented header, never in the URL.
    for (const [name, secret] of Object.entries(SECRETS)) {
      const carriers = mock.seen.filter((req) => Object.values(req.headers).some((value) => value.includes(secret)));
      const provider = (await app.api.keys.get({ id: ids[name as keyof typeof SECRETS] })).provider;
      expect(
        carriers.map((req) => req.host),
        name,
      ).toEqual([new URL(getProvider(provider)!.check!.url).host]);
    }
    for (const req of mock.seen) {
      expect(req.path.includes('?') ? req.path.split('?')[1] : '').not.toMatch(/key|token/i);
      for (const secret of ALL_SECRETS) expect(req.path).not.toContain(secret);
    }
    const google = mock.seen.find((req) => req.host === 'generativelanguage.googleapis.com')!;
    expect(google.headers['x-goog-api-key']).toBe(SECRETS.google);
    expect(mock.seen.find((req) => req.host === 'api.anthropic.com')!.headers).toMatchObject({
      'x-api-key': SECRETS.anthropic,
      'anthropic-version': '2023-06-01',
    });
    expect(mock.seen.find((req) => req.host === 'slack.com')!.method).toBe('POST');

    // No secret in the results, the stored checks, the health list, the audit log or a log line.
    const everything = JSON.stringify([
      run,
      await app.api.health.lastChecks(),
      await app.api.health.list(),
      await app.api.audit.list({ limit: 1000 }),
      logged,
    ]);
    for (const secret of ALL_SECRETS) expect(everything.includes(secret)).toBe(false);
    const audited = (await app.api.audit.list({ action: 'key.checked', limit: 100 })).map((entry) => entry.detail);
    expect(audited).toHaveLength(11);
    expect(audited).toContain('invalid (HTTP 401)');
  });

  it('stores each verdict with its time; an invalid key becomes a health item; GitHub’s expiry fills an empty one', async () => {
    replayDocumentedAnswers();
    const { app, ids } = await vaultWithKeys();
    await app.api.health.check({ ids: [ids.anthropic, ids.github] });
    const stored = await app.api.health.lastChecks();
    expect(stored.map((check) => [check.keyId, check.verdict, check.checkedAt]).sort()).toEqual(
      [
        [ids.anthropic, 'invalid', app.clock.now().toISOString()],
        [ids.github, 'valid', app.clock.now().toISOString()],
      ].sort(),
    );
    expect((await app.api.health.list()).filter((item) => item.reason === 'invalid').map((item) => item.keyId)).toEqual([
      ids.anthropic,
    ]);
    const github = stored.find((check) => check.keyId === ids.github)!;
    expect(github.details).toMatchObject({ scopes: ['repo', 'read:org'], expiresAt: '2027-01-31', expiryFilled: true });
    expect((await app.api.keys.get({ id: ids.github })).expiresAt).toBe('2027-01-31');
  });

  it('keeps an expiry the user set, and says the provider’s differs', async () => {
    replayDocumentedAnswers();
    const app = appLike({ checkTransport: mock.transport() });
    await app.create();
    const key = await app.api.keys.add({ label: 'Deploy token', secret: SECRETS.github, expiresAt: '2026-12-24' });
    const [result] = (await app.api.health.check({ ids: [key.id] })).results;
    expect(result!.details).toMatchObject({ expiresAt: '2027-01-31', expiryDiffers: true });
    expect((await app.api.keys.get({ id: key.id })).expiresAt).toBe('2026-12-24');
  });

  it('an unreachable provider never turns a key invalid, nor erases what an earlier check found', async () => {
    replayDocumentedAnswers();
    const { app, ids } = await vaultWithKeys();
    await app.api.health.check({ ids: [ids.anthropic] });
    mock.routes.set('api.anthropic.com/v1/models', () => ({
      status: 500,
      body: { type: 'error', error: { type: 'api_error' } },
    }));
    const run = await app.api.health.check({ ids: [ids.anthropic] });
    expect(run.results[0]).toMatchObject({ verdict: 'unreachable', status: 500 });
    expect((await app.api.health.lastChecks()).find((c) => c.keyId === ids.anthropic)?.verdict).toBe('invalid');
  });

  it('slow, broken and strange answers read "unreachable"; a redirect is not followed', async () => {
    const transport = mock.transport();
    const check = (timeoutMs?: number) => checkSecret('openai', SECRETS.openai, 'sk-proj-…', transport, timeoutMs);
    mock.routes.set('api.openai.com/v1/models', () => ({ delayMs: 5_000, body: { data: [] } }));
    expect(await check(200)).toEqual({ verdict: 'unreachable', status: null, details: { reason: 'timeout' } });
    mock.routes.set('api.openai.com/v1/models', () => ({ delayMs: 100, body: { data: [] } }));
    expect((await check()).verdict).toBe('valid');
    mock.routes.set('api.openai.com/v1/models', () => ({ hangUp: true }));
    expect(await check()).toEqual({ verdict: 'unreachable', status: null, details: { reason: 'network' } });
    mock.routes.set('api.openai.com/v1/models', () => ({ status: 418, body: 'not json' }));
    expect(await check()).toMatchObject({ verdict: 'unreachable', status: 418 });
    mock.routes.set('api.openai.com/v1/models', () => ({ status: 429, body: { error: { code: 'rate_limit_exceeded' } } }));
    expect(await check()).toMatchObject({ verdict: 'unreachable', details: { reason: 'rate-limited' } });
    mock.seen.length = 0;
    mock.routes.set('api.openai.com/v1/models', () => ({
      status: 302,
      headers: { location: 'https://api.groq.com/openai/v1/models' },
    }));
    expect(await check()).toMatchObject({ verdict: 'unreachable', status: 302 });
    expect(mock.seen.map((req) => req.host)).toEqual(['api.openai.com']);
    // Slack's 200 with a body that is not its JSON: no clear answer, not "valid".
    mock.routes.set('slack.com/api/auth.test', () => ({ body: '<html>maintenance</html>' }));
    expect((await checkSecret('slack', SECRETS.slack, 'xoxb-…', transport)).verdict).toBe('unreachable');
  });

  it('offline, every key is unreachable and none invalid', async () => {
    const { app } = await vaultWithKeys(offlineTransport());
    const run = await app.api.health.check();
    expect(run.results).toHaveLength(11);
    expect(new Set(run.results.map((r: CheckResult) => r.verdict))).toEqual(new Set(['unreachable']));
    expect((await app.api.health.list()).some((item) => item.reason === 'invalid')).toBe(false);
  });

  it('nothing is sent without a transport, and a key that cannot be checked says why', async () => {
    const app = appLike();
    await app.create();
    const key = await app.api.keys.add({ label: 'Docs', secret: SECRETS.openai });
    await expect(app.api.health.check({ ids: [key.id] })).rejects.toThrow('Live checks are not available here.');
    const withTransport = appLike({ checkTransport: mock.transport() });
    await withTransport.create();
    const custom = await withTransport.api.keys.add({
      label: 'Internal',
      secret: moreFakeKeys.unrecognised('x'),
      provider: 'custom:Internal',
    });
    await expect(withTransport.api.health.check({ ids: [custom.id] })).rejects.toThrow(
      'Custom providers have no known check endpoint.',
    );
    expect(mock.seen).toEqual([]);
  });
});

describe('endpoint allowlist', () => {
  it('admits only the catalog’s https check hosts', () => {
    expect(allowedEndpoint('https://api.openai.com/v1/models')).toBe(true);
    expect(allowedEndpoint('http://api.openai.com/v1/models')).toBe(false);
    expect(allowedEndpoint('https://api.openai.com.evil.example/v1/models')).toBe(false);
    expect(allowedEndpoint('https://user:pw@api.openai.com/v1/models')).toBe(false);
    expect(allowedEndpoint('https://api.openai.com:8443/v1/models')).toBe(false);
    expect(allowedEndpoint('https://localhost/v1/models')).toBe(false);
    expect(allowedEndpoint('not a url')).toBe(false);
    expect([...CHECK_HOSTS].every((host) => providerCatalog.some((p) => p.check && new URL(p.check.url).host === host))).toBe(
      true,
    );
  });

  it('every checkable provider’s request goes to an allowed host, with the key in a header (Telegram: its documented path)', () => {
    const secret = 'FAKE0secret0EXAMPLE0value';
    for (const provider of providerCatalog) {
      if (uncheckable(provider.id, 'x…') !== null) continue;
      const request = checkRequest(provider.id, secret, 'x…');
      expect(allowedEndpoint(request.url), provider.id).toBe(true);
      expect(new URL(request.url).search.includes(secret), provider.id).toBe(false);
      const inHeaders = Object.values(request.headers).some((value) => value.includes(secret));
      expect(inHeaders || provider.id === 'telegram', provider.id).toBe(true);
      if (provider.id === 'telegram') expect(new URL(request.url).pathname).toBe(`/bot${secret}/getMe`);
    }
    const why = (provider: string, masked: string) => phraseText(uncheckable(provider, masked)!);
    expect(why('aws', 'AKIA…')).toMatch(/AWS/);
    expect(why('perplexity', 'pplx-…')).toMatch(/no free read-only endpoint/);
    expect(why('stripe', 'pk_live_…')).toMatch(/publishable/);
  });

  it('reads GitHub’s expiry header in UTC or with an offset', () => {
    expect(githubExpiry('2027-01-31 12:00:00 UTC')).toBe('2027-01-31');
    expect(githubExpiry('2023-02-10 22:42:39 -0800')).toBe('2023-02-11');
    expect(githubExpiry('tomorrow')).toBe(null);
    expect(githubExpiry(undefined)).toBe(null);
  });

  it('a failing check logs nothing to the console', async () => {
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((name) => vi.spyOn(console, name));
    await checkSecret('openai', SECRETS.openai, 'sk-proj-…', offlineTransport());
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});

describe('check weekly', () => {
  /** Lets the scheduled check's requests and writes finish. */
  const settle = async (app: ReturnType<typeof appLike>) => {
    for (let i = 0; i < 50 && (await app.api.health.lastChecks()).length === 0 && mock.seen.length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
  };

  it('sends nothing while off (the default); once on, checks each key at most once a week', async () => {
    mock.routes.set('api.github.com/user', () => ({ body: { login: 'octo-example' } }));
    const app = appLike({ checkTransport: mock.transport() });
    await app.create();
    await app.api.keys.add({ label: 'Deploy token', secret: SECRETS.github });
    expect((await app.api.settings.get()).checkWeekly).toBe(false);
    app.timers.advance(8 * 24 * 3_600_000);
    await settle(app);
    expect(mock.seen).toEqual([]);

    await app.api.settings.update({ checkWeekly: true });
    await settle(app);
    expect(mock.seen.map((req) => req.host)).toEqual(['api.github.com']);
    expect((await app.api.audit.list({ action: 'key.checked', limit: 10 }))[0]).toMatchObject({
      source: 'app',
      detail: 'valid (HTTP 200)',
    });

    app.timers.advance(6 * 24 * 3_600_000);
    await settle(app);
    expect(mock.seen).toHaveLength(1);
    // The hourly schedule starts at the first screen's quiet moment, a fraction of a second after the unlock.
    app.timers.advance(24 * 3_600_000 + 1_000);
    await settle(app);
    expect(mock.seen).toHaveLength(2);
  });
});

describe('the Electron transport', () => {
  it('hands net.fetch the request without following redirects or sending cookies, and reads the answer', async () => {
    const { electronCheckTransport } = await import('../../main/platform/check-transport.ts');
    const calls: Array<{ url: string; init: Record<string, unknown> }> = [];
    const net = {
      fetch: async (url: string, init?: Record<string, unknown>) => {
        calls.push({ url, init: init ?? {} });
        return new Response(JSON.stringify({ ok: true, team: 'Example Team' }), { status: 200, headers: { 'X-Example': 'yes' } });
      },
    };
    const transport = electronCheckTransport(net as never);
    const answer = await transport(
      { method: 'POST', url: 'https://slack.com/api/auth.test', headers: { authorization: 'Bearer x' }, body: '' },
      new AbortController().signal,
    );
    expect(answer).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-example': 'yes' },
      body: '{"ok":true,"team":"Example Team"}',
    });
    expect(calls[0]).toMatchObject({
      url: 'https://slack.com/api/auth.test',
      init: { method: 'POST', redirect: 'manual', credentials: 'omit', headers: { authorization: 'Bearer x' } },
    });
    expect(calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
  });
});

describe('a rotation', () => {
  it('retires the old secret’s verdict: no "invalid" item, no "Checked …" for the new secret', async () => {
    mock.routes.set('api.anthropic.com/v1/models', () => ({
      status: 401,
      body: { type: 'error', error: { type: 'authentication_error' } },
    }));
    const app = appLike({ checkTransport: mock.transport() });
    await app.create();
    const key = await app.api.keys.add({ label: 'Docs bot', secret: SECRETS.anthropic, environment: 'staging' });
    await app.api.health.check({ ids: [key.id] });
    expect((await app.api.health.list()).map((item) => item.reason)).toEqual(['invalid']);
    app.clock.advance(60_000);
    await app.api.keys.rotate({ id: key.id, secret: fakeKeys.anthropic('new') });
    expect(await app.api.health.list()).toEqual([]);
    expect(await app.api.health.lastChecks()).toEqual([]);
  });
});
