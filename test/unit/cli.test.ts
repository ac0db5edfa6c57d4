import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { runKeyward, type Run } from '../support/cli-run.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';

// The `keyward` command end to end on real vaults in temp dirs, run in this process through
// main/cli.ts's runCli (test/support/cli-run.ts); 'as a real process' below starts one child
// process per exit code, for what only a process shows.

const PASSWORD = 'cli test password, first line';
const NEW_PASSWORD = 'the new cli password';
const SECRETS = {
  stripeTest: fakeKeys.stripeTest(),
  openai: fakeKeys.openaiProject(),
  custom: moreFakeKeys.unrecognised('cli'),
  github: fakeKeys.github('rm'),
  anthropic: fakeKeys.anthropic(),
};
/** Nothing here may appear in any output except `reveal`'s. */
const NEVER_PRINTED = [...Object.values(SECRETS), PASSWORD, NEW_PASSWORD];

let root: string;
/** A home of our own, so no test can reach the user's real default vault. */
let home: string;

/** `keyward` (test/support/cli-run.ts), which must never print a stack trace or a secret. */
async function keyward(
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; reveals?: boolean; spawn?: boolean } = {},
): Promise<Run> {
  const run = await runKeyward(args, { home, stdin: options.stdin, env: options.env, spawn: options.spawn });
  expect(run.stderr, `stack trace from keyward ${args.join(' ')}`).not.toMatch(/^\s+at /m);
  const printed = options.reveals ? run.stderr : run.stdout + run.stderr;
  for (const secret of NEVER_PRINTED)
    expect(printed.includes(secret), `a secret printed by keyward ${args.join(' ')}`).toBe(false);
  return run;
}

function expectOk(run: Run): Run {
  expect(run.stderr, `keyward ${run.args.join(' ')}`).toBe('');
  expect(run.code, `keyward ${run.args.join(' ')}`).toBe(0);
  return run;
}

/** Exactly one line on stderr, naming the problem; nothing on stdout. */
function expectFailure(run: Run, code: number, problem: RegExp): void {
  expect(run.stderr).toMatch(/^[^\n]+\n$/);
  expect(run.stderr).toMatch(problem);
  expect(run.stdout).toBe('');
  expect(run.code, run.stderr).toBe(code);
}

function json<T>(run: Run): T {
  return JSON.parse(expectOk(run).stdout) as T;
}

