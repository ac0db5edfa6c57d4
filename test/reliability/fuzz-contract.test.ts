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
import { contract, channels, isOpenTo, splitChannel, type Channel } from '../../contract/index.ts';
import type { AnyMethod } from '../../contract/define.ts';
import type { Result } from '../../contract/errors.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter, type Call } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { RecordingClipboard } from '../support/recording-clipboard.ts';
import { createdVault, ManualClock } from '../support/vault.ts';
import { fixtureDir, removeFixtures } from './support/fixtures.ts';
import { record } from './support/outcome.ts';
import { seedFromEnv } from './support/rng.ts';

const RUNS = Number(process.env.KEYWARD_FUZZ_RUNS ?? 250);
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
  someKeyId = services.keys.add(contract.keys.add.input.parse({ label: 'Fuzz target', secret: fakeKeys.github('FUZZ') }), 'app').id;
  someBackup = services.vault.backup('manual', 'app').name;
});

afterAll(() => {
  record('fuzz-contract', { seed, runsPerMethod: RUNS, methods: Object.keys(tally).length, tally });
  services.vault.lock('quit');
  removeFixtures();
});

/** A well-formed input per method, the starting point of the mutations. Methods added later fall back to random input alone. */
function example(channel: Channel): unknown {
  const id = someKeyId;
  const examples: Partial<Record<Channel, unknown>> = {
    'vault.create': { password: 'twelve chars!' },
    'vault.unlock': { password: 'something' },
    'vault.changePassword': { current: 'something', next: 'something else' },
    'keys.list': { search: 'a', provider: 'openai' },
    'keys.get': { id },
    'keys.add': {
      label: 'L', secret: fakeKeys.github('EX'), provider: 'github', environment: 'dev', notes: '', usedIn: ['a'], tags: ['b'],
      expiresAt: '2030-01-01', rotateEveryDays: 30, favourite: false,
    },
    'keys.update': { id, label: 'L', environment: 'prod', tags: [], expiresAt: null, favourite: true },
    'keys.remove': { id },
    'keys.reveal': { id },
    'keys.findDuplicates': { secret: 'abc' },
    'keys.detect': { secret: 'abc' },
    'backups.restore': { name: someBackup },
    'backups.recover': { password: 'something', name: someBackup },
    'backups.delete': { names: [someBackup] },
    'trash.restore': { id },
    'trash.purge': { ids: [id] },
    'audit.list': { keyId: id, action: 'key.copied', limit: 10 },
    'clipboard.copyKey': { id },
    'clipboard.copyReference': { id, form: 'envLine' },
    'keys.resolve': { references: [`keyward://${id}`, 'keyward://github/Fuzz%20target'], purpose: { kind: 'run', command: 'node' } },
    'keys.importEnv': { text: `PORT=1\nGITHUB_TOKEN=${fakeKeys.github('ENV')}\n`, fileName: '.env', usedIn: 'fuzz', dryRun: true },
    'settings.update': { clipboardClearSeconds: 30, autoLockMinutes: 5, theme: 'dark' },
  };
  return examples[channel];
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
  fc.constantFrom('', ' ', '\u0000', '\uFEFF', '\uD800', 'x'.repeat(20_000), '💥'.repeat(5_000), '__proto__', 'constructor', '1e309', 'NaN', '2026-02-30', '2026-13-01'),
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
    rows: db.prepare('SELECT (SELECT count(*) FROM keys), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM settings)').raw().get(),
    backups: services.vault.backups().map((b) => b.name).join(','),
  };
}

/** Methods that may safely run with random well-formed input on the shared vault (they only read, or fail on a random id). */
const harmless = new Set<string>(['vault.status', 'keys.list', 'keys.get', 'keys.findDuplicates', 'keys.detect', 'audit.list', 'settings.get', 'backups.list']);

describe('every contract method with random and malformed input', () => {
  it.each(channels.map((channel) => [channel]))('%s', async (channel) => {
    const [slice, name] = splitChannel(channel);
    const schema = (contract[slice] as Record<string, AnyMethod>)[name]!.input;
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
      fc.asyncProperty(fc.oneof(anything, fc.string(), fc.constantFrom('__proto__', 'keys.__proto__', 'keys.constructor', 'toString', 'keys.', '.list')), async (channel) => {
        const before = fingerprint();
        const result = await call(channel, undefined, { source: 'app' });
        expect(result).toMatchObject({ ok: false, error: { code: 'Invalid' } });
        expect(fingerprint()).toEqual(before);
      }),
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
