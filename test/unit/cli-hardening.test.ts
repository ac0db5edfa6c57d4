import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { runKeyward, type Run } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';

// Issue 18 (second security review), the CLI-visible items: 4, 5, 6, 7 and 9.

const PASSWORD = 'hardening test password';
const env = { KW: PASSWORD };
/** OSC 52: "set the clipboard to base64(…)", the sequence the review planted in an export. */
const OSC52 = '\u001b]52;c;RkFLRSBjbGlwYm9hcmQ=\u0007';

let root: string;
let home: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'keyward-hardening-'));
  home = join(root, 'home');
  mkdirSync(home);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
async function newVault(): Promise<{ dir: string; auth: string[] }> {
  const dir = join(root, `vault-${++count}`);
  const auth = ['--data-dir', dir, '--password-env', 'KW'];
  const init = await keyward(['init', ...auth]);
  expect(init.code, init.stderr).toBe(0);
  return { dir, auth };
}

function keyward(args: string[], options: { stdin?: string | Buffer } = {}): Promise<Run> {
  return runKeyward(args, { home, env, ...(options.stdin === undefined ? {} : { stdin: options.stdin as string }) });
}

/** Rewrites the header with the KDF field changed and its checksum recomputed (as a tamperer would). */
function tamperKdf(dir: string, change: (kdf: Record<string, number>) => void): void {
  const path = join(dir, 'vault.header.json');
  const header = JSON.parse(readFileSync(path, 'utf8'));
  change(header.kdf);
  const { checksum: _old, ...body } = header;
  void _old;
  header.checksum = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  writeFileSync(path, JSON.stringify(header));
}

describe('item 4: KDF parameters out of bounds are damage (exit 4), before any derivation', () => {
  it.each([
    ['2³²−1 passes', (kdf: Record<string, number>) => (kdf.iterations = 2 ** 32 - 1)],
    ['8 GiB of memory', (kdf: Record<string, number>) => (kdf.memoryKiB = 8 * 1024 * 1024)],
    ['255 lanes', (kdf: Record<string, number>) => (kdf.parallelism = 255)],
  ])('%s', async (_name, change) => {
    const { dir, auth } = await newVault();
    tamperKdf(dir, change);
    const run = await keyward(['list', ...auth]);
    expect(run.stderr).toMatch(/damaged.*key-derivation settings/);
    expect(run.code).toBe(4);
  });

  it('a backup header out of bounds is damage in `backup recover` too', async () => {
    const { dir, auth } = await newVault();
    expect((await keyward(['backup', 'create', ...auth])).code).toBe(0);
    const [name] = readdirSync(join(dir, 'backups'));
    tamperKdf(join(dir, 'backups', name!), (kdf) => (kdf.iterations = 2 ** 32 - 1));
    writeFileSync(join(dir, 'vault.header.json'), '{}');
    const run = await keyward(['backup', 'recover', name!, ...auth]);
    expect(run.stderr).toMatch(/damaged/);
    expect(run.code).toBe(4);
  });
});

describe('item 5: unbounded files', () => {
  it('--password-file /dev/zero is a usage error, not an abort', async () => {
    const { dir } = await newVault();
    const run = await keyward(['list', '--data-dir', dir, '--password-file', '/dev/zero']);
    expect(run.stderr).toMatch(/password file \/dev\/zero is larger than 64 KiB/);
    expect(run.code).toBe(2);
  });

  it('a header that is a symlink to /dev/zero is damage', async () => {
    const { dir, auth } = await newVault();
    rmSync(join(dir, 'vault.header.json'));
    symlinkSync('/dev/zero', join(dir, 'vault.header.json'));
    const run = await keyward(['list', ...auth]);
    expect(run.stderr).toMatch(/damaged/);
    expect(run.code).toBe(4);
  });
});

describe('item 6: terminal control characters in human output', () => {
  it('an OSC 52 sequence in an import’s key name and in a label is shown escaped; JSON keeps it exact', async () => {
    const { auth } = await newVault();
    const file = join(root, 'osc52.csv');
    writeFileSync(
      file,
      [
        'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count,inference_geo,speed',
        `2026-11-20,claude-haiku-4-5,"bot ${OSC52} \u202eevil",Default,standard,≤ 200k,1000,0,0,0,100,0,global,`,
      ].join('\n'),
    );
    const imported = await keyward(['usage', 'import', file, ...auth]);
    expect(imported.code, imported.stderr).toBe(0);
    const added = await keyward(['add', '--label', `label ${OSC52}`, ...auth], { stdin: fakeKeys.github('OSC') });
    expect(added.code, added.stderr).toBe(0);

    const outputs = await Promise.all([
      keyward(['usage', 'list', ...auth]),
      keyward(['costs', '--by', 'key', '--month', '2026-11', ...auth]),
      keyward(['list', ...auth]),
      keyward(['audit', ...auth]),
    ]);
    for (const run of outputs) {
      expect(run.code, `${run.args.join(' ')}: ${run.stderr}`).toBe(0);
      for (const raw of ['\u001b', '\u0007', '\u202e']) expect(run.stdout.includes(raw), run.args.join(' ')).toBe(false);
    }
    expect(outputs[0]!.stdout).toContain('\\x1b]52;c;RkFLRSBjbGlwYm9hcmQ=\\x07');
    expect(outputs[0]!.stdout).toContain('\\u202eevil');
    expect(outputs[2]!.stdout).toContain('label \\x1b]52;');

    const json = JSON.parse((await keyward(['list', '--json', ...auth])).stdout) as KeySummary[];
    expect(json[0]!.label).toBe(`label ${OSC52}`);
  });
});