function dir(name: string): string {
  const path = join(root, name);
  mkdirSync(path, { recursive: true });
  return path;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'keyward-cli-'));
  home = dir('home');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('a shared vault', () => {
  let vault: string;
  let passwordFile: string;
  const env = { KW_PASSWORD: PASSWORD };
  const auth = () => ['--data-dir', vault, '--password-env', 'KW_PASSWORD'];
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    vault = join(root, 'shared');
    passwordFile = join(root, 'password.txt');
    // Only the first line counts: a trailing note or a CRLF line end must not become part of it.
    writeFileSync(passwordFile, `${PASSWORD}\r\nthis second line is not part of the password\n`);
    runs.init = await keyward(['init', '--data-dir', vault, '--password-file', passwordFile]);
    runs.addStripe = await keyward(
      [
        'add',
        '--label',
        'Shop test',
        ...auth(),
        '--env',
        'dev',
        '--expires',
        '2027-01-31',
        '--rotate-days',
        '90',
        '--used-in',
        'checkout',
        '--used-in',
        'webhooks',
        '--tag',
        'payments',
        '--tag',
        'eu',
      ],
      { stdin: `${SECRETS.stripeTest}\n`, env },
    );
    runs.addOpenai = await keyward(['add', '--label', 'Support bot', ...auth(), '--json'], { stdin: SECRETS.openai, env });
    runs.addCustom = await keyward(['add', '--label', 'Gateway', '--provider', 'custom:Acme Internal', ...auth(), '--json'], {
      stdin: `  ${SECRETS.custom}  \n`,
      env,
    });
  });

  const list = async () => json<KeySummary[]>(await keyward(['list', '--json', ...auth()], { env }));
  const byLabel = async (label: string) => (await list()).find((key) => key.label === label)!;

  it('init creates a vault with the first line of --password-file', async () => {
    expectOk(runs.init!);
    expect(runs.init!.stdout).toContain(vault);
    expect(readdirSync(vault).sort()).toEqual(['vault.db', 'vault.header.json']);
    // The same password given another way opens it: the second line was ignored.
    expectOk(await keyward(['list', ...auth()], { env }));
  });

  it('add reads the secret from stdin, recognises the provider and keeps every option', async () => {
    const added = expectOk(runs.addStripe!).stdout;
    expect(added).toMatch(/^Added Shop test \(stripe, sk_test_…[^)]+\) as [0-9a-f-]{36}\n$/);
    const key = await byLabel('Shop test');
    expect(key).toMatchObject({
      provider: 'stripe',
      live: false,
      environment: 'dev',
      expiresAt: '2027-01-31',
      rotateEveryDays: 90,
      usedIn: ['checkout', 'webhooks'],
      tags: ['payments', 'eu'],
      masked: `sk_test_…${SECRETS.stripeTest.slice(-4)}`,
    });
    expect(added).toContain(key.id);
  });

  it('add recognises an OpenAI project key and honours --provider for an unknown format', async () => {
    expect(json<KeySummary>(runs.addOpenai!)).toMatchObject({ label: 'Support bot', provider: 'openai', environment: 'prod' });
    expect(json<KeySummary>(runs.addCustom!)).toMatchObject({ label: 'Gateway', provider: 'custom:Acme Internal', live: null });
  });

  it('list --json gives masked summaries and no secret', async () => {
    const keys = await list();
    expect(keys.map((key) => key.label).sort()).toEqual(['Gateway', 'Shop test', 'Support bot']);
    for (const key of keys) {
      for (const field of ['id', 'provider', 'label', 'environment', 'masked', 'expiresAt'] as const)
        expect(key).toHaveProperty(field);
      expect(key).not.toHaveProperty('secret');
      expect(key.masked).toContain('…');
    }
  });

  it('list --search filters by every word', async () => {
    const search = async (text: string) =>
      json<KeySummary[]>(await keyward(['list', '--search', text, '--json', ...auth()], { env })).map((key) => key.label);
    expect(await search('payments')).toEqual(['Shop test']);
    expect(await search('acme gateway')).toEqual(['Gateway']);
    expect(await search('acme payments')).toEqual([]);
    const none = expectOk(await keyward(['list', '--search', 'nothing-like-this', ...auth()], { env }));
    expect(none.stdout).toBe('No key matches.\n');
  });

  it('human list prints a table of masked keys', async () => {
    const keys = await list();
    const { stdout } = expectOk(await keyward(['list', ...auth()], { env }));
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+PROVIDER\s+ENV\s+LABEL\s+KEY\s+EXPIRES$/);
    expect(lines).toHaveLength(keys.length + 1);
    const stripe = keys.find((key) => key.provider === 'stripe')!;
    const row = lines.find((line) => line.startsWith(stripe.id))!;
    expect(row.split(/\s{2,}/)).toEqual([stripe.id, 'stripe', 'dev', 'Shop test', stripe.masked, '2027-01-31']);
  });

  it('reveal prints exactly the secret and is audited', async () => {
    const key = await byLabel('Shop test');
    const run = expectOk(await keyward(['reveal', key.id, ...auth()], { env, reveals: true }));
    expect(run.stdout).toBe(`${SECRETS.stripeTest}\n`);
    const asJson = json<{ id: string; secret: string }>(
      await keyward(['reveal', key.id, '--json', ...auth()], { env, reveals: true }),
    );
    expect(asJson).toEqual({ id: key.id, secret: SECRETS.stripeTest });
    const custom = await byLabel('Gateway');
    expect(expectOk(await keyward(['reveal', custom.id, ...auth()], { env, reveals: true })).stdout).toBe(`${SECRETS.custom}\n`);
  });

  it('rm moves a key to the trash; trash list, restore and purge', async () => {
    const added = json<KeySummary>(
      await keyward(['add', '--label', 'Short-lived', '--json', ...auth()], { stdin: SECRETS.github, env }),
    );
    const run = expectOk(await keyward(['rm', added.id, ...auth()], { env }));
    expect(run.stdout).toBe(
      `Moved Short-lived (${added.id}) to the trash; \`keyward trash restore ${added.id}\` brings it back within 30 days.\n`,
    );
    expect((await list()).map((key) => key.id)).not.toContain(added.id);
    const trashed = json<Array<KeySummary & { deletedAt: string; purgeAt: string }>>(
      await keyward(['trash', 'list', '--json', ...auth()], { env }),
    );
    expect(trashed.map((key) => key.id)).toEqual([added.id]);
    expect(Date.parse(trashed[0]!.purgeAt) - Date.parse(trashed[0]!.deletedAt)).toBe(30 * 24 * 3600_000);
    const human = expectOk(await keyward(['trash', 'list', ...auth()], { env }))
      .stdout.trimEnd()
      .split('\n');
    expect(human[0]).toMatch(/^ID\s+PROVIDER\s+LABEL\s+KEY\s+DELETED\s+PURGED ON$/);
    expect(human[1]).toContain('Short-lived');

    expect(expectOk(await keyward(['trash', 'restore', added.id, ...auth()], { env })).stdout).toBe(
      `Restored Short-lived (${added.id}).\n`,
    );
    expect((await list()).map((key) => key.id)).toContain(added.id);
    expectFailure(await keyward(['trash', 'restore', added.id, ...auth()], { env }), 2, /Short-lived is not in the trash/);

    expectOk(await keyward(['rm', added.id, ...auth()], { env }));
    expectFailure(await keyward(['trash', 'purge', ...auth()], { env }), 2, /--all/);
    expect(expectOk(await keyward(['trash', 'purge', added.id, ...auth()], { env })).stdout).toBe('Deleted forever: 1 key.\n');
    expect(json<unknown[]>(await keyward(['trash', 'list', '--json', ...auth()], { env }))).toEqual([]);
    expectFailure(await keyward(['trash', 'restore', added.id, ...auth()], { env }), 1, /No key with that id/);
  });

  it('audit --json lists what happened and never a secret', async () => {
    const entries = json<AuditEntry[]>(await keyward(['audit', '--json', ...auth()], { env }));
    // The stored English detail, as ever; the phrase beside it is the window's.
    expect(entries.every((entry) => typeof entry.detail === 'string' && !('detailPhrase' in entry))).toBe(true);
    const actions = entries.map((entry) => entry.action);
    for (const action of [
      'vault.created',
      'vault.unlocked',
      'key.added',
      'key.revealed',
      'key.trashed',
      'key.restored',
      'key.purged',
    ]) {
      expect(actions).toContain(action);
    }
    expect(entries.filter((entry) => entry.action === 'key.purged').map((entry) => entry.keyLabel)).toEqual(['Short-lived']);
    const trashedOnly = json<AuditEntry[]>(await keyward(['audit', '--json', '--action', 'key.trashed', ...auth()], { env }));
    expect(trashedOnly.map((entry) => [entry.action, entry.keyLabel])).toEqual([
      ['key.trashed', 'Short-lived'],
      ['key.trashed', 'Short-lived'],
    ]);
    const stripe = await byLabel('Shop test');
    const aboutStripe = json<AuditEntry[]>(await keyward(['audit', '--json', '--key', stripe.id, ...auth()], { env }));
    expect(aboutStripe.length).toBeGreaterThan(0);
    expect(aboutStripe.every((entry) => entry.keyId === stripe.id)).toBe(true);
    expect(new Set(entries.map((entry) => entry.source))).toEqual(new Set(['cli']));
    const human = expectOk(await keyward(['audit', '--limit', '3', ...auth()], { env })).stdout;
    expect(human.trimEnd().split('\n')).toHaveLength(3);
  });

  it('takes global options after the command as well as before it', async () => {
    const after = json<KeySummary[]>(
      await keyward(['list', '--data-dir', vault, '--password-env', 'KW_PASSWORD', '--json'], { env }),
    );
    const before = json<KeySummary[]>(await keyward(['--json', '--data-dir', vault, '--password-file', passwordFile, 'list']));
    expect(after.length).toBeGreaterThan(0);
    expect(before).toEqual(after);
  });

  describe('exit codes', () => {
    it('2 for usage errors, each named on one stderr line, with nothing written', async () => {
      const keysBefore = await list();
      const [unknownOption, noLabel, badEnv, noPassword, unknownCommand, noPasswordForAdd, unsetVariable] = await Promise.all([
        keyward(['list', '--colour', ...auth()], { env }),
        keyward(['add', ...auth()], { stdin: SECRETS.anthropic, env }),
        keyward(['add', '--label', 'x', '--env', 'production', ...auth()], { stdin: SECRETS.anthropic, env }),
        keyward(['list', '--data-dir', vault]),
        keyward(['frobnicate', ...auth()], { env }),
        keyward(['add', '--label', 'x', '--data-dir', vault], { stdin: SECRETS.anthropic }),
        keyward(['list', '--data-dir', vault, '--password-env', 'KW_NOT_SET']),
      ]);
      expectFailure(unknownOption!, 2, /unknown option '--colour'/);
      expectFailure(noLabel!, 2, /--label/);
      expectFailure(badEnv!, 2, /'production'.*dev, staging, prod, other/);
      expectFailure(noPassword!, 2, /No master password given/);
      expectFailure(unknownCommand!, 2, /unknown command 'frobnicate'/);
      expectFailure(noPasswordForAdd!, 2, /No master password given/);
      expectFailure(unsetVariable!, 2, /KW_NOT_SET is not set/);
      expect(await list()).toEqual(keysBefore);
    });

    it('2 for a bad --expires date, and the key is not added', async () => {
      const keysBefore = await list();
      const run = await keyward(['add', '--label', 'x', '--expires', '2026-13-45', ...auth()], { stdin: SECRETS.anthropic, env });
      expectFailure(run, 2, /--expires.*Use a date written YYYY-MM-DD/);
      expect(await list()).toEqual(keysBefore);
    });

    it('1 for a missing key, an existing vault, or no vault at all; 2 for a malformed id', async () => {
      const [missing, again, none, malformed] = await Promise.all([
        keyward(['reveal', '00000000-0000-4000-8000-000000000000', ...auth()], { env, reveals: true }),
        keyward(['init', '--data-dir', vault, '--password-env', 'KW_PASSWORD'], { env }),
        keyward(['list', '--data-dir', join(root, 'no-vault-here'), '--password-env', 'KW_PASSWORD'], { env }),
        keyward(['rm', 'not-an-id', ...auth()], { env }),
      ]);
      expectFailure(missing!, 1, /No key with that id/);
      expectFailure(again!, 1, /already exists/);
      expectFailure(none!, 1, /No vault in .*no-vault-here/);
      expectFailure(malformed!, 2, /id: Not a key id/);
    });

    it('3 for a wrong password', async () => {
      const copy = join(root, 'wrong-password');
      cpSync(vault, copy, { recursive: true });
      const run = await keyward(['list', '--data-dir', copy, '--password-env', 'KW_PASSWORD'], {
        env: { KW_PASSWORD: 'not it' },
      });
      expectFailure(run, 3, /Wrong master password/);
    });

    it('4 for a damaged header or database', async () => {
      const damagedHeader = join(root, 'damaged-header');
      const damagedDb = join(root, 'damaged-db');
      const noHeader = join(root, 'no-header');
      for (const copy of [damagedHeader, damagedDb, noHeader]) cpSync(vault, copy, { recursive: true });
      writeFileSync(join(damagedHeader, 'vault.header.json'), '{"format":"keyward-vault", "version":');
      const db = readFileSync(join(damagedDb, 'vault.db'));
      for (const offset of [4200, db.length >> 1, db.length - 100]) db[offset]! ^= 0x5a;
      writeFileSync(join(damagedDb, 'vault.db'), db);
      rmSync(join(noHeader, 'vault.header.json'));

      const runs = await Promise.all(
        [damagedHeader, damagedDb, noHeader].map((copy) =>
          keyward(['list', '--data-dir', copy, '--password-env', 'KW_PASSWORD'], { env }),
        ),
      );
      expectFailure(runs[0]!, 4, /damaged: the vault header/);
      expectFailure(runs[1]!, 4, /damaged: vault\.db/);
      expectFailure(runs[2]!, 4, /damaged: the vault header \(vault\.header\.json\) is missing/);
      // The damaged files are left as they were.
      expect(readFileSync(join(damagedDb, 'vault.db')).equals(db)).toBe(true);
    });
  });

  // Everything above runs in this process. A child process shows what it cannot: the exit code the
  // shell sees and what reaches the real stdout and stderr. One per exit code; keyward() checks
  // each for a stack trace and for every secret and password of this file.
  describe('as a real process', () => {
    const spawned = (args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) =>
      keyward(args, { ...options, spawn: true });

    it('0: add takes the secret from stdin and prints only its masked form', async () => {
      const run = expectOk(await spawned(['add', '--label', 'Spawned', ...auth()], { stdin: `${SECRETS.anthropic}\n`, env }));
      expect(run.stdout).toMatch(/^Added Spawned \(anthropic, .*…[^)]+\) as [0-9a-f-]{36}\n$/);
    });

    it('1: no vault in the directory', async () => {
      expectFailure(
        await spawned(['list', '--data-dir', join(root, 'nothing-here'), '--password-env', 'KW_PASSWORD'], { env }),
        1,
        /No vault in/,
      );
    });

    it('2: a usage error', async () => {
      expectFailure(await spawned(['list', '--colour', ...auth()], { env }), 2, /unknown option '--colour'/);
    });

    it('3: a wrong password', async () => {
      const copy = join(root, 'wrong-password-spawned');
      cpSync(vault, copy, { recursive: true });
      expectFailure(
        await spawned(['list', '--data-dir', copy, '--password-env', 'KW_PASSWORD'], { env: { KW_PASSWORD: 'not it' } }),
        3,
        /Wrong master password/,
      );
    });

    it('4: a damaged vault header', async () => {
      const damaged = join(root, 'damaged-spawned');
      cpSync(vault, damaged, { recursive: true });
      writeFileSync(join(damaged, 'vault.header.json'), '{"format":');
      expectFailure(
        await spawned(['list', '--data-dir', damaged, '--password-env', 'KW_PASSWORD'], { env }),
        4,
        /damaged: the vault header/,
      );
    });
  });
});

