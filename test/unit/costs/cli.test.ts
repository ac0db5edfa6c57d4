import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyward, type Run } from '../../support/cli-run.ts';

// The cost commands of `keyward` end to end over a real vault, run in this process
// (test/support/cli-run.ts; test/unit/cli.test.ts has the tests that start a real process).
const FIXTURES = fileURLToPath(new URL('../../fixtures/costs', import.meta.url));
const PASSWORD = 'cli cost test password';

let root: string;
let vault: string;

async function keyward(args: string[]): Promise<Run> {
  const run = await runKeyward([...args, '--data-dir', vault, '--password-env', 'KW_PASSWORD'], {
    home: root,
    env: { KW_PASSWORD: PASSWORD },
  });
  expect(run.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
  expect(run.stdout + run.stderr, 'no password').not.toContain(PASSWORD);
  return { ...run, args };
}

function ok(run: Run): Run {
  expect(run.stderr, `keyward ${run.args.join(' ')}`).toBe('');
  expect(run.code, `keyward ${run.args.join(' ')}`).toBe(0);
  return run;
}

const json = <T>(run: Run): T => JSON.parse(ok(run).stdout) as T;
const fixture = (name: string) => join(FIXTURES, name);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keyward-cost-cli-'));
  vault = join(root, 'vault');
  ok(await keyward(['init']));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('keyward usage import', () => {
  it('--dry-run reports what would be added and writes nothing', async () => {
    const dry = json<object>(await keyward(['usage', 'import', fixture('openai-cost.csv'), '--dry-run', '--json']));
    expect(dry).toEqual({ added: 4, duplicates: 0, errors: [] });
    expect(json<{ total: number }>(await keyward(['usage', 'list', '--json'])).total).toBe(0);
  });

  it('imports with the exact JSON shape, and a second import adds nothing', async () => {
    const first = json<object>(await keyward(['usage', 'import', fixture('openai-cost.csv'), '--json']));
    expect(first).toEqual({ added: 4, duplicates: 0, errors: [] });
    const again = json<object>(await keyward(['usage', 'import', fixture('openai-cost.csv'), '--json']));
    expect(again).toEqual({ added: 0, duplicates: 4, errors: [] });
    const text = ok(await keyward(['usage', 'import', fixture('anthropic-usage.csv')]));
    expect(text.stdout).toMatch(
      /^Imported .*anthropic-usage\.csv \(Anthropic Console usage export\): 3 added, 0 duplicates, 1 without usage; backup \S+before-import\.\n$/,
    );
  });

  it('rejects a file with invalid rows: exit 2, every bad line listed, one stderr line naming the first', async () => {
    const run = await keyward(['usage', 'import', fixture('anthropic-usage-bad-rows.csv'), '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      added: 0,
      duplicates: 0,
      errors: [
        { line: 4, message: 'usage_input_tokens_no_cache is not a whole number.' },
        { line: 6, message: 'usage_date_utc is not a date (expected YYYY-MM-DD or an ISO timestamp).' },
      ],
    });
    expect(run.stderr).toMatch(/^[^\n]+\n$/);
    expect(run.stderr).toContain(
      'anthropic-usage-bad-rows.csv rejected, nothing added: line 4: usage_input_tokens_no_cache is not a whole number. (2 invalid rows; fix them or use --skip-invalid)',
    );
    const text = await keyward(['usage', 'import', fixture('anthropic-usage-bad-rows.csv')]);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('  line 4: usage_input_tokens_no_cache is not a whole number.\n  line 6: ');
  });

  it('--skip-invalid imports the rest and lists what it skipped', async () => {
    const run = json<{ added: number; errors: Array<{ line: number }> }>(
      await keyward(['usage', 'import', fixture('anthropic-usage-bad-rows.csv'), '--skip-invalid', '--json']),
    );
    expect(run.added).toBe(3);
    expect(run.errors.map((e) => e.line)).toEqual([4, 6]);
  });

  it('reads a generic CSV through --map and saves it as a preset', async () => {
    const run = json<object>(
      await keyward([
        'usage',
        'import',
        fixture('generic-proxy.csv'),
        '--json',
        '--map',
        'day=When,provider=Vendor,model=Model name,key=Key,inputTokens=Prompt,outputTokens=Completion,requests=Calls,cost=Spend',
        '--save-preset',
        'proxy',
      ]),
    );
    expect(run).toEqual({ added: 2, duplicates: 0, errors: [] });
    expect(json<object>(await keyward(['usage', 'import', fixture('generic-proxy.csv'), '--preset', 'proxy', '--json']))).toEqual(
      { added: 0, duplicates: 2, errors: [] },
    );
    const bad = await keyward(['usage', 'import', fixture('generic-proxy.csv'), '--map', 'day=When,colour=Red']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'keyward: --map: unknown field colour; the fields are day, model, provider, key, inputTokens, outputTokens, cachedTokens, ' +
        'cacheWriteTokens, requests, cost, note, costUnit, inputIncludesCached, defaultProvider.\n',
    );
  });

  it('refuses a missing file, an unknown --format, and a wrong forced format', async () => {
    const missing = await keyward(['usage', 'import', join(root, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`keyward: ${join(root, 'nope.csv')} was not found or cannot be read.\n`);
    const format = await keyward(['usage', 'import', fixture('openai-cost.csv'), '--format', 'excel']);
    expect(format.code).toBe(2);
    const forced = await keyward(['usage', 'import', fixture('openai-cost.csv'), '--format', 'deepseek-zip', '--json']);
    expect(forced.code).toBe(2);
    expect(JSON.parse(forced.stdout)).toEqual({
      added: 0,
      duplicates: 0,
      errors: [{ line: 1, message: 'a DeepSeek usage export is a ZIP archive; this file is not one.' }],
    });
  });
});

describe('keyward usage add, costs, prices, budget', () => {
  it('usage add prices from the table, or takes --cost', async () => {
    const added = ok(
      await keyward([
        'usage',
        'add',
        '--provider',
        'openai',
        '--model',
        'gpt-4o-mini-2024-07-18',
        '--date',
        '2026-12-01',
        '--input',
        '1000000',
        '--cached',
        '400000',
        '--output',
        '200000',
        '--requests',
        '3',
      ]),
    );
    expect(added.stdout).toMatch(/^Added usage #\d+: 2026-12-01 openai gpt-4o-mini, \$0\.24 at gpt-4o-mini prices\.\n$/);
    const given = json<{ costMicros: number; costBasis: string }>(
      await keyward([
        'usage',
        'add',
        '--provider',
        'anthropic',
        '--model',
        'Claude Haiku 4.5',
        '--date',
        '2026-12-02',
        '--cost',
        '1.25',
        '--json',
      ]),
    );
    expect(given).toMatchObject({ costMicros: 1_250_000, costBasis: 'given' });
    const bad = await keyward(['usage', 'add', '--provider', 'openai', '--model', 'gpt-4o', '--input', '10', '--cached', '20']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'keyward: cachedTokens: Cached and cache-write tokens are part of the input tokens: together they cannot exceed them.\n',
    );
    const badDate = await keyward(['usage', 'add', '--provider', 'openai', '--model', 'gpt-4o', '--date', 'yesterday']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(
      /^error: option '--date <date>' argument 'yesterday' is invalid\. Use a date written YYYY-MM-DD\.\n$/,
    );
  });

  it('costs --json has exactly the documented shape', async () => {
    const summary = json<Record<string, unknown>>(await keyward(['costs', '--month', '2026-12', '--by', 'model', '--json']));
    expect(summary).toEqual({
      month: '2026-12',
      totalUsd: 1.49,
      inputTokens: 1_000_000,
      outputTokens: 200_000,
      requests: 3,
      rows: [
        { group: 'claude-haiku-4-5', costUsd: 1.25, inputTokens: 0, outputTokens: 0, requests: 0 },
        { group: 'gpt-4o-mini', costUsd: 0.24, inputTokens: 1_000_000, outputTokens: 200_000, requests: 3 },
      ],
    });
    const november = json<{ totalUsd: number; rows: Array<{ group: string }> }>(
      await keyward(['costs', '--month', '2026-11', '--json']),
    );
    expect(november.rows.map((r) => r.group)).toEqual(['anthropic', 'openai', 'custom:Acme AI']);
    expect(november.totalUsd).toBe(1.716336 + 8.775 + 8.25 + 2 + 0.0015 + 0.009 + 0.0135 + 0.36 + 0.02);
    const table = ok(await keyward(['costs', '--month', '2026-12', '--by', 'provider']));
    expect(table.stdout.split('\n')[0]).toMatch(/^PROVIDER\s+COST\s+INPUT\s+OUTPUT\s+REQUESTS$/);
    expect(table.stdout).toMatch(/TOTAL\s+\$1\.49/);
    expect((await keyward(['costs', '--month', '2026-13'])).code).toBe(2);
  });

  it('prices list and set', async () => {
    const list = json<{ snapshotDate: string; models: Array<{ model: string; inputPer1M: number; origin: string }> }>(
      await keyward(['prices', 'list', '--provider', 'openai', '--json']),
    );
    expect(list.snapshotDate).toBe('2026-07-24');
    expect(list.models.find((m) => m.model === 'gpt-4o-mini')).toMatchObject({ inputPer1M: 0.15, origin: 'default' });
    const set = json<{ price: { model: string; inputPer1M: number; outputPer1M: number; origin: string } }>(
      await keyward(['prices', 'set', 'gpt-4o-mini', '--input', '0.2', '--json']),
    );
    expect(set.price).toMatchObject({ model: 'gpt-4o-mini', inputPer1M: 0.2, outputPer1M: 0.6, origin: 'user' });
    ok(await keyward(['prices', 'reset', 'gpt-4o-mini']));
    const text = ok(await keyward(['prices', 'list']));
    expect(text.stdout).toMatch(/snapshot 2026-07-24/);
    expect(text.stdout).toMatch(/claude-sonnet-4-5\s+anthropic\s+3\s+15\s+0\.3\s+3\.75/);
  });

  it('budget set and list', async () => {
    const total = json<{ id: string; monthlyUsd: number; scope: string }>(
      await keyward(['budget', 'set', '--monthly', '100', '--json']),
    );
    expect(total).toMatchObject({ scope: 'total', monthlyUsd: 100 });
    ok(await keyward(['budget', 'set', '--monthly', '5', '--provider', 'anthropic']));
    const list = json<Array<{ label: string; monthlyUsd: number; month: string; spentUsd: number; percent: number }>>(
      await keyward(['budget', 'list', '--month', '2026-12', '--json']),
    );
    expect(list.map((b) => [b.label, b.monthlyUsd, b.spentUsd, b.percent])).toEqual([
      ['All usage', 100, 1.49, 1.5],
      ['Anthropic', 5, 1.25, 25],
    ]);
    const both = await keyward([
      'budget',
      'set',
      '--monthly',
      '5',
      '--provider',
      'openai',
      '--key',
      '3f0c6a1e-0000-4000-8000-000000000000',
    ]);
    expect(both.code).toBe(2);
    const zero = await keyward(['budget', 'set', '--monthly', '0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('keyward: monthlyUsd: A budget must be above $0.\n');
  });

  it('usage export writes CSV, and the audit log shows the import without values', async () => {
    const out = join(root, 'export.csv');
    ok(await keyward(['usage', 'export', '--month', '2026-12', '--out', out]));
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(csv).toContain('gpt-4o-mini,gpt-4o-mini-2024-07-18,1000000,200000,400000,0,3,0.24,computed,manual,');
    const audit = json<Array<{ action: string; detail: string }>>(await keyward(['audit', '--json']));
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['usage.imported', 'usage.added', 'budget.set', 'price.set', 'price.reset', 'usage.exported']),
    );
  });
});
