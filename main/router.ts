import { defineMessages } from '@formatjs/intl';
import type { z } from 'zod';
import type { AuditSource } from '../contract/audit.ts';
import type { AnyMethod } from '../contract/define.ts';
import { KeywardError, type ErrorPayload, type FieldIssue, type Result } from '../contract/errors.ts';
import { contract, isChannel, isOpenTo, splitChannel, type Channel, type Handlers } from '../contract/index.ts';
import { issuePhrase, schemaText, schemaWords } from '../contract/schema-words.ts';
import { phrase, type Phrase } from '../i18n/phrase.ts';
import { phraseError } from '../i18n/phrase-text.ts';
import { isDamageError } from './vault/database.ts';

const errors = defineMessages({
  unknownMethod: { id: 'common.error.unknownMethod', defaultMessage: 'Unknown method.' },
  cliOnly: {
    id: 'common.error.cliOnly',
    defaultMessage: "{channel} is only available to the keyward command, not to the app's window.",
  },
  busyLong: {
    id: 'common.error.busyLong',
    defaultMessage:
      'The vault is busy: another Keyward (the app or the CLI) has been writing to it for a long time, such as a large import. Nothing was saved; try again when it is done.',
  },
  pageDamaged: {
    id: 'common.error.pageDamaged',
    defaultMessage:
      'The vault is damaged: a page failed its check. Lock it and recover it from a backup on the unlock screen (or `keyward backup recover`).',
  },
  unexpected: { id: 'common.error.unexpected', defaultMessage: 'Something went wrong inside Keyward; nothing was saved.' },
});

/** Who is calling: recorded in the audit log. */
export interface CallContext {
  source: AuditSource;
}

export type Call = (channel: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** Where unexpected failures are reported. Receives the error's class and stack, never its message text. */
export type FailureLog = (channel: Channel, summary: string) => void;

/**
 * The one router behind every door. It checks the channel exists, validates the input with
 * the method's zod schema, runs the handler and turns every outcome into a Result envelope.
 * Unexpected errors become `Internal` without their message, which could quote data.
 */
export function createRouter(handlers: Handlers<CallContext>, logFailure: FailureLog = () => {}): Call {
  return async (channel, input, ctx) => {
    if (!isChannel(channel)) return failure(phraseError('Invalid', phrase(errors.unknownMethod)).toPayload());
    // Second line behind main/platform/ipc.ts: a call made for the window never reaches a CLI-only method.
    if (ctx.source === 'app' && !isOpenTo(channel, 'ipc')) return failure(cliOnlyRefusal(channel));
    const [slice, name] = splitChannel(channel);
    const spec = (contract[slice] as Record<string, AnyMethod>)[name]!;
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return failure(invalid(parsed.error));
    const handler = (handlers[slice] as Record<string, (input: unknown, ctx: CallContext) => unknown>)[name]!;
    try {
      return { ok: true, value: await patiently(channel, () => handler(parsed.data, ctx)) };
    } catch (error) {
      if (error instanceof KeywardError) return failure(error.toPayload());
      if (isBusyError(error)) return failure(phraseError('Busy', phrase(errors.busyLong)).toPayload());
      if (isDamageError(error)) return failure(phraseError('VaultDamaged', phrase(errors.pageDamaged)).toPayload());
      logFailure(channel, describeWithoutMessage(error));
      return failure(phraseError('Internal', phrase(errors.unexpected)).toPayload());
    }
  };
}

/**
 * A write waits busy_timeout (5 s) for the vault's write lock, blocking its thread. Another
 * process can hold the lock longer: a large import from the CLI keeps one transaction open while
 * it reads the whole file. Then the call is tried again after a pause (the thread free meanwhile),
 * for up to two minutes, instead of "database is locked" reaching the user (found by the
 * reliability suite's two-process import test). Safe because a busy write has written nothing:
 * every write takes the lock first (BEGIN IMMEDIATE), and what a handler does before it is
 * harmless to repeat (a decryption, a clipboard write, a backup). The import commit is not
 * repeated: it uses up its preview before writing.
 */
const BUSY_PATIENCE_MS = 120_000;
const notRepeated = new Set<string>(['usage.commit']);

async function patiently<T>(channel: Channel, call: () => T | Promise<T>): Promise<T> {
  const started = Date.now();
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    try {
      return await call();
    } catch (error) {
      if (!isBusyError(error) || notRepeated.has(channel) || Date.now() - started > BUSY_PATIENCE_MS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** A method closed to the window (see `Door` in contract/define.ts), called from it. */
export function cliOnlyRefusal(channel: string): ErrorPayload {
  return phraseError('Forbidden', phrase(errors.cliOnly, { channel })).toPayload();
}

function failure(error: ErrorPayload): Result<never> {
  return { ok: false, error };
}

export function invalid(error: z.ZodError): ErrorPayload {
  const pathOf = (path: PropertyKey[]) => path.map(String).join('.') || '(input)';
  // An unknown field is reported on its own path, so a form or a script sees which one it was,
  // unless its name does not look like a field name: a value sent where a name belongs (a key
  // pasted as an object key) must not come back in the error (found by the reliability suite).
  const issues: FieldIssue[] = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) =>
          withPhrase(
            {
              path: pathOf([...issue.path, looksLikeFieldName(key) ? key : '(unknown field)']),
              message: schemaText.unknownField,
            },
            phrase(schemaWords.unknownField),
          ),
        )
      : [withPhrase({ path: pathOf(issue.path), message: issue.message }, issuePhrase(issue))],
  );
  return {
    code: 'Invalid',
    message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    issues,
  };
}

/** The issue with the contract's words for it, so the window can say it in the reader's language. */
function withPhrase(issue: FieldIssue, said: Phrase | undefined): FieldIssue {
  return said ? { ...issue, phrase: said } : issue;
}

/** Every contract field is a short camelCase word; anything longer or stranger is not echoed. */
function looksLikeFieldName(key: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{0,23}$/.test(key);
}

function describeWithoutMessage(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  // Only the `at …` lines: the stack's header repeats the message, which may span several lines.
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` (${code})` : ''}\n${frames}`;
}