describe('detect', () => {
  it('recognises a key on stdin without any vault', async () => {
    const stripe = json<{ provider: string | null; live: boolean | null }>(
      await keyward(['detect', '--json'], { stdin: `${SECRETS.stripeTest}\n` }),
    );
    expect(stripe).toMatchObject({ provider: 'stripe', live: false });
    const unknown = json<{ provider: string | null; live: boolean | null }>(
      await keyward(['detect', '--json'], { stdin: moreFakeKeys.unrecognised('detect') }),
    );
    expect(unknown).toMatchObject({ provider: null, live: null });
    expect(expectOk(await keyward(['detect'], { stdin: SECRETS.openai })).stdout).toBe('openai project key\n');
    // Nothing was created in the default data directory.
    expect(readdirSync(home)).toEqual([]);
  });

  it('needs a value on stdin', async () => {
    expectFailure(await keyward(['detect', '--json'], { stdin: '\n' }), 2, /No key on standard input/);
  });
});

describe('passwd and init from an environment variable', () => {
  it('init with --password-env, then passwd: the old password fails and the new one works', async () => {
    const vault = dir('passwd');
    const newPasswordFile = join(root, 'new-password.txt');
    writeFileSync(newPasswordFile, `${NEW_PASSWORD}\n`);
    const env = { KW_OLD: PASSWORD, KW_NEW: NEW_PASSWORD };
    expectOk(await keyward(['init', '--data-dir', vault, '--password-env', 'KW_OLD', '--json'], { env }));
    const key = json<KeySummary>(
      await keyward(['add', '--label', 'Claude', '--data-dir', vault, '--password-env', 'KW_OLD', '--json'], {
        stdin: SECRETS.anthropic,
        env,
      }),
    );
    expect(key.provider).toBe('anthropic');

    const changed = await keyward(
      ['passwd', '--data-dir', vault, '--password-env', 'KW_OLD', '--new-password-file', newPasswordFile],
      { env },
    );
    expect(expectOk(changed).stdout).toBe('Master password changed.\n');

    expectFailure(await keyward(['list', '--data-dir', vault, '--password-env', 'KW_OLD'], { env }), 3, /Wrong master password/);
    const keys = json<KeySummary[]>(await keyward(['list', '--json', '--data-dir', vault, '--password-env', 'KW_NEW'], { env }));
    expect(keys.map((k) => k.id)).toEqual([key.id]);
    const revealed = await keyward(['reveal', key.id, '--data-dir', vault, '--password-file', newPasswordFile], {
      reveals: true,
    });
    expect(expectOk(revealed).stdout).toBe(`${SECRETS.anthropic}\n`);
  });
});

