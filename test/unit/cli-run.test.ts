import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import { runCli } from '../../main/cli.ts';
import { CONCEALED } from '../../main/cli/masker.ts';
import { CLI, runKeyward, type Run, type RunOptions } from '../support/cli-run.ts';
import { canaryKey, filesContaining } from '../reliability/support/canary.ts';
import { fakeKeys } from '../support/fake-keys.ts';

// `keyward run`, `inject` and `env import` end to end: real keyward processes starting real
// child processes (Node itself, so nothing assumes a shell), against a real vault.

const PASSWORD = 'run inject password';
/** The canary: it may reach the child's environment and the injected file, never Keyward's own output or audit log. */
const CANARY = canaryKey();
const GITHUB = fakeKeys.github('run');
const FIXTURE = fileURLToPath(new URL('../fixtures/env/quirks.env', import.meta.url));

let home: string;
let dataDir: string;
let work: string;

async function keyward(
  args: string[],
  options: { stdin?: string; canaryMayPrint?: boolean; onStart?: RunOptions['onStart'] } = {},
): Promise<Run> {
  const run = await runKeyward(['--data-dir', dataDir, '--password-env', 'KW_TEST_PASSWORD', ...args], {
    home,
    env: { KW_TEST_PASSWORD: PASSWORD },
    // `keyward run` starts the command, forwards signals and exits with its code: a process of its own.
    spawn: true,
    ...(options.stdin === undefined ? {} : { stdin: options.stdin }),
    ...(options.onStart ? { onStart: options.onStart } : {}),
  });
  expect(run.stderr, 'a stack trace').not.toMatch(/^\s+at /m);
  expect(run.stderr.includes(CANARY), `the canary on keyward's stderr: ${args.join(' ')}`).toBe(false);
  if (!options.canaryMayPrint) expect(run.stdout.includes(CANARY), `the canary on stdout: ${args.join(' ')}`).toBe(false);
  return run;
}

/** `node -e SCRIPT` as the command keyward runs: the same on every OS. */
const node = (script: string) => ['--', process.execPath, '-e', script];

beforeAll(async () => {
  // One vault for the whole file (tempDir's are per test).
  home = mkdtempSync(join(tmpdir(), 'keyward-run-home-'));
  dataDir = join(home, 'vault');
  work = join(home, 'shop-api');
  mkdirSync(work);
  expect((await keyward(['init'])).code).toBe(0);
  expect((await keyward(['add', '--label', 'Stripe test'], { stdin: CANARY })).code).toBe(0);
  expect((await keyward(['add', '--label', 'Bot'], { stdin: GITHUB })).code).toBe(0);
  writeFileSync(
    join(work, '.env'),
    ['# refs only', 'STRIPE_SECRET_KEY=keyward://stripe/Stripe%20test', 'PORT=8080', 'WIN=C:\\tools\\new\\bin', ''].join('\n'),
  );
}, 60_000);

afterAll(async () => {
  const audit = await keyward(['--json', 'audit']);
  const entries = JSON.parse(audit.stdout) as AuditEntry[];
  expect(entries.length).toBeGreaterThan(0);
  expect(audit.stdout.includes(CANARY) || audit.stdout.includes(GITHUB)).toBe(false);
  expect(entries.filter((entry) => entry.action === 'keys.resolved').map((entry) => entry.detail)).toContain(
    `inject compose.override.tpl: Stripe test (${entries.find((e) => e.keyLabel === 'Stripe test')!.keyId}), Bot (${entries.find((e) => e.keyLabel === 'Bot')!.keyId})`,
  );
  // Nor in any file of the vault's directory (database, WAL, backups), in any encoding.
  expect(filesContaining(dataDir, CANARY)).toEqual([]);
  rmSync(home, { recursive: true, force: true });
}, 30_000);

