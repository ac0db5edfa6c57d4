import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runKeyward, type Run } from './cli-run.ts';
import { startMockProviders, startTunnelProxy, type MockProviders } from './mock-providers.ts';

/**
 * A vault for real `keyward` processes whose network calls reach the local mock providers only
 * through HTTPS_PROXY (a local CONNECT proxy) and trust only the test's CA, as a user's would
 * reach the providers through a corporate proxy. Every run is checked for a stack trace and for
 * any of the given secrets in its output.
 */
export interface ProxiedCli {
  mock: MockProviders;
  proxy: Awaited<ReturnType<typeof startTunnelProxy>>;
  root: string;
  home: string;
  vault: string;
  /** The environment each run gets: the password variable, the proxy and the test's CA. */
  env: Record<string, string>;
  keyward(args: string[], stdin?: string): Promise<Run>;
  /** A run's standard output as JSON, after checking it succeeded quietly. */
  json<T>(run: Run): T;
  close(): Promise<void>;
}

export async function startProxiedCli(name: string, password: string, secrets: readonly string[]): Promise<ProxiedCli> {
  const root = mkdtempSync(join(tmpdir(), `keyward-${name}-`));
  const home = join(root, 'home');
  mkdirSync(home);
  const vault = join(root, 'vault');
  const mock = await startMockProviders();
  const proxy = await startTunnelProxy(mock.port);
  const caFile = join(root, 'ca.pem');
  writeFileSync(caFile, mock.ca);
  const env = { KW_PASSWORD: password, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '' };
  const never = [...new Set([...secrets, password])];

  const keyward = async (args: string[], stdin?: string): Promise<Run> => {
    // A process of its own: it reads HTTPS_PROXY from its environment, as the CLI does.
    const run = await runKeyward([...args, '--data-dir', vault, '--password-env', 'KW_PASSWORD'], {
      home,
      env,
      stdin,
      spawn: true,
    });
    expect(run.stderr, 'stack trace').not.toMatch(/^\s+at /m);
    for (const secret of never)
      expect((run.stdout + run.stderr).includes(secret), `a secret printed by ${args.join(' ')}`).toBe(false);
    return run;
  };
  const json = <T>(run: Run): T => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as T;
  };
  expect((await keyward(['init'])).code).toBe(0);
  return {
    mock,
    proxy,
    root,
    home,
    vault,
    env,
    keyward,
    json,
    close: async () => {
      await proxy.close();
      await mock.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
