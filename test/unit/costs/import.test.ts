import { execFileSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportIssue, ImportPreview } from '../../../contract/costs.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { listAudit } from '../../../main/audit/log.ts';
import { listBackups } from '../../../main/vault/backups.ts';
import { createServices, type Services } from '../../../main/services.ts';
import { tempDir } from '../../support/temp.ts';
import { createdVault, ManualClock, PASSWORD } from '../../support/vault.ts';
import { proxyMapping } from '../../support/proxy-mapping.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'costs');
const fixture = (name: string) => join(FIXTURES, name);

async function preview(services: Services, path: string, extra: Record<string, unknown> = {}): Promise<ImportPreview> {
  return services.costs.imports.preview({ file: { path }, ...extra } as never, 'cli');
}

async function importFile(services: Services, path: string, options: { skipInvalid?: boolean } & Record<string, unknown> = {}) {
  const { skipInvalid = false, ...extra } = options;
  const p = await preview(services, path, extra);
  return { preview: p, result: await services.costs.imports.commit(p.token, skipInvalid, 'cli') };
}

function records(services: Services) {
  return services.costs.usage.list({ limit: 1000, offset: 0 }).records;
}

/** The rows' problems as the CLI says them: their English. */
const inEnglish = (issues: ImportIssue[]) => issues.map((issue) => ({ ...issue, message: phraseText(issue.message) }));

