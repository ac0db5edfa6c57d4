/**
 * Importer fuzzing, one importer per test file (test/reliability/fuzz-importers/*.test.ts) so
 * Vitest's workers can spread them: generated files built from real exports (test/fixtures/costs)
 * with rows drawn at random and damaged the ways exports get damaged: bad quotes, missing and
 * extra cells, huge fields, invalid numbers and dates, Latin-1, invalid UTF-8 and UTF-16 bytes,
 * BOM, CRLF and lone CR, blank lines, NUL, a cut file, a renamed header column, a planted marker
 * value; for the DeepSeek ZIP also a damaged or reshaped archive. 1,000 files per importer in
 * `npm test`, 10,000 in `npm run test:soak`; KEYWARD_IMPORT_FUZZ_RUNS sets any other number.
 *
 * Each file is committed through the real import job on a real vault connection. Whatever the
 * file: no crash (only a KeywardError may be thrown, and then nothing changed); a file with any
 * error is rejected whole and each error names a line that exists and never quotes a value; a
 * committed file added exactly the rows it reported, all under its import; an undamaged file is
 * never rejected. Importers run in-process; one vault per importer file serves every case.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Pricing from '../../../main/costs/pricing.ts';
import type { ColumnMapping, ImportFormat } from '../../../contract/costs.ts';
import { budget } from '../../support/budget.ts';
import { proxyMapping } from '../../support/proxy-mapping.ts';
import { KeywardError } from '../../../contract/errors.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { runImportJob, type ImportJob } from '../../../main/costs/import-job.ts';
import type { Db } from '../../../main/vault/database.ts';
import type { Services } from '../../../main/services.ts';
import { createdVault } from '../../support/vault.ts';
import { buildCsv, CANARY_CELL, mutations, templateOf, zipOf, type Mutation, type Template } from './csv-gen.ts';
import { fixtureDir, removeFixtures } from './fixtures.ts';
import { record } from './outcome.ts';
import { createRng, seedFromEnv } from './rng.ts';

// The import job's fixed cost (compiling its statements, one of them an INSERT with three
// triggers, and loading the price table) is most of what one small file costs, and it would be
// paid for every generated file. Both are memoised here: the same statements and the same prices, built once.
// Prices never change during the fuzzing, and a prepared statement runs the same every time.
vi.mock('../../../main/costs/pricing.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Pricing>();
  const books = new WeakMap<object, Pricing.PriceBook>();
  class PriceBook extends real.PriceBook {
    static override load(db: Db): Pricing.PriceBook {
      let book = books.get(db);
      if (!book) books.set(db, (book = real.PriceBook.load(db)));
      return book;
    }
  }
  return { ...real, PriceBook };
});

function memoisePrepare(connection: Db): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  connection.prepare = ((sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = prepare(sql)));
    return statement;
  }) as Db['prepare'];
}

const RUNS = budget('KEYWARD_IMPORT_FUZZ_RUNS', { pr: 1_000, soak: 10_000 });
const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/costs/${name}`, import.meta.url)), 'utf8');

interface Source {
  name: string;
  template: Template;
  format?: ImportFormat;
  mapping?: ColumnMapping;
}

/** The real exports each CSV importer's files are generated from (read when its file runs). */
const csvSources = {
  openai: () => [
    { name: 'openai-cost', template: templateOf(fixture('openai-cost.csv')) },
    { name: 'openai-activity', template: templateOf(fixture('openai-activity.csv')) },
  ],
  anthropic: () => [
    { name: 'anthropic-usage', template: templateOf(fixture('anthropic-usage.csv')) },
    { name: 'anthropic-cost', template: templateOf(fixture('anthropic-cost.csv')) },
  ],
  openrouter: () => [
    { name: 'openrouter-requests', template: templateOf(fixture('openrouter-requests.csv')) },
    { name: 'openrouter-summary', template: templateOf(fixture('openrouter-summary.csv')) },
  ],
  google: () => {
    const invoice = fixture('google-billing-invoice.csv');
    return [
      { name: 'google-billing-report', template: templateOf(fixture('google-billing-report.csv')) },
      {
        name: 'google-billing-invoice',
        template: templateOf(
          invoice,
          invoice.split(/\r?\n/).findIndex((line) => /service description/i.test(line)),
        ),
      },
    ];
  },
  generic: () => [
    { name: 'generic-proxy', template: templateOf(fixture('generic-proxy.csv')), format: 'generic', mapping: proxyMapping },
  ],
} satisfies Record<string, () => Source[]>;

