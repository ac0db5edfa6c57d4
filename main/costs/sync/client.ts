import type { z } from 'zod';
import type { CheckRequest } from '../../health/probes.ts';
import type { Transport } from '../../health/transport.ts';
import { phrase, type Phrase } from '../../../i18n/phrase.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { syncFailures } from './messages.ts';

/**
 * How a usage sync talks to a provider: one GET at a time through the live check's transport
 * (Electron's net in the app, undici with HTTPS_PROXY in the CLI, a local mock in tests), only
 * over https, only to the provider's own API host, with the admin key in the header the
 * provider documents and nothing else of the user's. Every answer is checked against the
 * documented shape with zod; a mismatch names the field.
 */

/** The one host each provider's sync may reach. */
export const SYNC_HOSTS = {
  openai: 'api.openai.com',
  anthropic: 'api.anthropic.com',
  openrouter: 'openrouter.ai',
} as const;
export type SyncHostProvider = keyof typeof SYNC_HOSTS;

/** A usage report of 31 days grouped by key and model is larger than a key check's answer. */
export const MAX_REPORT_BYTES = 8 * 1024 * 1024;
export const REQUEST_TIMEOUT_MS = 30_000;
/** 429s retried per request, and the longest wait honoured: beyond it the sync stops and says when to try again. */
export const MAX_RETRIES = 3;
export const MAX_RETRY_WAIT_MS = 60_000;

/** Why a sync stopped: offline (no answer), the key refused, still rate-limited, or an answer we cannot use. */
export type FailureKind = 'offline' | 'rejected' | 'rate-limited' | 'failed';

/** Why a sync stopped, as a phrase (i18n/phrase.ts): the sync's result says it, in the reader's language in the window. */
export class SyncFailure extends Error {
  readonly kind: FailureKind;
  readonly phrase: Phrase;
  constructor(kind: FailureKind, said: Phrase) {
    super(phraseText(said));
    this.name = 'SyncFailure';
    this.kind = kind;
    this.phrase = said;
  }
}

export interface ClientOptions {
  provider: SyncHostProvider;
  /** The provider's name for people ("OpenAI"). */
  providerName: string;
  transport: Transport;
  /** The auth headers (the admin key's) for every request. */
  auth: Record<string, string>;
  /** The key's label, to name it in a refusal. */
  keyLabel: string;
  sleep: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

export class ProviderClient {
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
  }

  /**
   * GETs `path` with `query` (arrays become repeated `name[]=` parameters, as both APIs
   * document) and returns the answer parsed by `schema`.
   */
  async get<S extends z.ZodType>(
    path: string,
    query: Record<string, string | number | string[] | undefined>,
    schema: S,
  ): Promise<z.output<S>> {
    const { provider, providerName } = this.#options;
    const url = new URL(`https://${SYNC_HOSTS[provider]}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(`${name}[]`, item);
      else url.searchParams.set(name, String(value));
    }
    // Belt and braces: nothing but the provider's own https host is ever asked.
    if (url.protocol !== 'https:' || url.host !== SYNC_HOSTS[provider])
      throw new SyncFailure('failed', phrase(syncFailures.otherHost));
    const request: CheckRequest = {
      method: 'GET',
      url: url.toString(),
      headers: { accept: 'application/json', 'user-agent': 'Keyward usage sync', ...this.#options.auth },
      maxBytes: MAX_REPORT_BYTES,
    };
    for (let attempt = 0; ; attempt++) {
      const answer = await this.#send(request);
      if (answer.status === 429) {
        const wait = retryAfterMs(answer.headers['retry-after'], attempt);
        if (attempt >= MAX_RETRIES || wait > MAX_RETRY_WAIT_MS) {
          const seconds = wait > MAX_RETRY_WAIT_MS ? String(Math.ceil(wait / 1000)) : 'none';
          throw new SyncFailure('rate-limited', phrase(syncFailures.rateLimited, { provider: providerName, seconds }));
        }
        await this.#options.sleep(wait);
        continue;
      }
      if (answer.status === 401 || answer.status === 403)
        throw new SyncFailure(
          'rejected',
          phrase(syncFailures.refused, { provider: providerName, label: this.#options.keyLabel, status: String(answer.status) }),
        );
      if (answer.status < 200 || answer.status >= 300)
        throw new SyncFailure(
          'failed',
          phrase(syncFailures.httpStatus, { provider: providerName, status: String(answer.status), path }),
        );
      if (answer.body.length >= MAX_REPORT_BYTES)
        throw new SyncFailure(
          'failed',
          phrase(syncFailures.tooLarge, { provider: providerName, path, mib: String(MAX_REPORT_BYTES / 1024 / 1024) }),
        );
      return parseAnswer(schema, answer.body, `${providerName} ${path}`);
    }
  }

  async #send(request: CheckRequest) {
    const controller = new AbortController();
    const timeoutMs = this.#options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await Promise.race([
        this.#options.transport(request, controller.signal),
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }),
        ),
      ]);
    } catch {
      // The error text of a failed connection can quote the request; only a fixed sentence leaves here.
      // `since: none`: the service names the last success, when there was one (see offlineSince).
      throw new SyncFailure(
        'offline',
        controller.signal.aborted
          ? phrase(syncFailures.timedOut, {
              provider: this.#options.providerName,
              seconds: String(timeoutMs / 1000),
              since: 'none',
            })
          : phrase(syncFailures.unreachable, {
              provider: this.#options.providerName,
              host: SYNC_HOSTS[this.#options.provider],
              since: 'none',
            }),
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Retry-After in seconds or as an HTTP date; without one, 1 s, 2 s, 4 s. */
export function retryAfterMs(header: string | undefined, attempt: number, now = Date.now()): number {
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  return 1000 * 2 ** attempt;
}

/** JSON through the documented shape; a mismatch says which field, never the value. */
export function parseAnswer<S extends z.ZodType>(schema: S, body: string, what: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new SyncFailure('failed', phrase(syncFailures.notJson, { what }));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SyncFailure(
      'failed',
      issue.path.length > 0
        ? phrase(syncFailures.unexpectedAt, { what, field: issue.path.join('.'), issue: issue.message })
        : phrase(syncFailures.unexpectedWhole, { what, issue: issue.message }),
    );
  }
  return parsed.data;
}