describe('each importer on its fixture', () => {
  it('OpenAI cost export: dollars as given, empty days ignored, line items give model and tokens', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('openai-cost.csv'));
    expect(p).toMatchObject({
      format: 'openai-cost',
      rows: 5,
      new: 4,
      duplicates: 0,
      ignored: 1,
      errors: [],
      costMicros: 1_716_336,
    });
    expect(p.sample.map((r) => [r.line, r.day, r.model, r.inputTokens, r.outputTokens, r.costMicros, r.costBasis])).toEqual([
      [3, '2026-11-02', '', 0, 0, 3836, 'given'],
      [4, '2026-11-03', 'gpt-5-nano', 10_000_000, 0, 500_000, 'given'],
      [5, '2026-11-03', 'gpt-5-nano', 0, 3_000_000, 1_200_000, 'given'],
      [6, '2026-11-03', 'gpt-4o', 10_000, 0, 12_500, 'given'],
    ]);
    // The unitemised row has no model, but its cost is given: nothing to warn about.
    expect(p.warnings).toEqual([]);
  });

  it('OpenAI activity export (BOM, CRLF, quoted thousands): input includes cached, batch at half price, unknown model unpriced', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('openai-activity.csv'));
    expect(p).toMatchObject({
      format: 'openai-activity',
      rows: 4,
      new: 3,
      ignored: 1,
      errors: [],
      unpricedModels: ['gpt-9-imaginary'],
    });
    // 600k uncached × 0.15 + 400k cached × 0.075 + 200k out × 0.6 = 0.24; the batch row: (0.15 + 0.12) / 2.
    expect(p.sample.map((r) => [r.line, r.model, r.costMicros, r.costBasis])).toEqual([
      [2, 'gpt-4o-mini', 240_000, 'computed'],
      [3, 'gpt-4o-mini', 135_000, 'computed'],
      [5, 'gpt-9-imaginary', null, 'unpriced'],
    ]);
    await services.costs.imports.commit(p.token, false, 'cli');
    const stored = records(services).find((r) => r.costMicros === 240_000)!;
    expect(stored).toMatchObject({
      inputTokens: 1_000_000,
      cachedTokens: 400_000,
      requests: 120,
      keyHint: 'key_FAKE0001',
      modelRaw: 'gpt-4o-mini-2024-07-18',
    });
    expect(stored.pricesUsed).toMatchObject({
      model: 'gpt-4o-mini',
      origin: 'litellm@2026-07-24',
      input: 150_000,
      cachedInput: 75_000,
    });
    // Unpriced is shown as such, never as a silent 0.
    const summary = services.costs.views.summary({ month: '2026-11', by: 'model' });
    expect(summary.rows.find((r) => r.group === 'gpt-9-imaginary')).toMatchObject({ costMicros: 0, unpricedRecords: 1 });
    expect(summary.totals.unpricedRecords).toBe(1);
  });

  it('Anthropic usage export (BOM, ≤ and >, blank line): uncached + cache reads + writes, long-context and batch rates', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('anthropic-usage.csv'));
    expect(p).toMatchObject({ format: 'anthropic-usage', rows: 4, new: 3, ignored: 1, errors: [] });
    expect(p.sample.map((r) => [r.line, r.model, r.inputTokens, r.outputTokens, r.costMicros])).toEqual([
      // 1M × 3 + 100k × 3.75 + 50k × 6 (1-hour) + 2M × 0.3 + 300k × 15
      [2, 'claude-sonnet-4-5', 3_150_000, 300_000, 8_775_000],
      // > 200k: 1M × 6 + 100k × 22.5
      [3, 'claude-sonnet-4-5', 1_000_000, 100_000, 8_250_000],
      // the blank line 4 still counts: batch (2M × 1 + 400k × 5) / 2
      [5, 'claude-haiku-4-5', 2_000_000, 400_000, 2_000_000],
    ]);
  });

  it('Anthropic cost export (CRLF, display names, quoted thousands): dollars as given', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('anthropic-cost.csv'));
    expect(p).toMatchObject({ format: 'anthropic-cost', rows: 4, new: 3, ignored: 1, errors: [], costMicros: 1_234_650_000 });
    expect(p.sample.map((r) => [r.model, r.keyHint, r.costMicros])).toEqual([
      ['claude-haiku-4-5', 'demo-key', 50_000],
      ['claude-haiku-4-5', 'demo-key', 100_000],
      ['claude-sonnet-4-5', 'demo-key', 1_234_500_000],
    ]);
  });

  it('OpenRouter per-request export: one record per generation, cost as given, slugs resolved', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('openrouter-requests.csv'));
    expect(p).toMatchObject({ format: 'openrouter-requests', rows: 3, new: 3, errors: [], costMicros: 512_675 });
    expect(p.sample.map((r) => [r.day, r.provider, r.model, r.requests])).toEqual([
      ['2026-11-10', 'openrouter', 'claude-sonnet-4-5', 1],
      ['2026-11-10', 'openrouter', 'gpt-oss-120b', 1],
      ['2026-11-11', 'openrouter', 'deepseek/deepseek-v4.1-flash-20260910', 1],
    ]);
  });

  it('OpenRouter summary export (all quoted): per day and model', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('openrouter-summary.csv'));
    expect(p).toMatchObject({ format: 'openrouter-summary', rows: 3, new: 2, ignored: 1, costMicros: 431_320_000 });
    expect(p.sample[0]).toMatchObject({
      model: 'claude-opus-4-7',
      inputTokens: 70_965_665,
      outputTokens: 3_009_973,
      requests: 4115,
    });
  });

  it('Google billing report: Gemini rows only, model from the SKU, quoted thousands, unrounded subtotal', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('google-billing-report.csv'));
    expect(p).toMatchObject({ format: 'google-billing', rows: 4, new: 3, ignored: 1, errors: [], costMicros: 4_430_990 });
    expect(p.sample.map((r) => [r.model, r.inputTokens, r.outputTokens, r.costMicros])).toEqual([
      ['gemini-2.5-flash', 0, 622_403, 1_555_990],
      ['gemini-2.5-flash', 1_250_000, 0, 375_000],
      ['gemini-2.5-pro', 2_000_000, 0, 2_500_000],
    ]);
  });

  it('Google invoice cost table: the preamble is skipped and lines still count from the top', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('google-billing-invoice.csv'));
    expect(p).toMatchObject({ format: 'google-billing', rows: 2, new: 1, ignored: 1, errors: [] });
    expect(p.sample[0]).toMatchObject({
      line: 11,
      day: '2026-11-16',
      model: 'gemini-2.5-pro',
      outputTokens: 1_000_000,
      costMicros: 10_000_000,
    });
  });

  it('DeepSeek ZIP: amounts per key, the charge split exactly between keys, uncharged periods priced', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('deepseek-usage.zip'));
    expect(p).toMatchObject({ format: 'deepseek-zip', rows: 8, new: 3, errors: [] });
    const rows = p.sample.map((r) => [r.model, r.keyHint, r.inputTokens, r.outputTokens, r.requests, r.costMicros, r.costBasis]);
    expect(rows).toEqual([
      ['deepseek-chat', 'fake-key-alpha', 2_000_000, 1_000_000, 300, 728_000, 'given'],
      ['deepseek-chat', 'fake-key-beta', 1_000_000, 0, 0, 280_000, 'given'],
      ['deepseek-reasoner', 'fake-key-beta', 0, 500_000, 0, 210_000, 'computed'],
    ]);
    // The two shares add up to the charge of both wallets: 0.5 + 0.508.
    expect(728_000 + 280_000).toBe(1_008_000);
  });

  it('generic CSV through a column mapping, saved as a preset and used by name', async () => {
    const services = await createdVault();
    const key = services.keys.add(
      {
        label: 'Support bot',
        provider: 'openai',
        secret: 'FAKE-not-a-known-format-generic-0000',
        environment: 'prod',
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    await services.costs.imports.savePreset('proxy', proxyMapping);
    const { preview: p, result } = await importFile(services, fixture('generic-proxy.csv'), { preset: 'proxy' });
    expect(p).toMatchObject({ format: 'generic', rows: 2, new: 2, errors: [] });
    expect(p.sample.map((r) => [r.provider, r.model, r.keyLabel, r.costMicros, r.costBasis])).toEqual([
      // "OpenAI" → openai; "GPT-4o mini" → gpt-4o-mini; the key name matches a vault key's label: linked.
      ['openai', 'gpt-4o-mini', 'Support bot', 360_000, 'computed'],
      ['custom:Acme AI', 'acme-large', null, 20_000, 'given'],
    ]);
    expect(result.added).toBe(2);
    expect(services.costs.views.keySpend('2026-11')).toEqual({ [key.id]: 360_000 });
  });
});