export type FuzzedImporter = keyof typeof csvSources | 'deepseek';

async function deepseekEntries(): Promise<Array<{ name: string; template: Template }>> {
  const entries: Array<{ name: string; template: Template }> = [];
  const zip = await yauzl.fromBufferPromise(
    readFileSync(fileURLToPath(new URL('../../fixtures/costs/deepseek-usage.zip', import.meta.url))),
    { lazyEntries: true },
  );
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    entries.push({ name: entry.fileName, template: templateOf(Buffer.concat(chunks).toString('utf8')) });
  }
  zip.close();
  return entries;
}

const fileCase = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  rows: fc.integer({ min: 0, max: 12 }),
  damage: fc.oneof(fc.constant([] as Mutation[]), fc.uniqueArray(fc.constantFrom(...mutations), { minLength: 1, maxLength: 3 })),
});

/** Line breaks in the bytes (LF, CR, in UTF-8 or UTF-16): no error may point past them. */
function lineCount(bytes: Buffer): number {
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) lines++;
  return lines;
}

function counts(db: Db) {
  return {
    records: () => db.prepare('SELECT count(*) FROM usage_records').pluck().get() as number,
    ofImport: (id: string) => db.prepare('SELECT count(*) FROM usage_records WHERE import_id = ?').pluck().get(id) as number,
    imported: (id: string) => db.prepare('SELECT count(*) FROM usage_imports WHERE id = ?').pluck().get(id) as number,
    rollupRecords: () => db.prepare('SELECT coalesce(sum(records), 0) FROM usage_daily').pluck().get() as number,
  };
}

/** Commits one generated file and checks the outcome; `tally` counts how it ended. */
async function importOnce(
  db: Db,
  tally: Record<string, number>,
  bytes: Buffer,
  clean: boolean,
  source: Pick<Source, 'format' | 'mapping'>,
  maxLine: number,
): Promise<void> {
  const count = counts(db);
  const importId = randomUUID();
  const before = count.records();
  const job: ImportJob = {
    mode: 'commit',
    file: { bytes },
    fileName: 'fuzz.csv',
    format: source.format,
    mapping: source.mapping,
    skipInvalid: false,
    importId,
    at: '2026-11-27T12:00:00.000Z',
    door: 'cli',
  };
  const note = (what: string) => (tally[what] = (tally[what] ?? 0) + 1);
  let outcome;
  try {
    outcome = await runImportJob(db, job);
  } catch (error) {
    // Only an error Keyward means to give (a KeywardError); and then nothing was written.
    expect(error, 'a crash').toBeInstanceOf(KeywardError);
    expect((error as KeywardError).code).not.toBe('Internal');
    expect(count.records()).toBe(before);
    note('refused with an error');
    return;
  }
  expect(db.inTransaction).toBe(false);
  for (const issue of outcome.errors) {
    expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= maxLine + 1, `line ${issue.line} of ${maxLine}`).toBe(
      true,
    );
    const text = `${issue.entry ?? ''}${phraseText(issue.message)}`;
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(600);
    expect(JSON.stringify(issue)).not.toContain(CANARY_CELL);
    expect(JSON.stringify(issue)).not.toContain('x'.repeat(40));
  }
  if (outcome.fatal || outcome.errorCount > 0) {
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(outcome.committed).toBe(false);
  }
  if (outcome.committed) {
    expect(outcome.errorCount).toBe(0);
    expect(count.ofImport(importId)).toBe(outcome.fresh);
    expect(count.records()).toBe(before + outcome.fresh);
    expect(count.imported(importId)).toBe(1);
    note('imported whole');
  } else {
    expect(count.records()).toBe(before);
    expect(count.imported(importId)).toBe(0);
    note(outcome.fatal ? 'rejected: file' : outcome.errorCount > 0 ? 'rejected: rows' : 'nothing new');
  }
  if (clean) expect(outcome.fatal || outcome.errorCount > 0, 'an undamaged file was rejected').toBe(false);
}

