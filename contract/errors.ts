import { isPhrase, type Phrase } from '../i18n/phrase.ts';

/**
 * Errors are values: a stable code for programs and a one-line message for people.
 * Every door (IPC, CLI, test harness) carries them as `{ code, message }` (with the message as a
 * phrase where main wrote one); nothing else crosses, so a stack trace or a secret can never ride along.
 */
export const errorCodes = [
  'WrongPassword',
  'VaultDamaged',
  'VaultTooNew',
  'NotInitialized',
  'AlreadyExists',
  'Locked',
  'Throttled',
  'Invalid',
  'NotFound',
  'Forbidden',
  /** Another process held the vault's write lock for longer than a call waits; nothing was saved. */
  'Busy',
  'Internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A field-level problem, for forms that show messages next to the field. Never carries the value. */
export interface FieldIssue {
  path: string;
  message: string;
  /** The message as a phrase, where main wrote one: a form says it beside the field in the reader's language. */
  phrase?: Phrase;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** Present for `Invalid`. */
  issues?: FieldIssue[];
  /** Present for `Throttled`: how long until the next attempt is accepted. */
  retryAfterMs?: number;
  /** The message as a phrase (i18n/phrase.ts), where main wrote one: the window says it in the reader's language. */
  phrase?: Phrase;
}

export class KeywardError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly retryAfterMs: number | undefined;
  readonly phrase: Phrase | undefined;

  constructor(code: ErrorCode, message: string, extra: Omit<ErrorPayload, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'KeywardError';
    this.code = code;
    this.issues = extra.issues?.map(checkedIssue);
    this.retryAfterMs = extra.retryAfterMs;
    // Checked, not trusted: a payload can come from another process (the agent, the CLI's worker).
    this.phrase = isPhrase(extra.phrase) ? extra.phrase : undefined;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.issues) payload.issues = this.issues;
    if (this.retryAfterMs !== undefined) payload.retryAfterMs = this.retryAfterMs;
    if (this.phrase) payload.phrase = this.phrase;
    return payload;
  }

  static fromPayload(payload: ErrorPayload): KeywardError {
    const { code, message, ...extra } = payload;
    return new KeywardError(code, message, extra);
  }
}

/** An issue with its phrase dropped when it is malformed (from another process), as for the error's own. */
function checkedIssue(issue: FieldIssue): FieldIssue {
  if (issue.phrase === undefined || isPhrase(issue.phrase)) return issue;
  return { path: issue.path, message: issue.message };
}

export function isKeywardError(error: unknown): error is KeywardError {
  return error instanceof KeywardError;
}

/** The envelope every contract call returns across a process or network boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