describe('importing', () => {
  it('re-importing the same file adds nothing, and takes no second backup', async () => {
    const services = await createdVault();
    const first = await importFile(services, fixture('openai-activity.csv'));
    expect(first.result).toMatchObject({ added: 3, duplicates: 0, rejected: false });
    expect(first.result.backup).toMatch(/before-import$/);
    const again = await importFile(services, fixture('openai-activity.csv'));
    expect(again.preview).toMatchObject({ new: 0, duplicates: 3 });
    expect(again.result).toMatchObject({ added: 0, duplicates: 3, importId: null, backup: null });
    expect(records(services)).toHaveLength(3);
    expect(listBackups(services.vault.files.backups).filter((b) => b.name.includes('before-import'))).toHaveLength(1);
  });

  it('an overlapping export adds only the rows not seen before', async () => {
    const services = await createdVault();
    const dir = tempDir();
    const lines = readFileSync(fixture('openrouter-requests.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'a.csv'), `${lines.slice(0, 3).join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${[lines[0], ...lines.slice(2)].join('\n')}\n`);
    expect((await importFile(services, join(dir, 'a.csv'))).result).toMatchObject({ added: 2, duplicates: 0 });
    expect((await importFile(services, join(dir, 'b.csv'))).result).toMatchObject({ added: 1, duplicates: 1 });
    expect(records(services)).toHaveLength(3);
  });

  it('a file with a bad row is rejected whole: every bad line named, nothing added, no backup', async () => {
    const services = await createdVault();
    const before = listAudit(services.vault.session().db, { limit: 100 }).length;
    const { preview: p, result } = await importFile(services, fixture('anthropic-usage-bad-rows.csv'));
    expect(inEnglish(p.errors)).toEqual([
      { line: 4, message: 'usage_input_tokens_no_cache is not a whole number.' },
      { line: 6, message: 'usage_date_utc is not a date (expected YYYY-MM-DD or an ISO timestamp).' },
    ]);
    expect(result).toMatchObject({ added: 0, rejected: true, importId: null, errorCount: 2 });
    expect(records(services)).toHaveLength(0);
    expect(services.costs.imports.list()).toEqual([]);
    expect(listAudit(services.vault.session().db, { limit: 100 })).toHaveLength(before);
  });

  it('skipInvalid imports the valid rows and lists what it skipped', async () => {
    const services = await createdVault();
    const { result } = await importFile(services, fixture('anthropic-usage-bad-rows.csv'), { skipInvalid: true });
    expect(result).toMatchObject({ added: 3, rejected: false, errorCount: 2 });
    expect(result.errors.map((e) => e.line)).toEqual([4, 6]);
    expect(records(services)).toHaveLength(3);
    expect(services.costs.imports.list()[0]).toMatchObject({ added: 3, skipped: 2, records: 3 });
    const audit = listAudit(services.vault.session().db, { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'usage.imported', source: 'cli' });
    expect(audit[0]!.detail).toContain('3 added, 0 duplicates, 2 skipped');
  });

  it('an unknown file names the problem on line 1 and adds nothing, even with skipInvalid', async () => {
    const services = await createdVault();
    const path = join(tempDir(), 'notes.csv');
    writeFileSync(path, 'what,ever\n1,2\n');
    const { preview: p, result } = await importFile(services, path, { skipInvalid: true });
    expect(inEnglish(p.errors)).toEqual([
      {
        line: 1,
        message:
          'the header row of any supported export was not found in the first 50 rows; choose the format or map the columns.',
      },
    ]);
    expect(result).toMatchObject({ added: 0, rejected: true });
  });

  it('a forced format must match the header; a ZIP is only DeepSeek', async () => {
    const services = await createdVault();
    const wrong = await preview(services, fixture('openai-cost.csv'), { format: 'anthropic-usage' });
    expect(phraseText(wrong.errors[0]!.message)).toMatch(/Anthropic Console usage export header .* was not found/);
    const zip = await preview(services, fixture('deepseek-usage.zip'), { format: 'openai-cost' });
    expect(inEnglish(zip.errors)[0]).toEqual({
      line: 1,
      message: 'this is a ZIP archive; of the supported exports only DeepSeek’s comes as one.',
    });
  });

  it('handles CRLF inside quoted fields, UTF-16 with a BOM, and broken quoting, with exact line numbers', async () => {
    const services = await createdVault();
    const dir = tempDir();
    const header = 'Date,Slug,Usage,BYOK Usage,Requests,Prompt Tokens,Completion Tokens,Reasoning Tokens';
    const body = [
      header,
      '"2026-11-01","a/model-x","1","0","1","10","10","0"',
      '"2026-11-02","a/model\r\ny","2","0","1","10","10","0"',
      '',
      '"2026-11-03","a/model-z","oops","0","1","10","10","0"',
      '"2026-11-04","a/model-w","3","0","1","10","10","0"',
    ].join('\r\n');
    writeFileSync(join(dir, 'crlf.csv'), `${body}\r\n`);
    const crlf = await preview(services, join(dir, 'crlf.csv'));
    expect(inEnglish(crlf.errors)).toEqual([{ line: 6, message: 'Usage is not an amount.' }]);
    expect(crlf.sample.map((r) => r.line)).toEqual([2, 3, 7]);
    writeFileSync(join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${body}\r\n`, 'utf16le')]));
    const utf16 = await preview(services, join(dir, 'utf16.csv'));
    expect(utf16.errors).toEqual(crlf.errors);
    expect(utf16.new).toBe(3);
    writeFileSync(
      join(dir, 'quotes.csv'),
      `${header}\n"2026-11-01","a/m","1","0","1","10","10","0"\n"2026-11-02","a/"m"","1","0","1","10","10","0"\n`,
    );
    const quotes = await preview(services, join(dir, 'quotes.csv'));
    expect(inEnglish(quotes.errors)[0]).toEqual({ line: 3, message: 'a quote inside a field is not doubled ("").' });
    expect(quotes).toMatchObject({ new: 1 });
  });

  it('links export key names to vault keys of the same provider, or all rows to one chosen key', async () => {
    const services = await createdVault();
    const add = (label: string, provider: string) =>
      services.keys.add(
        {
          label,
          provider,
          secret: `FAKE-not-a-known-format-${label}-0000`,
          environment: 'prod',
          notes: '',
          usedIn: [],
          tags: [],
          expiresAt: null,
          rotateEveryDays: null,
          favourite: false,
        },
        'app',
      );
    const support = add('support BOT', 'anthropic');
    add('fake-batch-key', 'openai'); // same name, other provider: not linked
    await importFile(services, fixture('anthropic-usage.csv'));
    const byHint = Object.fromEntries(records(services).map((r) => [r.keyHint, r.keyId]));
    expect(byHint).toEqual({ 'Support bot': support.id, 'fake-batch-key': null });
    const summary = services.costs.views.summary({ month: '2026-11', by: 'key' });
    expect(summary.rows.map((r) => [r.group, phraseText(r.label)])).toEqual([
      [support.id, 'support BOT'],
      ['export:fake-batch-key', 'fake-batch-key (not in the vault)'],
    ]);
    const other = await createdVault();
    const chosen = other.keys.add(
      {
        label: 'x',
        provider: 'openai',
        secret: 'FAKE-not-a-known-format-x-0000',
        environment: 'prod',
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    await importFile(other, fixture('openai-cost.csv'), { keyId: chosen.id });
    expect(new Set(records(other).map((r) => r.keyId))).toEqual(new Set([chosen.id]));
  });

  it('does not link export key names to a key in the trash, nor import onto one', async () => {
    const services = await createdVault();
    const support = services.keys.add(
      {
        label: 'Support bot',
        provider: 'anthropic',
        secret: 'FAKE-not-a-known-format-trash-0000',
        environment: 'prod',
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    services.keys.remove(support.id, 'app');
    await expect(preview(services, fixture('anthropic-usage.csv'), { keyId: support.id })).rejects.toMatchObject({
      code: 'NotFound',
    });
    await importFile(services, fixture('anthropic-usage.csv'));
    const hinted = records(services).filter((r) => r.keyHint === 'Support bot');
    expect(hinted.length).toBeGreaterThan(0);
    expect(new Set(hinted.map((r) => r.keyId))).toEqual(new Set([null]));
  });

  it('warns when a sibling export of the same spend is already imported', async () => {
    const services = await createdVault();
    await importFile(services, fixture('anthropic-usage.csv'));
    const dir = tempDir();
    writeFileSync(
      join(dir, 'cost.csv'),
      readFileSync(fixture('anthropic-cost.csv'), 'utf8').replaceAll('2026-11-08', '2026-11-06'),
    );
    const p = await preview(services, join(dir, 'cost.csv'));
    expect(p.warnings.map((w) => phraseText(w)).join(' ')).toMatch(
      /already has Anthropic Console usage export records for these days/,
    );
  });

  it('commits the rows its preview read, even when the file changes afterwards; refuses an unknown or used token', async () => {
    const services = await createdVault();
    const path = join(tempDir(), 'activity.csv');
    writeFileSync(path, readFileSync(fixture('openai-activity.csv')));
    const p = await preview(services, path);
    // The preview's staged rows are what the user saw: the commit does not read the file again.
    writeFileSync(path, 'not an export any more\n');
    const result = await services.costs.imports.commit(p.token, false, 'cli');
    expect(result).toMatchObject({ added: p.new, rejected: false });
    expect(records(services)).toHaveLength(p.new);
    await expect(services.costs.imports.commit(p.token, false, 'cli')).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('the app hands over the path of a regular file it picked, or the bytes; never a directory, FIFO, device or kernel file', async () => {
    const services = await createdVault();
    const p = await services.costs.imports.preview({ file: { path: fixture('openai-cost.csv') } } as never, 'app');
    expect(p).toMatchObject({ fileName: 'openai-cost.csv', new: 4 });
    const dir = tempDir();
    const fifo = join(dir, 'export.csv');
    execFileSync('mkfifo', [fifo]);
    const link = join(dir, 'self-environ.csv');
    symlinkSync('/proc/self/environ', link);
    for (const path of [dir, fifo, '/dev/zero', '/proc/self/environ', link, 'relative/export.csv']) {
      await expect(services.costs.imports.preview({ file: { path } } as never, 'app'), path).rejects.toMatchObject({
        code: 'Invalid',
        message: expect.stringMatching(/is not a regular file\.$/),
      });
    }
    await expect(services.costs.imports.preview({ file: { path: join(dir, 'gone.csv') } } as never, 'app')).rejects.toMatchObject(
      {
        code: 'NotFound',
      },
    );
    // A path from the tray (or any other door) is refused outright.
    await expect(
      services.costs.imports.preview({ file: { path: fixture('openai-cost.csv') } } as never, 'tray'),
    ).rejects.toMatchObject({ code: 'Forbidden' });
    // The bytes, as a browser hands them over.
    const base64 = readFileSync(fixture('openai-cost.csv')).toString('base64');
    expect(await services.costs.imports.preview({ file: { name: 'cost.csv', base64 } } as never, 'app')).toMatchObject({
      fileName: 'cost.csv',
      new: 4,
    });
    const zip = readFileSync(fixture('deepseek-usage.zip')).toString('base64');
    expect(await services.costs.imports.preview({ file: { name: 'ds.zip', base64: zip } } as never, 'app')).toMatchObject({
      format: 'deepseek-zip',
      new: 3,
    });
  });

  it('undoing an import removes its records and its totals', async () => {
    const services = await createdVault();
    const { result } = await importFile(services, fixture('openai-cost.csv'));
    expect(services.costs.views.summary({ month: '2026-11', by: 'provider' }).totals.costMicros).toBe(1_716_336);
    expect(await services.costs.imports.undo(result.importId!, 'cli')).toEqual({ removed: 4 });
    expect(services.costs.views.summary({ month: '2026-11', by: 'provider' }).totals).toMatchObject({
      costMicros: 0,
      records: 0,
    });
    // And the same file imports again afterwards.
    expect((await importFile(services, fixture('openai-cost.csv'))).result.added).toBe(4);
  });

  it('runs in a worker thread with its own connection, with the same outcome', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    const services = createServices({
      dataDir: dir,
      clock,
      kdfPolicy: 'minimum',
      importWorker: new URL('../../../main/costs/import-worker.ts', import.meta.url),
    });
    await services.vault.create(PASSWORD, 'app');
    const { preview: p, result } = await importFile(services, fixture('anthropic-usage.csv'));
    expect(p).toMatchObject({ new: 3, ignored: 1 });
    expect(result).toMatchObject({ added: 3, rejected: false });
    expect(services.costs.views.summary({ month: '2026-11', by: 'model' }).totals.costMicros).toBe(
      8_775_000 + 8_250_000 + 2_000_000,
    );
    services.vault.lock('manual');
  });
});