/** CSV importers: a file from one of the importer's exports, some rows, maybe some damage. */
function csvProperty(db: Db, tally: Record<string, number>, sources: Source[]) {
  return fc.asyncProperty(
    fileCase,
    fc.integer({ min: 0, max: sources.length - 1 }),
    async ({ seed: caseSeed, rows, damage }, which) => {
      const source = sources[which]!;
      const bytes = buildCsv(source.template, createRng(caseSeed), rows, damage, 'with-replacement');
      await importOnce(db, tally, bytes, damage.length === 0, source, lineCount(bytes));
    },
  );
}

/** The DeepSeek ZIP: its entries damaged like the CSVs, and the archive itself cut, flipped or reshaped. */
function zipProperty(db: Db, tally: Record<string, number>, templates: Array<{ name: string; template: Template }>) {
  const zipDamage = ['none', 'cut', 'flip', 'drop-entry', 'in-a-folder', 'unknown-names', 'not-a-zip'] as const;
  return fc.asyncProperty(fileCase, fc.constantFrom(...zipDamage), async ({ seed: caseSeed, damage }, archive) => {
    const rng = createRng(caseSeed);
    let entries = templates.map(({ name, template }) => ({
      name,
      data: buildCsv(template, rng, 0, rng.next() < 0.5 ? damage : [], 'subset'),
    }));
    if (archive === 'drop-entry') entries = entries.filter(() => rng.next() < 0.5);
    if (archive === 'in-a-folder') entries = entries.map((e) => ({ ...e, name: `export/${e.name}` }));
    if (archive === 'unknown-names') entries = entries.map((e) => ({ ...e, name: `x-${e.name}` }));
    let bytes = zipOf(entries);
    if (archive === 'cut') bytes = bytes.subarray(0, rng.int(4, bytes.length - 1));
    if (archive === 'flip') bytes[rng.int(0, bytes.length - 1)]! ^= rng.int(1, 255);
    if (archive === 'not-a-zip') bytes = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), rng.bytes(rng.int(0, 200))]);
    const clean = damage.length === 0 && (archive === 'none' || archive === 'in-a-folder');
    await importOnce(db, tally, bytes, clean, {}, Math.max(1, ...entries.map((e) => lineCount(e.data))));
  });
}

/** The whole fuzzing of one importer, on a vault of its own; its outcome goes to test-results/reliability/fuzz-importers-<name>.json. */
export function fuzzImporter(importer: FuzzedImporter): void {
  const name = `fuzz-importers-${importer}`;
  const seed = seedFromEnv(name);
  const tally: Record<string, number> = {};
  let services: Services;
  let db: Db;

  beforeAll(async () => {
    services = await createdVault(fixtureDir());
    db = services.vault.openSecondary();
    // Durability is not under test here (the crash rounds test it); atomicity is. Without the
    // fsync per commit, the soak's 60,000 imports fit in its time.
    db.pragma('synchronous = OFF');
    memoisePrepare(db);
  });

  afterAll(() => {
    record(name, { seed, files: RUNS, tally });
    db.close();
    services.vault.lock('quit');
    removeFixtures();
  });

  describe(`${RUNS.toLocaleString('en')} generated files: imported whole or rejected with line-numbered errors`, () => {
    it(importer === 'deepseek' ? 'deepseek (ZIP)' : importer, async () => {
      const run = { numRuns: RUNS, seed, endOnFailure: true };
      if (importer === 'deepseek') await fc.assert(zipProperty(db, tally, await deepseekEntries()), run);
      else await fc.assert(csvProperty(db, tally, csvSources[importer]()), run);
      const count = counts(db);
      expect(count.rollupRecords(), 'daily totals agree with the records').toBe(count.records());
    });
  });
}
