import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, HealthItem } from '../../contract/health.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { runKeyward, type Run } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { startMockProviders, startTunnelProxy, type MockProviders } from '../support/mock-providers.ts';

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

let root: string;
let home: string;
let vault: string;
let mock: MockProviders;
let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;
let env: Record<string, string>;
const ids: Record<string, string> = {};

async function keyward(args: string[], stdin?: string): Promise<Run> {
  // A process of its own: the check reaches the mock provider through HTTPS_PROXY, read from the process environment.
  const run = await runKeyward([...args, '--data-dir', vault, '--password-env', 'KW_PASSWORD'], {
    home,
    env,
    stdin,
    spawn: true,
  });
  expect(run.stderr, 'stack trace').not.toMatch(/^\s+at /m);
  for (const secret of ALL)
    expect((run.stdout + run.stderr).includes(secret), `a secret printed by ${args.join(' ')}`).toBe(false);
  return run;
}
const json = <T>(run: Run): T => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keyward-cli-health-'));
  home = join(root, 'home');
  mkdirSync(home);
  vault = join(root, 'vault');
  mock = await startMockProviders();
  proxy = await startTunnelProxy(mock.port);
  const caFile = join(root, 'ca.pem');
  writeFileSync(caFile, mock.ca);
  env = { KW_PASSWORD: PASSWORD, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '' };
  mock.routes.set('api.github.com/user', () => ({ headers: { 'x-oauth-scopes': 'repo' }, body: { login: 'octo-example' } }));
  mock.routes.set('api.anthropic.com/v1/models', () => ({
    status: 401,
    body: { type: 'error', error: { type: 'authentication_error' } },
  }));
  mock.routes.set('api.stripe.com/v1/balance', () => ({ body: { object: 'balance' } }));
  expect(
    (await runKeyward(['init', '--data-dir', vault, '--password-env', 'KW_PASSWORD'], { home, env, spawn: true })).code,
  ).toBe(0);
  const add = async (name: keyof typeof SECRETS, args: string[]) => {
    ids[name] = json<KeySummary>(await keyward(['add', '--json', '--label', `${name} key`, ...args], SECRETS[name])).id;
  };
  await add('dev', ['--env', 'dev']);
  await add('prod', ['--env', 'prod', '--expires', '2030-01-01']);
  await add('github', ['--env', 'staging']);
  await add('anthropic', ['--env', 'staging']);
}, 60_000);

afterAll(async () => {
  await proxy.close();
  await mock.close();
  rmSync(root, { recursive: true, force: true });
});

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
