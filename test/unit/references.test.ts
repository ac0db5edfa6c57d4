import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcMain } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit.ts';
import { channels, windowChannels, isOpenTo } from '../../contract/index.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { envLineFor, envVarFor, parseReference, referenceFor } from '../../contract/references.ts';
import type { EnvImportReport, ResolvedReference } from '../../contract/references-contract.ts';
import { phraseText } from '../../i18n/phrase-text.ts';
import { createHandlers } from '../../main/handlers.ts';
import { setMainLocale } from '../../main/i18n.ts';
import { registerIpc } from '../../main/platform/ipc.ts';
import { environmentFromFileName } from '../../main/keys/env-import.ts';
import { createRouter, type CallContext } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { APP_ENTRY_URL } from '../../main/security.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { windowIntl } from '../support/intl.ts';
import { createdVault } from '../support/vault.ts';

const cli: CallContext = { source: 'cli' };
const FIXTURE = fileURLToPath(new URL('../fixtures/env/quirks.env', import.meta.url));
const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.vault.lock('quit');
});

async function routed() {
  const services = await createdVault();
  opened.push(services);
  const call = createRouter(createHandlers(services));
  const ok = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input, cli);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const fails = async (channel: string, input?: unknown) => {
    const result = await call(channel, input, cli);
    if (result.ok) throw new Error(`${channel} succeeded`);
    return result.error;
  };
  const add = (label: string, secret: string, extra: object = {}) => ok<KeySummary>('keys.add', { label, secret, ...extra });
  return { services, call, ok, fails, add };
}

describe('references', () => {
  it('name a key by id or by provider and percent-encoded label', () => {
    const key = { id: '3f0c1a2b-0000-4000-8000-000000000001', provider: 'custom:My Host', label: 'prod / main' };
    const readable = referenceFor(key, [key]);
    expect(readable).toBe('keyward://custom%3AMy%20Host/prod%20%2F%20main');
    expect(parseReference(readable)).toEqual({ kind: 'label', provider: 'custom:My Host', label: 'prod / main' });
    expect(parseReference(`keyward://${key.id}`)).toEqual({ kind: 'id', id: key.id });
    // Another key with the same provider and label: only the id names it alone.
    expect(referenceFor(key, [key, { ...key, id: 'other' }])).toBe(`keyward://${key.id}`);
    for (const bad of ['keyward://', 'keyward://not-an-id', 'keyward://openai/', 'keyward://%zz/x', 'op://vault/item'])
      expect(parseReference(bad), bad).toBeNull();
  });

  it('come as .env lines under the provider catalog’s variable name', () => {
    const key = { id: 'x', provider: 'openai', label: 'Main' };
    expect(envLineFor(key, [key])).toBe('OPENAI_API_KEY=keyward://openai/Main');
    expect(envVarFor('custom:Acme cloud')).toBe('ACME_CLOUD_API_KEY');
  });

  it('resolve to their secrets all at once, audited once with the keys and the command name, never a value', async () => {
    const { ok, add } = await routed();
    const stripe = fakeKeys.stripeTest('ref');
    const openai = fakeKeys.openaiProject('ref');
    const a = await add('Stripe test', stripe);
    const b = await add('Main', openai, { provider: 'openai' });
    const { resolved } = await ok<{ resolved: ResolvedReference[] }>('keys.resolve', {
      references: [`keyward://${a.id}`, 'keyward://openai/Main', 'keyward://openai/main'],
      purpose: { kind: 'run', command: 'node' },
    });
    expect(resolved.map((r) => [r.reference, r.keyId, r.secret])).toEqual([
      [`keyward://${a.id}`, a.id, stripe],
      ['keyward://openai/Main', b.id, openai],
      ['keyward://openai/main', b.id, openai],
    ]);
    const audit = await ok<AuditEntry[]>('audit.list', {});
    const runs = audit.filter((entry) => entry.action === 'keys.resolved');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ source: 'cli', keyId: null });
    expect(runs[0]!.detail).toBe(`run node: Stripe test (${a.id}), Main (${b.id})`);
    expect(JSON.stringify(audit)).not.toContain(stripe);
    expect(JSON.stringify(audit)).not.toContain(openai);
  });

  it('name nothing once their key is in the trash, and the key again once it is restored', async () => {
    const { ok, fails, add } = await routed();
    const key = await add('Binned', fakeKeys.github('bin'));
    const resolve = { references: ['keyward://github/Binned', `keyward://${key.id}`], purpose: { kind: 'run', command: 'sh' } };
    await ok('keys.remove', { id: key.id });
    expect((await fails('keys.resolve', resolve)).message).toBe(
      `Nothing was started: keyward://github/Binned names no key in the vault; keyward://${key.id} names no key in the vault.`,
    );
    await ok('trash.restore', { id: key.id });
    expect((await ok<{ resolved: ResolvedReference[] }>('keys.resolve', resolve)).resolved).toHaveLength(2);
  });

  it('fail as a whole, naming every unknown, ambiguous or unreadable reference, and decrypt nothing', async () => {
    const { ok, fails, add } = await routed();
    await add('Twin', fakeKeys.stripeTest('one'));
    await add('Twin', fakeKeys.stripeTest('two'));
    const kept = await add('Kept', fakeKeys.github('kept'));
    const error = await fails('keys.resolve', {
      references: [
        `keyward://${kept.id}`,
        'keyward://stripe/Twin',
        'keyward://stripe/Nope',
        'keyward://nonsense',
        fakeKeys.openaiProject('pasted'),
      ],
      purpose: { kind: 'inject', command: 'compose.tpl' },
    });
    expect(error.code).toBe('NotFound');
    expect(error.message).toMatch(/keyward:\/\/stripe\/Twin names 2 keys/);
    expect(error.message).toMatch(/keyward:\/\/stripe\/Nope names no key/);
    expect(error.message).toMatch(/keyward:\/\/nonsense is not a reference/);
    // A key given where a reference belongs is counted, never quoted.
    expect(error.message).toMatch(/value 5 \(not a keyward:\/\/ reference\) is not a reference/);
    expect(error.message).not.toContain(fakeKeys.openaiProject('pasted'));
    const audit = await ok<AuditEntry[]>('audit.list', {});
    expect(audit.some((entry) => entry.action === 'keys.resolved')).toBe(false);
  });
});

