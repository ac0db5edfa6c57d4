import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KeySummary } from '../../contract/keys.ts';
import { agentEndpoint } from '../../main/agent/endpoint.ts';
import { runKeyward, type Run } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';

// `keyward` as real child processes against a services process hosting the agent (as the app
// does), and against a real `keyward agent`.

const PASSWORD = 'agent cli test password';
const SECRET = fakeKeys.anthropic('agentcli');
const HOST = fileURLToPath(new URL('../support/agent-host-process.ts', import.meta.url));

let home: string;
let dataDir: string;
let passwordFile: string;
let keyId: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'keyward-agent-cli-'));
  dataDir = join(home, '.config', 'Keyward');
  passwordFile = join(home, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  await keyward(['init', '--password-file', passwordFile]);
  const added = await keyward(
    ['add', '--label', 'Agent CLI', '--provider', 'anthropic', '--password-file', passwordFile, '--json'],
    SECRET,
  );
  keyId = (JSON.parse(added.stdout) as KeySummary).id;
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

const hosts: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) host.kill();
});

async function keyward(args: string[], stdin?: string): Promise<Run> {
  // Processes of their own: `keyward agent start` leaves an agent running that later commands find.
  const run = await runKeyward(args, { home, spawn: true, ...(stdin === undefined ? {} : { stdin }) });
  expect(run.stderr, `stack trace from keyward ${args.join(' ')}`).not.toMatch(/^\s+at /m);
  return run;
}

/** The app's side: services unlocked with the password, hosting the agent, answering prompts with `answer`. */
async function hostAgent(answer: 'allow-terminal' | 'allow-once' | 'deny' | 'none') {
  const child = spawn(process.execPath, [HOST, dataDir, answer], {
    env: { ...process.env, HOME: home },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  hosts.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const waitFor = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!stdout.split('\n').includes(word)) return;
        child.stdout.off('data', check);
        resolve();
      };
      child.stdout.on('data', check);
      child.once('exit', () => reject(new Error(`host exited: ${stderr}`)));
      check();
    });
  child.stdin.write(`${PASSWORD}\n`);
  await waitFor('ready');
  return {
    asked: () =>
      stdout
        .split('\n')
        .filter((line) => line.startsWith('asked '))
        .map(
          (line) =>
            JSON.parse(line.slice(6)) as {
              client: { command: string; cwd: string; parent: string };
              channel: string;
              secret: boolean;
            },
        ),
    lock: async () => {
      child.stdin.write('lock\n');
      await waitFor('closed');
    },
    logs: () => stderr,
  };
}

