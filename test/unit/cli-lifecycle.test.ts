import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import type { KeySummary } from '../../contract/keys.ts';
import type { DueItem } from '../../contract/reminders.ts';
import type { HistoryEntry, RotationResult } from '../../contract/rotation.ts';
import { addDays, localDay } from '../../contract/days.ts';
import { runKeyward, type Run } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';

// `keyward due`, `rotate` and `history` end to end on a real vault, in this process
// (test/support/cli-run.ts; test/unit/cli.test.ts starts the real processes). The
// CLI runs on the real clock, so dates are written relative to today.
const PASSWORD = 'lifecycle cli password';
const SECRETS = {
  expiring: fakeKeys.openaiProject('exp'),
  expired: fakeKeys.github('gone'),
  rotating: fakeKeys.stripeLive('r1'),
  rotated: fakeKeys.stripeLive('r2'),
  calm: fakeKeys.anthropic('calm'),
};
const today = localDay(new Date());
const inDays = (n: number) => addDays(today, n);

let root: string;
let home: string;
let vault: string;
const env = { KW_PASSWORD: PASSWORD };
const auth = () => ['--data-dir', vault, '--password-env', 'KW_PASSWORD'];
const ids: Record<string, string> = {};

/** Runs keyward and checks what every run must hold: no stack trace, no secret unless `reveals`. */
async function keyward(args: string[], options: { stdin?: string; reveals?: string } = {}): Promise<Run> {
  const run = await runKeyward([...args, ...auth()], { home, env, stdin: options.stdin });
  expect(run.stderr, `stack trace from keyward ${args.join(' ')}`).not.toMatch(/^\s+at /m);
  const printed = run.stderr + run.stdout.replace(options.reveals ?? '\0', '');
  for (const secret of [...Object.values(SECRETS), PASSWORD])
    expect(printed.includes(secret), `a secret printed by ${args.join(' ')}`).toBe(false);
  return run;
}

function ok(run: Run): Run {
  expect(run.stderr, `keyward ${run.args.join(' ')}`).toBe('');
  expect(run.code, `keyward ${run.args.join(' ')}`).toBe(0);
  return run;
}

const json = <T>(run: Run) => JSON.parse(ok(run).stdout) as T;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keyward-cli-lifecycle-'));
  home = join(root, 'home');
  mkdirSync(home);
  vault = join(root, 'vault');
  ok(await runKeyward(['init', '--data-dir', vault, '--password-env', 'KW_PASSWORD'], { home, env }));
  const add = async (name: keyof typeof SECRETS, args: string[]) => {
    ids[name] = json<KeySummary>(await keyward(['add', '--json', ...args], { stdin: SECRETS[name] })).id;
  };
  await add('expiring', ['--label', 'Chatbot prod', '--expires', inDays(2)]);
  await add('expired', ['--label', 'Old deploy token', '--expires', inDays(-3)]);
  await add('rotating', ['--label', 'Shop live', '--rotate-days', '10']);
  await add('calm', ['--label', 'Far away', '--expires', inDays(200)]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('keyward due', () => {
  it('lists expired and due keys as JSON for scripts: label, provider, due date, reason; overdue first', async () => {
    const items = json<DueItem[]>(await keyward(['due', '--json']));
    expect(items.map((i) => [i.label, i.provider, i.dueDate, i.reason, i.daysLeft])).toEqual([
      ['Old deploy token', 'github', inDays(-3), 'expiry', -3],
      ['Chatbot prod', 'openai', inDays(2), 'expiry', 2],
      ['Shop live', 'stripe', inDays(10), 'rotation', 10],
    ]);
    expect(items[0]).toMatchObject({ keyId: ids.expired, tone: 'expired', summary: 'Expired 3 days ago' });
  });

  it('looks as far ahead as --within says', async () => {
    const labels = async (within: string) =>
      json<DueItem[]>(await keyward(['due', '--within', within, '--json'])).map((i) => i.label);
    expect(await labels('0')).toEqual(['Old deploy token']);
    expect(await labels('5')).toEqual(['Old deploy token', 'Chatbot prod']);
    expect(await labels('365')).toEqual(['Old deploy token', 'Chatbot prod', 'Shop live', 'Far away']);
  });

  it('prints a table for people', async () => {
    const lines = ok(await keyward(['due']))
      .stdout.trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^DUE\s+REASON\s+PROVIDER\s+LABEL\s+STATUS\s+ID$/);
    expect(lines[1]).toMatch(
      new RegExp(`^${inDays(-3)}\\s+expiry\\s+GitHub\\s+Old deploy token\\s+Expired 3 days ago\\s+${ids.expired}$`),
    );
    expect(lines).toHaveLength(4);
    expect(ok(await keyward(['due', '--within', '0', '--json'])).stdout).not.toBe('[]\n');
  });

  it('rejects a bad --within before unlocking anything', async () => {
    for (const bad of ['-1', 'soon', '1.5']) {
      const run = await keyward(['due', '--within', bad]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^[^\n]+\n$/);
      expect(run.stdout).toBe('');
    }
  });
});

