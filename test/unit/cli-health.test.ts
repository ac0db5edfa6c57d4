import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, HealthItem } from '../../contract/health.ts';
import type { KeySummary } from '../../contract/keys.ts';
import type { Run } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import type { MockProviders } from '../support/mock-providers.ts';
import { startProxiedCli, type ProxiedCli } from '../support/proxied-cli.ts';

// `keyward health` and `keyward check` as real processes. The check reaches the local mock
// providers only through HTTPS_PROXY (a local CONNECT proxy) and trusts only the test's CA.
const PASSWORD = 'health cli password';
const SECRETS = {
  dev: fakeKeys.stripeLive('twin'),
  prod: fakeKeys.stripeLive('twin'),
  github: fakeKeys.github('cli'),
  anthropic: fakeKeys.anthropic('cli'),
};
const ALL = [...new Set(Object.values(SECRETS)), PASSWORD];

let cli: ProxiedCli;
let mock: MockProviders;
let proxy: ProxiedCli['proxy'];
let home: string;
let vault: string;
let env: Record<string, string>;
const ids: Record<string, string> = {};
const keyward = (args: string[], stdin?: string): Promise<Run> => cli.keyward(args, stdin);
const json = <T>(run: Run): T => cli.json<T>(run);

beforeAll(async () => {
  cli = await startProxiedCli('cli-health', PASSWORD, ALL);
  ({ mock, proxy, home, vault, env } = cli);
  mock.routes.set('api.github.com/user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: { login: 'octo-example' } }));
  mock.routes.set('api.anthropic.com/v1/models', () => ({
    status: 401,
    body: { type: 'error', error: { type: 'authentication_error' } },
  }));
  mock.routes.set('api.stripe.com/v1/balance', () => ({ body: { object: 'balance' } }));
  const add = async (name: keyof typeof SECRETS, args: string[]) => {
    ids[name] = json<KeySummary>(await keyward(['add', '--json', '--label', `${name} key`, ...args], SECRETS[name])).id;
  };
  await add('dev', ['--env', 'dev']);
  await add('prod', ['--env', 'prod', '--expires', '2030-01-01']);
  await add('github', ['--env', 'staging']);
  await add('anthropic', ['--env', 'staging']);
}, 60_000);

afterAll(() => cli.close());

describe('keyward health', () => {
  it('lists the duplicate and the live key in dev, offline, as JSON and as text', async () => {
    const items = json<HealthItem[]>(await keyward(['health', '--json']));
    expect(items.map((item) => `${item.label}:${item.reason}`).sort()).toEqual([
      'dev key:duplicate',
      'dev key:live-in-dev',
      'prod key:duplicate',
    ]);
    // The window's phrases print as the English sentences scripts read.
    const live = items.find((item) => item.reason === 'live-in-dev') as unknown as { title: unknown; advice: unknown };
    expect(live.title).toBe('Live key in a dev environment');
    expect(live.advice).toMatch(/^Code under development can charge real money/);
    const text = await keyward(['health']);
    expect(text.stdout).toContain('Same secret as prod key (prod)');
    expect(mock.seen).toEqual([]);
  });
});

describe('keyward check', () => {
  it('checks one key through HTTPS_PROXY and prints the issue’s JSON shape', async () => {
    const results = json<CheckResult[]>(await keyward(['check', ids.github!, '--json']));
    expect(results).toEqual([
      { keyId: ids.github, verdict: 'valid', status: 200, checkedAt: expect.any(String), details: { scopes: ['repo'] } },
    ]);
    expect(proxy.asked).toEqual(['api.github.com:443']);
  });

  it('--all checks every key; an invalid one shows in health; text says what each verdict means', async () => {
    const run = await keyward(['check', '--all']);
    expect(run.code).toBe(0);
    const line = (label: string) => run.stdout.split('\n').find((row) => row.startsWith(label)) ?? '';
    expect(line('anthropic key')).toMatch(/^anthropic key\s+invalid or revoked\s+[0-9a-f-]{36}$/);
    expect(line('github key')).toContain('valid (scopes: repo)');
    expect(line('dev key')).toContain('valid');
    expect(
      json<HealthItem[]>(await keyward(['health', '--json'])).some(
        (item) => item.keyId === ids.anthropic && item.reason === 'invalid',
      ),
    ).toBe(true);
  });

  // The installed command runs the bundle (dist/cli, built by `npm install`), where undici is a
  // chunk of its own, loaded on the first check: it must reach the provider the same way.
  it.runIf(existsSync('dist/cli/keyward.mjs'))('works from the bundled CLI too', async () => {
    // Asynchronous: the mock providers answer from this very process.
    const args = ['dist/cli/keyward.mjs', 'check', ids.github!, '--json', '--data-dir', vault, '--password-env', 'KW_PASSWORD'];
    const run = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        args,
        { env: { ...process.env, ...env, HOME: home, KEYWARD_KDF: 'minimum' }, timeout: 30_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`bundled keyward failed: ${stderr}`)) : resolve({ stdout, stderr })),
      );
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject([{ keyId: ids.github, verdict: 'valid', status: 200 }]);
  });

  it('needs a key id or --all, not both', async () => {
    for (const args of [['check'], ['check', ids.github!, '--all']]) {
      const run = await keyward(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Name one key id, or use --all.');
    }
  });
});