describe('the CLI through the agent hosted by the app', () => {
  it('lists without the master password, and the app was asked with the command, folder and parent', async () => {
    const host = await hostAgent('allow-terminal');
    const run = await keyward(['list', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as KeySummary[]).map((key) => key.label)).toEqual(['Agent CLI']);
    expect(host.asked()).toEqual([
      {
        id: expect.any(String),
        client: expect.objectContaining({ command: 'keyward list --json', parent: 'node' }),
        channel: 'keys.list',
        secret: false,
      },
    ]);
    expect(host.asked()[0]!.client.cwd).toBe(fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, ''));
  });

  it('a denial exits 6 with one line saying so, and nothing is printed', async () => {
    await hostAgent('deny');
    const run = await keyward(['list']);
    expect(run).toMatchObject({ code: 6, stdout: '', stderr: 'keyward: Denied in the Keyward app.\n' });
  });

  it('a reveal asks even when the terminal was allowed, and prints the key once allowed', async () => {
    const host = await hostAgent('allow-terminal');
    const run = await keyward(['reveal', keyId]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${SECRET}\n`);
    expect(host.asked().map((asked) => [asked.channel, asked.secret])).toEqual([['keys.reveal', true]]);
  });

  it('reports the app in `agent status --json`', async () => {
    await hostAgent('none');
    const run = await keyward(['agent', 'status', '--json']);
    expect(JSON.parse(run.stdout)).toEqual({ running: true, source: 'app', locksAt: null });
  });

  it('after a lock the server is gone: the CLI falls back to the master password', async () => {
    const host = await hostAgent('none');
    expect((await keyward(['list'])).code).toBe(0);
    await host.lock();
    const endpoint = agentEndpoint(dataDir, process.platform, process.env);
    expect(() => statSync(endpoint.socket)).toThrow();
    const withoutPassword = await keyward(['list']);
    expect(withoutPassword.code).toBe(2);
    expect(withoutPassword.stderr).toMatch(/No master password given/);
    const withPassword = await keyward(['list', '--password-file', passwordFile, '--json']);
    expect(withPassword.code, withPassword.stderr).toBe(0);
    expect((JSON.parse(withPassword.stdout) as KeySummary[]).map((key) => key.label)).toContain('Agent CLI');
    expect((await keyward(['agent', 'status', '--json'])).stdout).toContain('"running": false');
  });

  it('--no-agent uses the master password even while the agent serves', async () => {
    const host = await hostAgent('deny');
    const run = await keyward(['list', '--no-agent', '--password-file', passwordFile]);
    expect(run.code, run.stderr).toBe(0);
    expect(host.asked()).toEqual([]);
  });

  it('nothing secret in the socket path, the host’s logs or the CLI’s output', async () => {
    const host = await hostAgent('allow-once');
    const endpoint = agentEndpoint(dataDir, process.platform, process.env);
    const token = readFileSync(endpoint.tokenFile, 'utf8');
    const listed = await keyward(['list']);
    await keyward(['add', '--label', 'Second', '--provider', 'github'], fakeKeys.github('agentcli'));
    await host.lock();
    for (const secret of [SECRET, fakeKeys.github('agentcli'), PASSWORD, token]) {
      expect(endpoint.socket).not.toContain(secret);
      expect(host.logs()).not.toContain(secret);
      expect(listed.stdout + listed.stderr).not.toContain(secret);
    }
    expect(host.logs()).toMatch(/agent: listening/);
  });
});

describe('keyward agent (started from a terminal)', () => {
  afterEach(async () => {
    await keyward(['agent', 'stop']);
  });

  it('start → commands need no password and ask nothing → stop → the password again', async () => {
    const started = await keyward(['agent', 'start', '--ttl', '5', '--password-file', passwordFile, '--json']);
    expect(started.code, started.stderr).toBe(0);
    const { locksAt } = JSON.parse(started.stdout) as { locksAt: string };
    const minutesLeft = (Date.parse(locksAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(4);
    expect(minutesLeft).toBeLessThanOrEqual(5);

    expect(JSON.parse((await keyward(['agent', 'status', '--json'])).stdout)).toEqual({
      running: true,
      source: 'agent',
      locksAt,
    });
    const endpoint = agentEndpoint(dataDir, process.platform, process.env);
    expect(statSync(endpoint.dir).mode & 0o777).toBe(0o700);
    const list = await keyward(['list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as KeySummary[]).map((key) => key.label)).toContain('Agent CLI');
    const again = await keyward(['agent', 'start', '--password-file', passwordFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already serves this vault/);

    const stopped = await keyward(['agent', 'stop']);
    expect(stopped.stdout).toMatch(/Locked \(the keyward agent\)/);
    // Each poll is a process start (slow on a loaded machine), hence the long timeout.
    await expect
      .poll(async () => JSON.parse((await keyward(['agent', 'status', '--json'])).stdout).running, { timeout: 30_000 })
      .toBe(false);
    expect((await keyward(['list'])).code).toBe(2);
  });

  it('a wrong password starts nothing and says so', async () => {
    const wrong = join(home, 'wrong');
    writeFileSync(wrong, 'not the password\n');
    const run = await keyward(['agent', 'start', '--password-file', wrong]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^keyward: .*password/i);
    expect(JSON.parse((await keyward(['agent', 'status', '--json'])).stdout).running).toBe(false);
  });
});
