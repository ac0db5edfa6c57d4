/**
 * Every contract method, fed random and malformed input through the router (the one door the
 * app, the CLI and the harness share). Whatever the input: the router answers (never throws),
 * never reports Internal, never logs an unexpected failure; input the method's schema refuses
 * is answered `Invalid` with field issues, and changes nothing in the vault. One unlocked vault
 * serves every case; "nothing changed" is the connection's total_changes(), the row counts and
 * the backups on disk.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, channels, isChannel, isOpenTo, splitChannel, type Channel } from '../../contract/index.ts';
import type { AnyMethod } from '../../contract/define.ts';
import type { Result } from '../../contract/errors.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter, type Call } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { budget } from '../support/budget.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { proxyMapping } from '../support/proxy-mapping.ts';
import { RecordingClipboard } from '../support/recording-clipboard.ts';
import { createdVault, ManualClock } from '../support/vault.ts';
import { fixtureDir, removeFixtures } from './support/fixtures.ts';
import { record } from './support/outcome.ts';
import { seedFromEnv } from './support/rng.ts';

const RUNS = budget('KEYWARD_FUZZ_RUNS', { pr: 250, soak: 1_000 });
const seed = seedFromEnv('fuzz-contract');

let services: Services;
let call: Call;
const failures: string[] = [];
let someKeyId: string;
let someBackup: string;
const tally: Record<string, { malformed: number; valid: number }> = {};

beforeAll(async () => {
  services = await createdVault(fixtureDir(), new ManualClock(), { clipboard: new RecordingClipboard() });
  call = createRouter(createHandlers(services), (channel, summary) => failures.push(`${channel}: ${summary}`));
  someKeyId = services.keys.add(
    contract.keys.add.input.parse({ label: 'Fuzz target', secret: fakeKeys.github('FUZZ') }),
    'app',
  ).id;
  someBackup = services.vault.backup('manual', 'app').name;
});

afterAll(() => {
  record('fuzz-contract', { seed, runsPerMethod: RUNS, methods: Object.keys(tally).length, tally });
  services.vault.lock('quit');
  removeFixtures();
});

/**
 * A well-formed input for every method, the starting point of the mutations. A method added to
 * the contract needs its line here: the typecheck (`satisfies`) and the first test below fail
 * until it has one. Methods without input take `undefined`.
 */
