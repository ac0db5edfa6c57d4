import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyward, type Run } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { tempDir } from '../support/temp.ts';

// `keyward scan` end to end: a real child process (the scan looks in the home directory the
// process was started with), a real vault, a planted canary.

const PASSWORD = 'cli scan test password';
const CANARY = fakeKeys.anthropic('CANARYcli');
const UNKNOWN = fakeKeys.stripeLive('cliunknown');

let home: string;
let vault: string;
let passwordFile: string;

async function keyward(args: string[]): Promise<Run> {
  const run = await runKeyward(['--data-dir', vault, '--password-file', passwordFile, ...args], { home, spawn: true });
  for (const value of [CANARY, UNKNOWN, CANARY.slice(15, 60), PASSWORD]) expect(run.stdout + run.stderr).not.toContain(value);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  return run;
}

beforeAll(async () => {
  // Not tempDir(): that is removed after each test, and the vault lives through all of them.
  home = mkdtempSync(join(tmpdir(), 'keyward-cli-scan-'));
  vault = join(home, 'vault');
  passwordFile = join(home, 'password.txt');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  expect((await runKeyward(['init', '--data-dir', vault, '--password-file', passwordFile], { home, spawn: true })).code).toBe(0);
  const added = await runKeyward(['add', '--label', 'Canary', '--data-dir', vault, '--password-file', passwordFile], {
    home,
    stdin: CANARY,
    spawn: true,
  });
  expect(added.code, added.stderr).toBe(0);
}, 60_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('keyward scan', () => {
  it('exits 5 with findings, prints them grouped by key without the value, and --json has the documented shape', async () => {
    const project = tempDir();
    writeFileSync(join(project, '.env'), `ANTHROPIC_API_KEY=${CANARY}\nSTRIPE=${UNKNOWN}\n`);
    mkdirSync(join(home, '.codex', 'sessions'), { recursive: true });
    writeFileSync(join(home, '.codex', 'sessions', 'log.jsonl'), `{"output":"${CANARY}"}\n`);

    const text = await keyward(['scan', project, '--agents']);
    expect(text.code, text.stderr).toBe(5);
    expect(text.stdout).toContain(`Canary (sk-ant-api03-…${CANARY.slice(-4)}) — in the vault: rotate it`);
    expect(text.stdout).toContain(`${join(project, '.env')}:1:19`);
    expect(text.stdout).toContain(`${join(home, '.codex', 'sessions', 'log.jsonl')}:1:12`);
    expect(text.stdout).toContain('Stripe secret key (sk_live_…');
    expect(text.stdout).toMatch(/Scanned 2 files, .*: 3 findings\./);

    const json = await keyward(['scan', project, '--json']);
    expect(json.code).toBe(5);
    const report = JSON.parse(json.stdout) as {
      findings: Array<Record<string, unknown>>;
      filesScanned: number;
      bytesScanned: number;
    };
    expect(report.filesScanned).toBe(1);
    expect(report.bytesScanned).toBeGreaterThan(100);
    expect(report.findings).toEqual([
      expect.objectContaining({
        keyId: expect.any(String),
        label: 'Canary',
        kind: 'vault',
        path: join(project, '.env'),
        line: 1,
        column: 19,
        commit: null,
      }),
      expect.objectContaining({ keyId: null, label: 'Stripe secret key', kind: 'unknown', line: 2, column: 8, commit: null }),
    ]);
    expect(Object.keys(report.findings[0]!).slice(0, 8)).toEqual([
      'keyId',
      'label',
      'masked',
      'kind',
      'path',
      'line',
      'column',
      'commit',
    ]);
  }, 60_000);

  it('exits 0 when nothing is found, and 2 for a path that does not exist', async () => {
    const clean = tempDir();
    writeFileSync(join(clean, 'notes.txt'), 'nothing to see\n');
    const run = await keyward(['scan', clean]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Scanned 1 files, .*: nothing found\./);
    const missing = await keyward(['scan', join(clean, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(clean, 'nope'));
  }, 60_000);
});
