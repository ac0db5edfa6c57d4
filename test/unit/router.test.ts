import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../contract/client.ts';
import { KeywardError, type ErrorPayload } from '../../contract/errors.ts';
import type { Handlers } from '../../contract/index.ts';
import type { AuditEntry } from '../../contract/audit.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter, type CallContext } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { phraseText } from '../../i18n/phrase-text.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { windowIntl } from '../support/intl.ts';
import { createdVault } from '../support/vault.ts';

// The router as a door sees it: raw, untrusted inputs in, Result envelopes out.
const app: CallContext = { source: 'app' };
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.vault.lock('quit');
});

interface Failure {
  channel: string;
  summary: string;
}

async function routed(customise: (handlers: Handlers<CallContext>) => void = () => {}) {
  const services = await createdVault();
  opened.push(services);
  const handlers = createHandlers(services);
  customise(handlers);
  const failures: Failure[] = [];
  const call = createRouter(handlers, (channel, summary) => failures.push({ channel, summary }));
  const ok = async <T>(channel: string, input?: unknown, ctx: CallContext = app): Promise<T> => {
    const result = await call(channel, input, ctx);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const fails = async (channel: unknown, input?: unknown): Promise<ErrorPayload> => {
    const result = await call(channel, input, app);
    if (result.ok) throw new Error(`${String(channel)} was expected to fail`);
    return result.error;
  };
  /** What a write would change: the audit log and the keys. Read through the router too. */
  const state = async () => ({
    audit: await ok<AuditEntry[]>('audit.list', { limit: 10_000 }),
    keys: await ok<KeySummary[]>('keys.list'),
  });
  return { services, call, ok, fails, failures, state };
}

describe('channels', () => {
  it('answers an unknown channel with Invalid', async () => {
    const { fails, failures } = await routed();
    for (const channel of [
      'keys.nope',
      'keys',
      'nope.list',
      'toString',
      '__proto__',
      'keys.__proto__',
      'keys.constructor',
      '',
      42,
      null,
      undefined,
    ]) {
      const error = await fails(channel, {});
      expect(error, String(channel)).toEqual({
        code: 'Invalid',
        message: 'Unknown method.',
        phrase: { id: 'common.error.unknownMethod', defaultMessage: 'Unknown method.' },
      });
    }
    expect(failures).toEqual([]);
  });

  it('routes a valid call to its service and records the door in the audit log', async () => {
    const { ok } = await routed();
    const key = await ok<KeySummary>('keys.add', { label: 'From the CLI', secret: fakeKeys.github() }, { source: 'cli' });
    expect(key).toMatchObject({ label: 'From the CLI', provider: 'github', environment: 'prod' });
    const [entry] = await ok<AuditEntry[]>('audit.list', { keyId: key.id });
    expect(entry).toMatchObject({ action: 'key.added', source: 'cli', keyId: key.id });
  });
});

describe('invalid input', () => {
  const secret = fakeKeys.stripeLive();
  const valid = { label: 'Shop', secret };
  const cases: Array<{ name: string; channel: string; input: unknown; paths: string[] }> = [
    { name: 'empty label', channel: 'keys.add', input: { ...valid, label: '' }, paths: ['label'] },
    { name: 'blank label', channel: 'keys.add', input: { ...valid, label: '   ' }, paths: ['label'] },
    { name: 'impossible date', channel: 'keys.add', input: { ...valid, expiresAt: '2026-13-45' }, paths: ['expiresAt'] },
    { name: 'date in another format', channel: 'keys.add', input: { ...valid, expiresAt: '31/01/2027' }, paths: ['expiresAt'] },
    { name: 'unknown extra field', channel: 'keys.add', input: { ...valid, owner: 'me' }, paths: ['owner'] },
    {
      name: 'two unknown fields',
      channel: 'keys.add',
      input: { ...valid, owner: 'me', colour: 'red' },
      paths: ['owner', 'colour'],
    },
    { name: 'label of the wrong type', channel: 'keys.add', input: { ...valid, label: 42 }, paths: ['label'] },
    { name: 'favourite as a string', channel: 'keys.add', input: { ...valid, favourite: 'yes' }, paths: ['favourite'] },
    { name: 'tags not a list', channel: 'keys.add', input: { ...valid, tags: 'a,b' }, paths: ['tags'] },
    { name: 'a tag of the wrong type', channel: 'keys.add', input: { ...valid, tags: ['ok', 7] }, paths: ['tags.1'] },
    { name: 'fractional rotation', channel: 'keys.add', input: { ...valid, rotateEveryDays: 1.5 }, paths: ['rotateEveryDays'] },
    { name: 'unknown environment', channel: 'keys.add', input: { ...valid, environment: 'production' }, paths: ['environment'] },
    { name: 'unknown provider', channel: 'keys.add', input: { ...valid, provider: 'acme' }, paths: ['provider'] },
    { name: 'empty custom provider', channel: 'keys.add', input: { ...valid, provider: 'custom:  ' }, paths: ['provider'] },
    { name: 'missing secret', channel: 'keys.add', input: { label: 'Shop' }, paths: ['secret'] },
    { name: 'not an object', channel: 'keys.add', input: 'label=Shop', paths: ['(input)'] },
    { name: 'null input', channel: 'keys.add', input: null, paths: ['(input)'] },
    { name: 'non-uuid id for get', channel: 'keys.get', input: { id: 'abc' }, paths: ['id'] },
    { name: 'non-uuid id for update', channel: 'keys.update', input: { id: '1; DROP TABLE keys', label: 'x' }, paths: ['id'] },
    { name: 'update without id', channel: 'keys.update', input: { label: 'x' }, paths: ['id'] },
    {
      name: 'update with a bad date',
      channel: 'keys.update',
      input: { id: MISSING_ID, expiresAt: '2026-02-30' },
      paths: ['expiresAt'],
    },
    { name: 'non-uuid id for remove', channel: 'keys.remove', input: { id: 42 }, paths: ['id'] },
    { name: 'non-uuid id for reveal', channel: 'keys.reveal', input: { id: '' }, paths: ['id'] },
    { name: 'an argument where none is taken', channel: 'vault.status', input: {}, paths: ['(input)'] },
    { name: 'short new password', channel: 'vault.changePassword', input: { current: 'x', next: 'short' }, paths: ['next'] },
    { name: 'audit limit out of range', channel: 'audit.list', input: { limit: 0 }, paths: ['limit'] },
  ];

  it.each(cases)('$name → Invalid naming $paths, nothing written', async ({ channel, input, paths }) => {
    const { fails, state, ok, failures } = await routed();
    await ok('keys.add', { label: 'Existing', secret: fakeKeys.github() });
    const before = await state();
    const error = await fails(channel, input);
    expect(error.code).toBe('Invalid');
    expect(error.issues?.map((issue) => issue.path)).toEqual(paths);
    for (const issue of error.issues ?? []) expect(issue.message.length).toBeGreaterThan(0);
    expect(error.message).toContain(paths[0]);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(await state()).toEqual(before);
    expect(failures).toEqual([]);
  });

  it('an update with only an id is valid and writes nothing', async () => {
    const { ok, state } = await routed();
    const key = await ok<KeySummary>('keys.add', { label: 'Existing', secret: fakeKeys.github() });
    const before = await state();
    expect(await ok<KeySummary>('keys.update', { id: key.id })).toEqual(key);
    expect(await state()).toEqual(before);
  });

  it('an unrecognisable secret without a provider is Invalid on provider, from the service', async () => {
    const { fails, state } = await routed();
    const before = await state();
    const error = await fails('keys.add', { label: 'Mystery', secret: moreFakeKeys.unrecognised() });
    expect(error.code).toBe('Invalid');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['provider']);
    expect(JSON.stringify(error)).not.toContain(moreFakeKeys.unrecognised());
    expect(await state()).toEqual(before);
  });
});