function examples(id: string, backup: string) {
  const month = '2026-11';
  return {
    'vault.status': undefined,
    'vault.create': { password: 'twelve chars!' },
    'vault.unlock': { password: 'something' },
    'vault.lock': undefined,
    'vault.changePassword': { current: 'something', next: 'something else' },
    'keys.list': { search: 'a', provider: 'openai' },
    'keys.get': { id },
    'keys.add': {
      label: 'L',
      secret: fakeKeys.github('EX'),
      provider: 'github',
      environment: 'dev',
      notes: '',
      usedIn: ['a'],
      tags: ['b'],
      expiresAt: '2030-01-01',
      rotateEveryDays: 30,
      favourite: false,
    },
    'keys.update': { id, label: 'L', environment: 'prod', tags: [], expiresAt: null, favourite: true },
    'keys.remove': { id },
    'keys.reveal': { id },
    'keys.findDuplicates': { secret: 'abc' },
    'keys.detect': { secret: 'abc' },
    'keys.rotate': { id, secret: fakeKeys.github('ROT'), keepOldForDays: 7, expiresAt: '2030-01-01' },
    'keys.history': { id },
    'keys.revealHistory': { id, seq: 1 },
    'keys.markRevoked': { id, seq: 1 },
    'keys.openConsole': { id },
    'keys.resolve': {
      references: [`keyward://${id}`, 'keyward://github/Fuzz%20target'],
      purpose: { kind: 'run', command: 'node' },
    },
    'keys.importEnv': {
      text: `PORT=1\nGITHUB_TOKEN=${fakeKeys.github('ENV')}\n`,
      fileName: '.env',
      usedIn: 'fuzz',
      dryRun: true,
    },
    'trash.list': undefined,
    'trash.restore': { id },
    'trash.purge': { ids: [id] },
    'audit.list': { keyId: id, action: 'key.copied', limit: 10 },
    'backups.list': undefined,
    'backups.create': undefined,
    'backups.restore': { name: backup },
    'backups.recover': { password: 'something', name: backup },
    'backups.delete': { names: [backup] },
    'clipboard.copyKey': { id },
    'clipboard.copyReference': { id, form: 'envLine' },
    'clipboard.clear': undefined,
    'settings.get': undefined,
    'settings.update': {
      clipboardClearSeconds: 30,
      autoLockMinutes: 5,
      theme: 'dark',
      reminderLeadDays: [14, 3, 1, 0],
      rotationPolicy: { dev: null, staging: 180, prod: 90, other: null },
      closeToTray: true,
      lockOnSuspend: true,
      lockOnScreenLock: true,
      lockWhenHidden: false,
    },
    'usage.add': {
      day: '2026-11-02',
      provider: 'openai',
      model: 'gpt-4o-mini',
      keyId: id,
      inputTokens: 1000,
      outputTokens: 200,
      cachedTokens: 100,
      cacheWriteTokens: 0,
      requests: 3,
      costUsd: '0.25',
      note: 'typed in',
    },
    'usage.list': {
      from: '2026-11-01',
      to: '2026-11-30',
      provider: 'openai',
      keyId: id,
      model: 'gpt-4o-mini',
      limit: 50,
      offset: 0,
    },
    'usage.remove': { id: 1 },
    'usage.preview': {
      file: { name: 'usage.csv', base64: Buffer.from('When,Model name\n2026-11-02,gpt-4o\n').toString('base64') },
      format: 'generic',
      mapping: proxyMapping,
      keyId: id,
    },
    'usage.commit': { token: 'a-preview-token', skipInvalid: false },
    'usage.discard': { token: 'a-preview-token' },
    'usage.imports': undefined,
    'usage.undoImport': { importId: '6f9619ff-8b86-4011-b42d-00c04fc964ff' },
    'usage.exportCsv': { month, provider: 'openai', keyId: id, model: 'gpt-4o-mini' },
    'usage.presets': undefined,
    'usage.savePreset': { name: 'proxy', mapping: proxyMapping },
    'usage.removePreset': { name: 'proxy' },
    'usageSync.status': undefined,
    'usageSync.connect': { provider: 'openai', keyId: id },
    'usageSync.disconnect': { provider: 'anthropic' },
    'usageSync.sync': { provider: 'openai', since: '2026-11-01' },
    'usageSync.links': { provider: 'anthropic' },
    'usageSync.setLink': { provider: 'openai', apiKeyId: 'key_abc123', keyId: id },
    'usageSync.clearLink': { provider: 'openai', apiKeyId: 'key_abc123' },
    'costs.summary': { month, by: 'model' },
    'costs.overview': { month, days: 90 },
    'costs.keySpend': { month },
    'prices.list': { provider: 'openai' },
    'prices.set': {
      model: 'gpt-4o-mini',
      provider: 'openai',
      name: 'GPT-4o mini',
      input: '0.15',
      output: 0.6,
      cachedInput: '0.075',
      cacheWrite: 0,
      cacheWrite1h: 0,
      perRequest: 0,
    },
    'prices.reset': { model: 'gpt-4o-mini' },
    'budgets.list': { month },
    'budgets.set': { scope: 'key', keyId: id, monthlyUsd: '25.50' },
    'budgets.remove': { id: '6f9619ff-8b86-4011-b42d-00c04fc964ff' },
    'reminders.needsAttention': undefined,
    'reminders.due': { withinDays: 14 },
    'reminders.snooze': { keyId: id, reason: 'expiry', historySeq: 0, days: 7 },
    'reminders.check': undefined,
    'agent.answer': { id: 'an-approval-request', answer: 'deny' },
    'health.list': undefined,
    'health.lastChecks': undefined,
    'health.check': { ids: [id] },
    'scan.start': {
      paths: ['/nonexistent/keyward-fuzz'],
      git: false,
      shellHistory: false,
      agents: false,
      respectGitignore: false,
      includeBinary: false,
      maxFileMegabytes: 1,
    },
    'scan.result': { scanId: '6f9619ff-8b86-4011-b42d-00c04fc964ff' },
    'scan.wait': { scanId: '6f9619ff-8b86-4011-b42d-00c04fc964ff' },
    'scan.cancel': { scanId: '6f9619ff-8b86-4011-b42d-00c04fc964ff' },
    'scan.addUnknown': { scanId: '6f9619ff-8b86-4011-b42d-00c04fc964ff', unknownId: 0, label: 'Found', environment: 'dev' },
  } satisfies Record<Channel, unknown>;
}

function schemaOf(channel: Channel) {
  const [slice, name] = splitChannel(channel);
  return (contract[slice] as Record<string, AnyMethod>)[name]!.input;
}

function example(channel: Channel): unknown {
  return (examples(someKeyId, someBackup) as Record<Channel, unknown>)[channel];
}

const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withBoxedValues: true,
});

const oddStrings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 100, maxLength: 400 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '\uD800',
    'x'.repeat(20_000),
    '💥'.repeat(5_000),
    '__proto__',
    'constructor',
    '1e309',
    'NaN',
    '2026-02-30',
    '2026-13-01',
  ),
);
const oddNumbers = fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 0.5, -1, 2 ** 53, 1e308, 3651, 0);