describe('keyward run', () => {
  it('gives the command the keys its .env file refers to, and returns its exit code', async () => {
    const run = await keyward(
      [
        'run',
        '--env-file',
        join(work, '.env'),
        ...node(
          'const e=process.env; process.stderr.write([e.STRIPE_SECRET_KEY===process.argv[1]?"match":"no", e.PORT, e.WIN].join(" ")); process.exit(7)',
        ),
        CANARY,
      ],
      { canaryMayPrint: true },
    );
    expect(run.code).toBe(7);
    expect(run.stderr).toBe('match 8080 C:\\tools\\new\\bin');
  });

  it('sets each --key under its provider’s variable, or the NAME given', async () => {
    const run = await keyward([
      'run',
      '--key',
      'keyward://github/Bot',
      '--key',
      'MY_STRIPE=keyward://stripe/Stripe%20test',
      ...node(
        'const e=process.env; console.log(String(e.GITHUB_TOKEN===process.argv[1]), String(e.MY_STRIPE===process.argv[2]))',
      ),
      GITHUB,
      CANARY,
    ]);
    expect(run.stdout).toBe('true true\n');
    expect(run.code).toBe(0);
  });

  it('refuses two --key for one variable, and a --key that is not a reference without quoting it', async () => {
    const twice = await keyward([
      'run',
      '--key',
      'A=keyward://github/Bot',
      '--key',
      'keyward://stripe/Stripe%20test',
      '--key',
      'STRIPE_SECRET_KEY=keyward://github/Bot',
      ...node('0'),
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toBe(
      'keyward: --key keyward://stripe/Stripe%20test and --key keyward://github/Bot would both set STRIPE_SECRET_KEY: write --key NAME=REF for one of them.\n',
    );
    const pasted = await keyward(['run', '--key', CANARY, ...node('0')]);
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).toBe('keyward: --key takes keyward://… or NAME=keyward://…; got something else.\n');
  });

  it('conceals the keys in output going to a pipe, even split across writes, and --no-mask shows them', async () => {
    // Half the key, a pause, the other half: two separate writes on each stream.
    const script =
      'const s=process.env.STRIPE_SECRET_KEY, h=s.length>>1; process.stdout.write("out:"+s.slice(0,h)); process.stderr.write("err:"+s.slice(0,h)); setTimeout(()=>{process.stdout.write(s.slice(h)+":end"); process.stderr.write(s.slice(h)+":end")}, 150)';
    const masked = await keyward(['run', '--env-file', join(work, '.env'), ...node(script)]);
    expect(masked.stdout).toBe(`out:${CONCEALED}:end`);
    expect(masked.stderr).toBe(`err:${CONCEALED}:end`);
    const plain = await keyward(
      ['run', '--no-mask', '--env-file', join(work, '.env'), ...node('process.stdout.write(process.env.STRIPE_SECRET_KEY)')],
      { canaryMayPrint: true },
    );
    expect(plain.stdout).toBe(CANARY);
  });

  it('conceals keys in binary output and leaves every other byte as it was', async () => {
    // Bytes that are not UTF-8 around a key cut in the middle of a write: compared after the same decoding on both sides.
    const script =
      'const s=Buffer.from(process.env.STRIPE_SECRET_KEY), bin=Buffer.from([0,1,2,0xff,0xfe,0x80,0xc3]); process.stdout.write(Buffer.concat([bin,s.subarray(0,5)])); setTimeout(()=>process.stdout.write(Buffer.concat([s.subarray(5),bin,s])),100)';
    const run = await keyward(['run', '--env-file', join(work, '.env'), ...node(script)]);
    const bin = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0xc3]);
    expect(run.stdout).toBe(Buffer.concat([bin, Buffer.from(CONCEALED), bin, Buffer.from(CONCEALED)]).toString('utf8'));
  });

  it('passes stdin through untouched', async () => {
    const input = 'line one\n{"jsonrpc":"2.0","id":1}\n';
    const run = await keyward(['run', '--env-file', join(work, '.env'), ...node('process.stdin.pipe(process.stdout)')], {
      stdin: input,
    });
    expect(run.stdout).toBe(input);
    expect(run.code).toBe(0);
  });

  it('starts nothing when a reference names no key, and names the reference', async () => {
    const marker = join(work, 'started');
    const env = join(work, '.env.broken');
    writeFileSync(env, 'STRIPE_SECRET_KEY=keyward://stripe/Stripe%20test\nOPENAI_API_KEY=keyward://openai/Nope\n');
    const run = await keyward(['run', '--env-file', env, ...node(`require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^keyward: Nothing was started: keyward:\/\/openai\/Nope names no key in the vault\.\n$/);
    expect(existsSync(marker)).toBe(false);
  });

  it('forwards SIGINT and SIGTERM to the command; a command killed by a signal kills keyward the same way', async () => {
    const ready = (child: ChildProcess, output: () => string, signal: NodeJS.Signals) => {
      const poll = setInterval(() => {
        if (output().includes('ready')) {
          clearInterval(poll);
          child.kill(signal);
        }
      }, 50);
    };
    const handled = await keyward(
      [
        'run',
        '--env-file',
        join(work, '.env'),
        ...node(
          'process.on("SIGINT",()=>{console.log("child got SIGINT");process.exit(42)}); console.log("ready"); setInterval(()=>{},1000)',
        ),
      ],
      {
        onStart: (child, output) => ready(child, output, 'SIGINT'),
      },
    );
    expect(handled.stdout).toBe('ready\nchild got SIGINT\n');
    expect(handled.code).toBe(42);
    const killed = await keyward(['run', ...node('console.log("ready"); setInterval(()=>{},1000)')], {
      onStart: (child, output) => ready(child, output, 'SIGTERM'),
    });
    expect(process.platform === 'win32' ? killed.code : killed.signal).toBe(process.platform === 'win32' ? 1 : 'SIGTERM');
  }, 30_000);

  // At a real terminal (util-linux `script` gives keyward a pseudo-terminal), Ctrl-C goes to the
  // whole foreground process group, the command included, so keyward must not send it again. The
  // command here leaves that group first (util-linux `setsid`): the terminal's Ctrl-C no longer
  // reaches it, so any SIGINT it counts was sent by keyward.
  const hasTerminalTools =
    process.platform === 'linux' &&
    spawnSync('script', ['--version']).status === 0 &&
    spawnSync('setsid', ['--version']).status === 0;
  it.skipIf(!hasTerminalTools)(
    'at a terminal, keyward leaves Ctrl-C to the terminal, which already sent it to the command',
    async () => {
      const counter = join(home, 'count-sigint.js');
      writeFileSync(
        counter,
        'let n = 0; process.on("SIGINT", () => n++); console.log("ready"); setTimeout(() => { console.log(`SIGINT x${n}`); process.exit(0); }, 1500);',
      );
      const atTerminal = async (command: string[]) => {
        const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
        const line = [process.execPath, CLI, '--data-dir', dataDir, '--password-env', 'KW_TEST_PASSWORD', 'run', '--', ...command]
          .map(quote)
          .join(' ');
        const terminal = spawn('script', ['-qec', line, '/dev/null'], { env: { ...process.env, KW_TEST_PASSWORD: PASSWORD } });
        let output = '';
        terminal.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          // Ctrl-C, typed once the command is listening for it.
          if (!output.includes('ready') && (output + chunk).includes('ready')) terminal.stdin.write('\x03');
          output += chunk;
        });
        await new Promise((resolve) => terminal.on('exit', resolve));
        terminal.stdin.end();
        return output;
      };
      expect(await atTerminal(['setsid', process.execPath, counter])).toContain('SIGINT x0');
      // In keyward's process group, as commands are, the terminal's Ctrl-C reaches it.
      expect(await atTerminal([process.execPath, counter])).toContain('SIGINT x1');
    },
    30_000,
  );

  it('says so when the command cannot be started', async () => {
    const run = await keyward(['run', '--', 'keyward-no-such-command-0000']);
    expect(run.code).toBe(127);
    expect(run.stderr).toBe('keyward: cannot start keyward-no-such-command-0000: command not found.\n');
  });
});

describe('keyward inject', () => {
  it('fills the placeholders into a file of mode 0600, replaced atomically', async () => {
    const template = join(work, 'compose.override.tpl');
    writeFileSync(
      template,
      'services:\n  api:\n    environment:\n      STRIPE: "{{ keyward://stripe/Stripe%20test }}"\n      GH: {{keyward://github/Bot}}\n',
    );
    const out = join(work, 'compose.override.yml');
    const run = await keyward(['inject', '-i', template, '-o', out]);
    expect(run.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(
      `services:\n  api:\n    environment:\n      STRIPE: "${CANARY}"\n      GH: ${GITHUB}\n`,
    );
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
    // To a pipe it writes to stdout.
    const piped = await keyward(['inject', '-i', template], { canaryMayPrint: true });
    expect(piped.stdout).toContain(`STRIPE: "${CANARY}"`);
  });

  it('refuses to print keys on a terminal', async () => {
    const template = join(work, 'one.tpl');
    writeFileSync(template, '{{ keyward://github/Bot }}');
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = new PassThrough();
    let said = '';
    stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await runCli(['inject', '-i', template], { stdin: new PassThrough(), stdout, stderr, env: {} });
    expect(code).toBe(2);
    expect(said).toBe('keyward: keyward inject would print keys on the terminal: give -o FILE, or pipe the output.\n');
    expect(stdout.read()).toBeNull();
  });
});

describe('keyward env import', () => {
  it('moves a project’s keys into the vault and rewrites the file to references, everything else kept', async () => {
    const env = join(work, '.env.production');
    const original = readFileSync(FIXTURE, 'utf8');
    writeFileSync(env, original);
    if (process.platform !== 'win32') chmodSync(env, 0o640);
    const dry = await keyward(['env', 'import', env, '--rewrite', '--dry-run']);
    expect(dry.stdout).toMatch(/^5 keys would be added \(environment prod\), 0 already in the vault, 9 values left alone\.$/m);
    expect(readFileSync(env, 'utf8')).toBe(original);

    const run = await keyward(['--json', 'env', 'import', env, '--rewrite']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      added: number;
      existing: number;
      skipped: number;
      items: Array<Record<string, unknown>>;
    };
    expect(report).toMatchObject({ added: 5, existing: 0, skipped: 9 });
    expect(report.items.find((item) => item.variable === 'GITHUB_TOKEN')).toEqual({
      variable: 'GITHUB_TOKEN',
      provider: 'github',
      reference: 'keyward://github/GITHUB_TOKEN',
      status: 'added',
    });
    expect(Object.keys(report.items[0]!)).toEqual(['variable', 'provider', 'reference', 'status']);
    const rewritten = readFileSync(env, 'utf8');
    const changed = original.split('\n').filter((line, i) => rewritten.split('\n')[i] !== line);
    expect(changed).toHaveLength(5);
    expect(rewritten).toContain('STRIPE_SECRET_KEY: keyward://stripe/STRIPE_SECRET_KEY\n');
    if (process.platform !== 'win32') expect(statSync(env).mode & 0o777).toBe(0o640);

    // The moved keys now reach a command through the rewritten file, once the file's own
    // reference to a key this vault does not hold is fixed: until then nothing starts.
    const command = node('console.log(process.env.GITHUB_TOKEN.startsWith("ghp_"), process.env.PORT)');
    const refused = await keyward(['run', '--env-file', env, ...command]);
    expect(refused.stderr).toBe('keyward: Nothing was started: keyward://openai/Main names no key in the vault.\n');
    writeFileSync(env, rewritten.replace('ALREADY=keyward://openai/Main\n', ''));
    const check = await keyward(['run', '--env-file', env, ...command]);
    expect(check.stdout).toBe('true 3000\n');
    const again = await keyward(['env', 'import', env]);
    expect(again.stdout).toMatch(/^0 keys were added \(environment prod\), 0 already in the vault, 13 values left alone\.$/m);
  }, 60_000);
});