describe('doors: a method that hands out plaintext in bulk is the CLI’s alone', () => {
  it('keys.resolve is closed to the window: the preload does not list it, every other method it does', () => {
    expect(isOpenTo('keys.resolve', 'cli')).toBe(true);
    expect(isOpenTo('keys.resolve', 'ipc')).toBe(false);
    expect(windowChannels).not.toContain('keys.resolve');
    expect(windowChannels).toEqual(channels.filter((channel) => channel !== 'keys.resolve'));
    // The preload's list is the window's list, baked in at build time.
    expect(readFileSync(join(fileURLToPath(new URL('../../scripts/build.ts', import.meta.url))), 'utf8')).toContain(
      'KEYWARD_CHANNELS: JSON.stringify(windowChannels)',
    );
  });

  it('main/platform/ipc.ts refuses it with a clear error even from our own page, whatever it sends', async () => {
    const services = await createdVault();
    opened.push(services);
    const secret = fakeKeys.stripeTest('ipc');
    const key = await createRouter(createHandlers(services))('keys.add', { label: 'x', secret }, cli);
    expect(key.ok).toBe(true);
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    registerIpc(
      { handle: (channel: string, h: never) => handlers.set(channel, h) } as unknown as Pick<IpcMain, 'handle'>,
      createRouter(createHandlers(services)),
    );
    const fromApp = { senderFrame: { url: APP_ENTRY_URL, parent: null } };
    const answer = await handlers.get('keys.resolve')!(fromApp, {
      references: ['keyward://stripe/x'],
      purpose: { kind: 'run', command: 'sh' },
    });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'Forbidden',
        message: "keys.resolve is only available to the keyward command, not to the app's window.",
        phrase: { id: 'common.error.cliOnly', values: { channel: 'keys.resolve' } },
      },
    });
    expect(JSON.stringify(answer)).not.toContain(secret);
    // And the router itself refuses it to any call made for the window, whichever door forgot.
    const direct = await createRouter(createHandlers(services))(
      'keys.resolve',
      { references: ['keyward://stripe/x'], purpose: { kind: 'run', command: 'sh' } },
      { source: 'app' },
    );
    expect(direct).toEqual(answer);
    // The same page still reaches everything else.
    expect(await handlers.get('keys.list')!(fromApp, {})).toMatchObject({ ok: true });
  });
});