/** Random values, and the example with one field replaced, removed, added, or given an odd string or number. */
function inputs(channel: Channel): fc.Arbitrary<unknown> {
  const base = example(channel);
  const options: Array<fc.Arbitrary<unknown>> = [anything, oddStrings, oddNumbers, fc.constant(null), fc.constant({})];
  if (base && typeof base === 'object') {
    const record = base as Record<string, unknown>;
    const keys = Object.keys(record);
    const field = fc.constantFrom(...keys);
    options.push(
      fc.tuple(field, fc.oneof(anything, oddStrings, oddNumbers)).map(([key, value]) => ({ ...record, [key]: value })),
      field.map((key) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))),
      fc.tuple(fc.string({ maxLength: 12 }), anything).map(([key, value]) => ({ ...record, [key]: value })),
      fc.array(anything, { maxLength: 3 }).map((list) => [record, ...list]),
    );
  }
  return fc.oneof(...options);
}

/** What a well-formed call may change; compared before and after every refused one. */
function fingerprint() {
  const { db } = services.vault.session();
  return {
    state: services.vault.status().state,
    changes: db.prepare('SELECT total_changes()').pluck().get(),
    rows: db
      .prepare('SELECT (SELECT count(*) FROM keys), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM settings)')
      .raw()
      .get(),
    backups: services.vault
      .backups()
      .map((b) => b.name)
      .join(','),
  };
}

/** Methods that may safely run with random well-formed input on the shared vault (they only read, or fail on a random id). */
const harmless = new Set<string>([
  'vault.status',
  'keys.list',
  'keys.get',
  'keys.findDuplicates',
  'keys.detect',
  'audit.list',
  'settings.get',
  'backups.list',
]);

describe('every contract method with random and malformed input', () => {
  it(`every method (${channels.length}) has a well-formed example to mutate`, () => {
    const all: Partial<Record<string, unknown>> = examples(someKeyId, someBackup);
    expect(
      channels.filter((channel) => !(channel in all)),
      'methods without an example in examples()',
    ).toEqual([]);
    expect(
      Object.keys(all).filter((channel) => !isChannel(channel)),
      'examples of methods the contract does not have',
    ).toEqual([]);
    expect(
      channels.filter((channel) => !schemaOf(channel).safeParse(all[channel]).success),
      'examples their schema refuses',
    ).toEqual([]);
  });

  it.each(channels.map((channel) => [channel]))('%s', async (channel) => {
    const schema = schemaOf(channel);
    const count = (tally[channel] = { malformed: 0, valid: 0 });
    await fc.assert(
      fc.asyncProperty(inputs(channel), async (input) => {
        const valid = schema.safeParse(input).success;
        if (valid && !harmless.has(channel)) {
          count.valid++;
          return;
        }
        const before = fingerprint();
        const started = performance.now();
        // Each method through a door it is open to (keys.resolve is the CLI's alone).
        const result = (await call(channel, input, { source: isOpenTo(channel, 'ipc') ? 'app' : 'cli' })) as Result<unknown>;
        const elapsed = performance.now() - started;
        expect(failures).toEqual([]);
        // Recognition runs regular expressions over up to 16 KiB of pasted text: no input may make it crawl.
        expect(elapsed).toBeLessThan(2_000);
        if (valid) {
          count.valid++;
          if (!result.ok) expect(result.error.code).not.toBe('Internal');
          return;
        }
        count.malformed++;
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.error.code).toBe('Invalid');
        expect(result.error.issues?.length).toBeGreaterThan(0);
        expect(fingerprint()).toEqual(before);
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    expect(count.malformed).toBeGreaterThan(RUNS / 4);
  });

  it('unknown methods and random channel names: Invalid, nothing runs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anything,
          fc.string(),
          fc.constantFrom('__proto__', 'keys.__proto__', 'keys.constructor', 'toString', 'keys.', '.list'),
        ),
        async (channel) => {
          const before = fingerprint();
          const result = await call(channel, undefined, { source: 'app' });
          expect(result).toMatchObject({ ok: false, error: { code: 'Invalid' } });
          expect(fingerprint()).toEqual(before);
        },
      ),
      { numRuns: RUNS, seed },
    );
  });

  it('well-formed ids that match nothing: NotFound, never Internal, nothing changed', async () => {
    for (const channel of ['keys.get', 'keys.update', 'keys.remove', 'keys.reveal', 'clipboard.copyKey'] as const) {
      const before = fingerprint();
      const result = await call(channel, { id: randomUUID() }, { source: 'app' });
      expect(result).toMatchObject({ ok: false, error: { code: 'NotFound' } });
      expect(fingerprint()).toEqual(before);
    }
  });
});