describe('backup', () => {
  it('create, list and restore round trip: the deleted key comes back, the current state is kept', async () => {
    const vault = dir('backup');
    const env = { KW: PASSWORD };
    const auth = ['--data-dir', vault, '--password-env', 'KW'];
    expectOk(await keyward(['init', ...auth], { env }));
    const key = json<KeySummary>(await keyward(['add', '--label', 'Keep me', '--json', ...auth], { stdin: SECRETS.github, env }));
    const made = json<{ name: string; reason: string }>(await keyward(['backup', 'create', '--json', ...auth], { env }));
    expect(made.reason).toBe('manual');
    expectOk(await keyward(['rm', key.id, ...auth], { env }));
    expect(json<KeySummary[]>(await keyward(['list', '--json', ...auth], { env }))).toEqual([]);

    const listed = expectOk(await keyward(['backup', 'list', ...auth], { env })).stdout;
    expect(listed).toContain(made.name);
    const restored = expectOk(await keyward(['backup', 'restore', made.name, ...auth], { env })).stdout;
    expect(restored).toMatch(new RegExp(`^Restored ${made.name}\\. The state before it is kept as .*-before-restore\\.\\n$`));
    expect(json<KeySummary[]>(await keyward(['list', '--json', ...auth], { env })).map((k) => k.id)).toEqual([key.id]);
    expectFailure(await keyward(['backup', 'restore', 'not a backup', ...auth], { env }), 2, /Not a backup name/);
    expectFailure(
      await keyward(['backup', 'restore', '2026-01-01T00-00-00-000Z-manual', ...auth], { env }),
      1,
      /No backup named/,
    );
  });

  it('delete removes the backups named, audited, and refuses a name it does not know without deleting any', async () => {
    const vault = dir('backup-delete');
    const env = { KW: PASSWORD };
    const auth = ['--data-dir', vault, '--password-env', 'KW'];
    expectOk(await keyward(['init', ...auth], { env }));
    const first = json<{ name: string }>(await keyward(['backup', 'create', '--json', ...auth], { env }));
    const second = json<{ name: string }>(await keyward(['backup', 'create', '--json', ...auth], { env }));
    expectFailure(
      await keyward(['backup', 'delete', first.name, '2026-01-01T00-00-00-000Z-manual', ...auth], { env }),
      1,
      /No backup named 2026-01-01T00-00-00-000Z-manual; nothing was deleted/,
    );
    expect(expectOk(await keyward(['backup', 'delete', first.name, ...auth], { env })).stdout).toBe(
      `Deleted 1 backup: ${first.name}.\n`,
    );
    const left = json<Array<{ name: string }>>(await keyward(['backup', 'list', '--json', ...auth], { env }));
    expect(left.map((b) => b.name)).toEqual([second.name]);
    expect(readdirSync(join(vault, 'backups')).filter((name) => name !== second.name)).toEqual([]);
    const audit = json<AuditEntry[]>(await keyward(['audit', '--json', '--action', 'vault.backup-deleted', ...auth], { env }));
    expect(audit.map((entry) => entry.detail)).toEqual([first.name]);
  });

  it('a vault that no longer opens: list backups without a password, recover one, unlock as usual', async () => {
    const vault = dir('recover');
    const env = { KW: PASSWORD };
    const auth = ['--data-dir', vault, '--password-env', 'KW'];
    expectOk(await keyward(['init', ...auth], { env }));
    const key = json<KeySummary>(await keyward(['add', '--label', 'Saved', '--json', ...auth], { stdin: SECRETS.github, env }));
    const made = json<{ name: string }>(await keyward(['backup', 'create', '--json', ...auth], { env }));
    // Damage the middle of the database.
    const db = join(vault, 'vault.db');
    const bytes = readFileSync(db);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(db, bytes);
    expectFailure(await keyward(['list', ...auth], { env }), 4, /damaged|corrupted/);

    const listed = expectOk(await keyward(['backup', 'list', '--data-dir', vault])).stdout;
    expect(listed).toContain(made.name);
    expectFailure(
      await keyward(['backup', 'recover', made.name, '--data-dir', vault, '--password-env', 'KW'], { env: { KW: 'not it' } }),
      3,
      /Wrong master password/,
    );
    const recovered = expectOk(await keyward(['backup', 'recover', made.name, ...auth], { env })).stdout;
    expect(recovered).toMatch(
      new RegExp(`^Recovered from ${made.name}\\. The damaged files are kept in .*damaged-.*\\. Unlock as usual\\.\\n$`),
    );
    expect(json<KeySummary[]>(await keyward(['list', '--json', ...auth], { env })).map((k) => k.id)).toEqual([key.id]);
    const setAside = readdirSync(vault).filter((name) => name.startsWith('damaged-'));
    expect(setAside).toHaveLength(1);
    expect(readFileSync(join(vault, setAside[0]!, 'vault.db')).equals(bytes)).toBe(true);
  });
});