describe('keyward rotate and history', () => {
  it('rotate takes the new key on stdin, keeps the old one in history and restarts the rotation clock', async () => {
    const run = ok(
      await keyward(['rotate', ids.rotating!, '--keep-old', '7', '--expires', inDays(365)], { stdin: `${SECRETS.rotated}\n` }),
    );
    expect(run.stdout).toBe(
      `Rotated Shop live: now sk_live_…${SECRETS.rotated.slice(-4)}; the old key is #1 in its history. Revoke it at the provider by ${inDays(7)}.\n`,
    );
    const [key] = json<KeySummary[]>(await keyward(['list', '--search', 'shop', '--json']));
    expect(key).toMatchObject({ expiresAt: inDays(365), masked: `sk_live_…${SECRETS.rotated.slice(-4)}` });
    expect(key!.lastRotatedAt!.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(ok(await keyward(['reveal', ids.rotating!], { reveals: SECRETS.rotated })).stdout).toBe(`${SECRETS.rotated}\n`);
    // Rotation is due again in 10 days from now; the old key is to be revoked in 7.
    const due = json<DueItem[]>(await keyward(['due', '--within', '30', '--json'])).filter((i) => i.keyId === ids.rotating);
    expect(due.map((i) => [i.reason, i.dueDate, i.historySeq])).toEqual([
      ['revoke', inDays(7), 1],
      ['rotation', inDays(10), 0],
    ]);
  });

  it('history lists earlier secrets masked; --reveal prints one, audited; --mark-revoked ends its reminder', async () => {
    const [entry] = json<HistoryEntry[]>(await keyward(['history', ids.rotating!, '--json']));
    expect(entry).toMatchObject({
      seq: 1,
      masked: `sk_live_…${SECRETS.rotating.slice(-4)}`,
      revokeBy: inDays(7),
      revokedAt: null,
    });
    const table = ok(await keyward(['history', ids.rotating!])).stdout.split('\n');
    expect(table[0]).toMatch(/^#\s+KEY\s+ADDED\s+REPLACED\s+STATUS$/);
    expect(table[1]).toMatch(
      new RegExp(
        `^1\\s+sk_live_…${SECRETS.rotating.slice(-4)}\\s+\\d{4}-\\d\\d-\\d\\d\\s+\\d{4}-\\d\\d-\\d\\d\\s+revoke by ${inDays(7)}$`,
      ),
    );

    expect(ok(await keyward(['history', ids.rotating!, '--reveal', '1'], { reveals: SECRETS.rotating })).stdout).toBe(
      `${SECRETS.rotating}\n`,
    );
    const marked = ok(await keyward(['history', ids.rotating!, '--mark-revoked', '1'])).stdout;
    expect(marked).toBe(`Marked #1 (sk_live_…${SECRETS.rotating.slice(-4)}) as revoked.\n`);
    const due = json<DueItem[]>(await keyward(['due', '--within', '30', '--json']));
    expect(due.some((i) => i.reason === 'revoke')).toBe(false);

    const audit = json<AuditEntry[]>(await keyward(['audit', '--json'])).filter((e) => e.keyId === ids.rotating);
    expect(audit.slice(0, 3).map((e) => [e.action, e.source, e.keyLabel, e.detail])).toEqual([
      ['key.history-revoked', 'cli', 'Shop live', '#1'],
      ['key.history-revealed', 'cli', 'Shop live', '#1'],
      ['key.revealed', 'cli', 'Shop live', ''],
    ]);
    expect(audit.find((e) => e.action === 'key.rotated')).toMatchObject({
      keyLabel: 'Shop live',
      detail: `old key kept as #1; revoke by ${inDays(7)}; expiresAt`,
    });
  });

  it('--json gives the rotation result; --no-expires clears the expiry', async () => {
    const result = json<RotationResult>(
      await keyward(['rotate', ids.expiring!, '--no-expires', '--json'], { stdin: fakeKeys.openaiProject('exp2') }),
    );
    expect(result).toMatchObject({ keyId: ids.expiring, previous: { seq: 1, revokeBy: null } });
    expect(JSON.stringify(result)).not.toContain(fakeKeys.openaiProject('exp2'));
    const due = json<DueItem[]>(await keyward(['due', '--json']));
    expect(due.some((i) => i.keyId === ids.expiring)).toBe(false);
    expect(ok(await keyward(['history', ids.calm!])).stdout).toBe('This key has not been rotated yet.\n');
  });

  it('refuses the key already stored, another provider’s key, and bad flags: one line, exit 2, nothing changed', async () => {
    const before = ok(await keyward(['history', ids.rotating!, '--json'])).stdout;
    const expectUsage = (run: Run, problem: RegExp) => {
      expect(run.stderr).toMatch(/^[^\n]+\n$/);
      expect(run.stderr).toMatch(problem);
      expect(run.stdout).toBe('');
      expect(run.code).toBe(2);
    };
    expectUsage(await keyward(['rotate', ids.rotating!], { stdin: SECRETS.rotated }), /already stored/);
    expectUsage(
      await keyward(['rotate', ids.rotating!], { stdin: fakeKeys.github('other') }),
      /looks like a GitHub key, not Stripe/,
    );
    expectUsage(
      await keyward(['rotate', ids.rotating!, '--keep-old', '0'], { stdin: fakeKeys.stripeLive('r3') }),
      /keep-old|At least 1 day/,
    );
    expectUsage(
      await keyward(['rotate', ids.rotating!, '--expires', 'next week'], { stdin: fakeKeys.stripeLive('r3') }),
      /YYYY-MM-DD/,
    );
    expectUsage(await keyward(['rotate', ids.rotating!], { stdin: '' }), /No key on standard input/);
    expectUsage(await keyward(['history', ids.rotating!, '--reveal', '1', '--mark-revoked', '1']), /not both/);
    expect(ok(await keyward(['history', ids.rotating!, '--json'])).stdout).toBe(before);
  });

  it('says what is missing for unknown keys and entries', async () => {
    const unknown = await keyward(['history', '3f0c0000-0000-4000-8000-000000000000']);
    expect([unknown.code, unknown.stderr]).toEqual([1, 'keyward: No key with that id.\n']);
    const entry = await keyward(['history', ids.rotating!, '--reveal', '9']);
    expect([entry.code, entry.stderr]).toEqual([1, 'keyward: That key has no history entry #9.\n']);
  });
});