describe('importing a .env file', () => {
  const text = readFileSync(FIXTURE, 'utf8');

  it('adds the keys it recognises, leaves everything else alone and says what it did, values masked', async () => {
    const { ok } = await routed();
    const report = await ok<EnvImportReport>('keys.importEnv', { text, fileName: '.env.production', usedIn: 'shop-api' });
    const status = Object.fromEntries(report.items.map((item) => [item.variable, item.status]));
    expect(status).toEqual({
      PORT: 'skipped',
      DEBUG: 'skipped',
      OPENAI_API_KEY: 'added',
      ANTHROPIC_API_KEY: 'added',
      GITHUB_TOKEN: 'added',
      STRIPE_SECRET_KEY: 'added',
      GROQ_API_KEY: 'added',
      DATABASE_URL: 'skipped',
      WINDOWS_PATH: 'skipped',
      QUOTED_HASH: 'skipped',
      MULTILINE: 'skipped',
      BACKTICK: 'skipped',
      EMPTY: 'skipped',
      ALREADY: 'skipped',
    });
    expect(report).toMatchObject({ added: 5, existing: 0, skipped: 9, environment: 'prod', dryRun: false });
    const keys = await ok<KeySummary[]>('keys.list');
    expect(keys.map((k) => [k.label, k.provider, k.environment, k.usedIn]).sort()).toEqual([
      ['ANTHROPIC_API_KEY', 'anthropic', 'prod', ['shop-api']],
      ['GITHUB_TOKEN', 'github', 'prod', ['shop-api']],
      ['GROQ_API_KEY', 'groq', 'prod', ['shop-api']],
      ['OPENAI_API_KEY', 'openai', 'prod', ['shop-api']],
      ['STRIPE_SECRET_KEY', 'stripe', 'prod', ['shop-api']],
    ]);
    const openai = report.items.find((item) => item.variable === 'OPENAI_API_KEY')!;
    expect(openai.reference).toBe('keyward://openai/OPENAI_API_KEY');
    expect(openai.masked).toMatch(/^sk-proj-…/);
    const values = Object.values((await import('dotenv')).parse(text));
    for (const value of values.filter((v) => v.length > 20)) expect(JSON.stringify(report)).not.toContain(value);
  });

  it('a second import of the same file points at the keys already there and adds nothing', async () => {
    const { ok } = await routed();
    await ok('keys.importEnv', { text, fileName: '.env' });
    const again = await ok<EnvImportReport>('keys.importEnv', { text: text.replaceAll('\n', '\r\n'), fileName: '.env.local' });
    expect(again).toMatchObject({ added: 0, existing: 5, skipped: 9, environment: 'dev', dryRun: false });
    expect(again.items.find((item) => item.variable === 'GITHUB_TOKEN')?.reference).toBe('keyward://github/GITHUB_TOKEN');
    expect(await ok<KeySummary[]>('keys.list')).toHaveLength(5);
  });

  it('a dry run reports exactly what the import will do and changes nothing, not even the audit log', async () => {
    const { ok } = await routed();
    const auditBefore = await ok<AuditEntry[]>('audit.list', {});
    const preview = await ok<EnvImportReport>('keys.importEnv', { text, fileName: '.env.staging', dryRun: true });
    expect(preview).toMatchObject({ added: 5, environment: 'staging', dryRun: true });
    expect(await ok<KeySummary[]>('keys.list')).toEqual([]);
    expect(await ok<AuditEntry[]>('audit.list', {})).toEqual(auditBefore);
    const real = await ok<EnvImportReport>('keys.importEnv', { text, fileName: '.env.staging' });
    expect(real.items).toEqual(preview.items);
  });

  it('says why a value was left alone in the reader’s language, the CLI’s English unchanged', async () => {
    const { ok } = await routed();
    await ok('keys.importEnv', { text, fileName: '.env' });
    const again = await ok<EnvImportReport>('keys.importEnv', { text, fileName: '.env' });
    const note = (variable: string, intl?: ReturnType<typeof windowIntl>) =>
      phraseText(again.items.find((item) => item.variable === variable)!.note!, intl);
    expect([note('PORT'), note('EMPTY'), note('ALREADY'), note('OPENAI_API_KEY')]).toEqual([
      'not a recognised key',
      'empty',
      'already a reference',
      'already in the vault as OPENAI_API_KEY',
    ]);
    const ko = windowIntl('ko');
    expect([note('PORT', ko), note('EMPTY', ko), note('ALREADY', ko), note('OPENAI_API_KEY', ko)]).toEqual([
      '인식되는 키가 아님',
      '비어 있음',
      '이미 참조임',
      '이미 보관함에 OPENAI_API_KEY 이름으로 있음',
    ]);
  });

  it('writes the note an imported key keeps in main’s language of the moment', async () => {
    const { ok } = await routed();
    const line = (name: string, value: string) => `${name}=${value}\n`;
    await ok('keys.importEnv', { text: line('STRIPE_KEY', fakeKeys.stripeTest('en')), fileName: 'app/.env.production' });
    setMainLocale('ko');
    try {
      await ok('keys.importEnv', { text: line('GITHUB_TOKEN', fakeKeys.github('ko')), fileName: '.env' });
    } finally {
      setMainLocale('en');
    }
    const notes = Object.fromEntries((await ok<KeySummary[]>('keys.list')).map((key) => [key.label, key.notes]));
    expect(notes).toEqual({ STRIPE_KEY: 'Imported from .env.production.', GITHUB_TOKEN: '.env에서 가져왔습니다.' });
  });

  it('takes the environment from the file name', () => {
    expect(
      ['.env.production', '.env.prod', '.env.production.local', 'C:\\app\\.env.production'].map(environmentFromFileName),
    ).toEqual(['prod', 'prod', 'prod', 'prod']);
    expect(['.env', '.env.local', '.env.development', '.env.dev'].map(environmentFromFileName)).toEqual([
      'dev',
      'dev',
      'dev',
      'dev',
    ]);
    expect(['.env.staging', '.env.test', 'settings.env'].map(environmentFromFileName)).toEqual(['staging', 'other', 'other']);
  });
});