describe('unexpected failures', () => {
  const secret = fakeKeys.anthropic();

  it('become Internal with a generic message; neither the caller nor the failure log sees the secret', async () => {
    const { fails, failures } = await routed((handlers) => {
      handlers.keys.list = () => {
        throw new Error(`could not parse ${secret}`);
      };
      handlers.keys.get = () => {
        // A multi-line message: the stack's header repeats every line of it.
        throw Object.assign(new TypeError(`bad row\n  value: ${secret}\n  at the end`), { code: 'E_FAKE' });
      };
      handlers.keys.findDuplicates = () => Promise.reject(new RangeError(secret));
    });
    const errors = [
      await fails('keys.list'),
      await fails('keys.get', { id: MISSING_ID }),
      await fails('keys.findDuplicates', { secret }),
    ];
    for (const error of errors) {
      expect(error.code).toBe('Internal');
      expect(error.message).toBe('Something went wrong inside Keyward; nothing was saved.');
      expect(JSON.stringify(error)).not.toContain(secret);
    }
    expect(failures.map((f) => f.channel)).toEqual(['keys.list', 'keys.get', 'keys.findDuplicates']);
    expect(failures[0]!.summary).toMatch(/^Error\n/);
    expect(failures[1]!.summary).toMatch(/^TypeError \(E_FAKE\)\n/);
    expect(failures[2]!.summary).toMatch(/^RangeError\n/);
    for (const failure of failures) {
      expect(failure.summary).not.toContain(secret);
      expect(failure.summary).not.toContain('value:');
      expect(failure.summary).not.toContain('could not parse');
      // What is left is the stack: where it happened, which is what a bug report needs.
      expect(failure.summary).toMatch(/\n\s+at /);
    }
  });

  it('a thrown non-Error is Internal and logged by its type only', async () => {
    const { fails, failures } = await routed((handlers) => {
      handlers.keys.reveal = () => {
        throw secret;
      };
    });
    const error = await fails('keys.reveal', { id: MISSING_ID });
    expect(error.code).toBe('Internal');
    expect(failures).toEqual([{ channel: 'keys.reveal', summary: 'string' }]);
  });

  it('a KeywardError from a handler passes through with its code and message', async () => {
    const { fails, failures } = await routed();
    expect(await fails('keys.reveal', { id: MISSING_ID })).toEqual({
      code: 'NotFound',
      message: 'No key with that id.',
      phrase: { id: 'keys.error.noSuchKey', defaultMessage: 'No key with that id.' },
    });
    expect(failures).toEqual([]);
  });

  it('a SQLite corruption error becomes VaultDamaged', async () => {
    const { fails } = await routed((handlers) => {
      handlers.keys.list = () => {
        throw Object.assign(new Error(`database disk image is malformed near ${secret}`), { code: 'SQLITE_CORRUPT' });
      };
    });
    const error = await fails('keys.list');
    expect(error.code).toBe('VaultDamaged');
    expect(JSON.stringify(error)).not.toContain(secret);
  });
});