describe('item 7: symlinks in the data directory', () => {
  it('a staging file planted as a symlink is never written through: backup restore refuses and the target is untouched', async () => {
    const { dir, auth } = await newVault();
    expect((await keyward(['backup', 'create', ...auth])).code).toBe(0);
    const [name] = readdirSync(join(dir, 'backups'));
    const victim = join(root, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'vault.db.restoring'));
    const run = await keyward(['backup', 'restore', name!, ...auth]);
    expect(run.stderr).toMatch(/symbolic link/);
    expect(run.code).toBe(4);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
  });

  it('a stale staging file (not a link) does not block a restore', async () => {
    const { dir, auth } = await newVault();
    expect((await keyward(['backup', 'create', ...auth])).code).toBe(0);
    const [name] = readdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'vault.db.restoring'), 'left by a crash');
    const run = await keyward(['backup', 'restore', name!, ...auth]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'vault.db.restoring'))).toBe(false);
  });
});

describe('item 9', () => {
  it('a key that is not valid UTF-8 is refused, not stored changed', async () => {
    const { auth } = await newVault();
    const bytes = Buffer.concat([Buffer.from('ghp_FAKE'), Buffer.from([0xff, 0xfe]), Buffer.from('a'.repeat(30))]);
    const run = await runKeyward(['add', '--label', 'bad bytes', ...auth], { home, env, stdin: bytes as unknown as string });
    expect(run.stderr).toMatch(/not valid UTF-8/);
    expect(run.code).toBe(2);
    expect(JSON.parse((await keyward(['list', '--json', ...auth])).stdout)).toEqual([]);
  });

  it('the data directory is 0700 and every file in it 0600, backups included, also a directory created loosely', async () => {
    const dir = join(root, 'loose');
    mkdirSync(dir, { mode: 0o755 });
    const auth = ['--data-dir', dir, '--password-env', 'KW'];
    expect((await keyward(['init', ...auth])).code).toBe(0);
    expect((await keyward(['add', '--label', 'k', ...auth], { stdin: fakeKeys.github('PERM') })).code).toBe(0);
    expect((await keyward(['backup', 'create', ...auth])).code).toBe(0);
    const walk = (path: string): void => {
      const stats = lstatSync(path);
      expect(stats.mode & 0o777, path).toBe(stats.isDirectory() ? 0o700 : 0o600);
      if (stats.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    };
    walk(dir);
  });

  it('a stored secret that fails authentication is damage (exit 4), not an internal error', async () => {
    const { dir, auth } = await newVault();
    const added = await keyward(['add', '--label', 'k', '--json', ...auth], { stdin: fakeKeys.github('AUTH') });
    const key = JSON.parse(added.stdout) as KeySummary;
    // Altered inside the database, with the database's own key: only the second layer can tell.
    const { Vault } = await import('../../main/vault/vault.ts');
    const vault = new Vault({ dataDir: dir, kdfPolicy: 'minimum' });
    await vault.unlock(PASSWORD, 'cli');
    const { db } = vault.session();
    const blob = db.prepare('SELECT secret FROM keys WHERE id = ?').pluck().get(key.id) as Buffer;
    blob[blob.length - 1]! ^= 0x01;
    db.prepare('UPDATE keys SET secret = ? WHERE id = ?').run(blob, key.id);
    vault.lock('manual');
    const run = await keyward(['reveal', key.id, ...auth]);
    expect(run.stderr).toMatch(/damaged.*authentication/);
    expect(run.code).toBe(4);
  });

  it('usage export --out to a directory fails without an "exported" audit entry', async () => {
    const { auth } = await newVault();
    const run = await keyward(['usage', 'export', '--out', root, ...auth]);
    expect(run.stderr).toMatch(/Cannot write to/);
    expect(run.code).toBe(2);
    const audit = JSON.parse((await keyward(['audit', '--json', ...auth])).stdout) as AuditEntry[];
    expect(audit.map((e) => e.action)).not.toContain('usage.exported');
  });
});