describe('locked vault', () => {
  it('answers Locked for every vault-bound method, and detect still works', async () => {
    const { ok, fails } = await routed();
    const key = await ok<KeySummary>('keys.add', { label: 'k', secret: fakeKeys.github() });
    expect(await ok('vault.lock')).toMatchObject({ state: 'locked' });
    const calls: Array<[string, unknown]> = [
      ['keys.list', undefined],
      ['keys.list', { search: 'k' }],
      ['keys.get', { id: key.id }],
      ['keys.add', { label: 'new', secret: fakeKeys.stripeTest() }],
      ['keys.update', { id: key.id, label: 'x' }],
      ['keys.remove', { id: key.id }],
      ['keys.reveal', { id: key.id }],
      ['keys.findDuplicates', { secret: fakeKeys.github() }],
      ['audit.list', undefined],
    ];
    for (const [channel, input] of calls) expect((await fails(channel, input)).code, channel).toBe('Locked');

    expect(await ok('keys.detect', { secret: fakeKeys.stripeTest() })).toEqual({
      provider: 'stripe',
      live: false,
      kind: 'secretKey',
    });
    expect(await ok('keys.detect', { secret: fakeKeys.openaiProject() })).toMatchObject({ provider: 'openai', live: null });
    expect(await ok('keys.detect', { secret: moreFakeKeys.unrecognised() })).toEqual({ provider: null, live: null, kind: null });
    expect((await fails('keys.detect', { secret: '' })).code).toBe('Invalid');
    expect(await ok('vault.status')).toMatchObject({ state: 'locked' });
  });
});

describe('createApi over the router', () => {
  it('resolves with values and rejects with a KeywardError carrying code, message and issues', async () => {
    const { call } = await routed();
    const api = createApi((channel, input) => call(channel, input, app));

    expect(await api.vault.status()).toMatchObject({ state: 'unlocked' });
    const key = await api.keys.add({ label: 'Typed', secret: fakeKeys.stripeLive() });
    expect(key).toMatchObject({ provider: 'stripe', live: true });
    expect(await api.keys.reveal({ id: key.id })).toEqual({ secret: fakeKeys.stripeLive() });

    const invalid = await api.keys
      .add({ label: '', secret: fakeKeys.github(), expiresAt: '2026-13-45' })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(KeywardError);
    const error = invalid as KeywardError;
    expect(error.code).toBe('Invalid');
    expect(error.message).toMatch(/label: .*; expiresAt: /);
    expect(error.issues?.map((issue) => issue.path)).toEqual(['label', 'expiresAt']);
    // Each issue carries the contract's words for it, so the window says it in its language.
    const ko = windowIntl('ko');
    expect(error.issues?.map((issue) => issue.phrase && phraseText(issue.phrase, ko))).toEqual([
      '키 이름을 입력하십시오.',
      '날짜를 YYYY-MM-DD 형식으로 입력하십시오.',
    ]);
    const tooLong = (await api.keys
      .add({ label: 'x', secret: fakeKeys.github(), notes: 'n'.repeat(4001) })
      .catch((e: unknown) => e)) as KeywardError;
    expect(tooLong.message).toBe('notes: Use at most 4000 characters.');
    expect(phraseText(tooLong.issues![0]!.phrase!, ko)).toBe('4,000자 이하로 입력하십시오.');

    const notFound = (await api.keys.get({ id: MISSING_ID }).catch((e: unknown) => e)) as KeywardError;
    expect(notFound).toBeInstanceOf(KeywardError);
    expect(notFound).toMatchObject({ code: 'NotFound', message: 'No key with that id.', issues: undefined });

    await api.vault.lock();
    const locked = (await api.keys.list().catch((e: unknown) => e)) as KeywardError;
    expect(locked).toBeInstanceOf(KeywardError);
    expect(locked.code).toBe('Locked');

    const wrong = (await api.vault.unlock({ password: 'not the password' }).catch((e: unknown) => e)) as KeywardError;
    expect(wrong.code).toBe('WrongPassword');
    expect(wrong.message).not.toContain('not the password');
  });
});
