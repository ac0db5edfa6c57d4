import { defineMessages } from '@formatjs/intl';
import type { CheckDetails, CheckVerdict } from '../../contract/health.ts';
import { getProvider, providerCatalog, type CatalogProviderId, type ValidityCheck } from '../../contract/providers.ts';
import { phrase, type Phrase } from '../../i18n/phrase.ts';
import { isAdminKey } from './items.ts';

/**
 * How each provider is asked and what its answer means, from the providers' documentation and
 * trufflehog's verifiers (workflow-research.md §3.1). The request goes to the catalog's check URL
 * (or, for admin keys, another path on the same host), with the key in the header the provider
 * documents. Never in a query string: a URL is what proxies, logs and error messages quote.
 */

export interface CheckRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The most of the answer to read (MAX_ANSWER_BYTES by default); usage reports are larger than a check's answer. */
  maxBytes?: number;
}

export interface CheckAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface Reading {
  verdict: CheckVerdict;
  details: CheckDetails;
}

/** The hosts a check may reach: the catalog's check endpoints, https only. Nothing else, ever. */
export const CHECK_HOSTS: ReadonlySet<string> = new Set(
  providerCatalog.flatMap((provider) => (provider.check ? [new URL(provider.check.url).host] : [])),
);

const messages = defineMessages({
  // The Stripe publishable key is the select's `other`.
  uncheckable: {
    id: 'health.uncheckable',
    defaultMessage:
      '{cause, select, custom {Custom providers have no known check endpoint.} noEndpoint {{provider} has no free read-only endpoint to check a key with.} awsSigv4 {An AWS access key is checked with its secret access key, which Keyward stores separately; not supported yet.} twilioBasic {A Twilio check needs the key SID and its secret together; not supported yet.} other {A Stripe publishable key is public and cannot be checked this way.}}',
  },
});

/** Why a key cannot be checked, or null when it can; also the reason in the error for one key. */
export function uncheckable(provider: string, masked: string): Phrase | null {
  const info = getProvider(provider);
  const because = (cause: string) => phrase(messages.uncheckable, { cause, provider: info?.name ?? provider });
  if (!info) return because('custom');
  const check = info.check;
  if (!check) return because('noEndpoint');
  if (check.auth === 'sigv4') return because('awsSigv4');
  if (check.auth === 'basic') return because('twilioBasic');
  if (provider === 'stripe' && masked.startsWith('pk_')) return because('stripePublishable');
  return null;
}

/** The request for one key. Call only when `uncheckable` said null. */
export function checkRequest(provider: CatalogProviderId, secret: string, masked: string): CheckRequest {
  const check = getProvider(provider)!.check!;
  const url = checkUrl(provider, check, masked);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Keyward key check' };
  switch (check.auth) {
    case 'bearer':
      headers.authorization = `Bearer ${secret}`;
      break;
    case 'bot':
      headers.authorization = `Bot ${secret}`;
      break;
    case 'x-api-key':
      headers['x-api-key'] = secret;
      break;
    // Google documents the key in `?key=` or the x-goog-api-key header: the header, always.
    case 'query-key':
      headers['x-goog-api-key'] = secret;
      break;
    case 'path':
      break;
    default:
      throw new Error(`no request for auth ${check.auth}`);
  }
  if (provider === 'anthropic') headers['anthropic-version'] = '2023-06-01';
  if (provider === 'github') headers['x-github-api-version'] = '2022-11-28';
  if (provider === 'notion') headers['notion-version'] = '2022-06-28';
  // Telegram's documented place for a bot token is the path (`/bot<token>/getMe`); encoded so
  // nothing in it can change which path or host is asked.
  const finalUrl = check.auth === 'path' ? url.replace('{key}', encodeURIComponent(secret)) : url;
  return { method: check.method, url: finalUrl, headers, ...(check.method === 'POST' ? { body: '' } : {}) };
}

/** Admin keys cannot list models; each provider documents another read-only path on the same host. */
function checkUrl(provider: CatalogProviderId, check: ValidityCheck, masked: string): string {
  if (isAdminKey(masked) && provider === 'openai') return 'https://api.openai.com/v1/organization/admin_api_keys?limit=1';
  if (isAdminKey(masked) && provider === 'anthropic') return 'https://api.anthropic.com/v1/organizations/me';
  return check.url;
}

/** What an answer means. Anything unclear is `unreachable` ("no clear answer"), never `invalid`. */
export function readAnswer(provider: CatalogProviderId, answer: CheckAnswer): Reading {
  const { status } = answer;
  const body = parseJson(answer.body);
  if (status >= 500 || status === 408) return unclear('server');
  const special = readers[provider]?.(answer, body);
  if (special) return special;
  if (status >= 200 && status < 300) return reading('valid', {});
  if (status === 401) return reading('invalid', {});
  if (status === 402) return reading('no-credit', {});
  if (status === 429) {
    // OpenAI and others answer 429 both for "no credit left" and for "slow down".
    const code = errorCode(body);
    return code && /quota|credit|balance|billing/i.test(code) ? reading('no-credit', { code }) : unclear('rate-limited');
  }
  return unclear('unexpected-answer');
}

type Reader = (answer: CheckAnswer, body: unknown) => Reading | null;

const SLACK_INVALID = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'no_permission',
  'org_login_required',
  'ekm_access_denied',
]);

const readers: Partial<Record<CatalogProviderId, Reader>> = {
  // Always HTTP 200: the verdict is in "ok".
  slack: ({ status }, body) => {
    if (status !== 200) return null;
    const answer = asRecord(body);
    if (answer.ok === true) return reading('valid', pick(answer, ['team', 'user', 'url']));
    const error = typeof answer.error === 'string' ? answer.error : null;
    return error && SLACK_INVALID.has(error) ? reading('invalid', { code: error }) : unclear(error ?? 'unexpected-answer');
  },
  telegram: ({ status }, body) => {
    if (status === 200 && asRecord(body).ok === true)
      return reading('valid', pick(asRecord(asRecord(body).result), ['username']));
    // Telegram answers 404 for a token whose shape it does not know at all.
    if (status === 401 || status === 404) return reading('invalid', {});
    return null;
  },
  // A restricted key lacking the balance permission is still a valid key.
  stripe: ({ status }) => (status === 403 ? reading('valid', { restricted: true }) : null),
  anthropic: ({ status }) => {
    if (status === 404) return reading('invalid', {});
    if (status === 403) return reading('valid', { restricted: true });
    return null;
  },
  sendgrid: ({ status }) => (status === 403 ? reading('valid', { restricted: true }) : null),
  notion: ({ status }) => (status === 403 ? reading('valid', { restricted: true }) : null),
  google: ({ status }, body) => {
    const reason = googleReason(body);
    if (status === 400) return reading('invalid', reason ? { code: reason } : {});
    // SERVICE_DISABLED, API_KEY_SERVICE_BLOCKED, a key restricted to other APIs: a live Google key without Gemini.
    if (status === 403) return reading('not-enabled', reason ? { code: reason } : {});
    return null;
  },
  github: ({ status, headers }) => {
    if (status !== 200) return null;
    const details: CheckDetails = {};
    const scopes = headers['x-oauth-scopes'];
    if (scopes !== undefined)
      details.scopes = scopes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    const expiry = githubExpiry(headers['github-authentication-token-expiration']);
    if (expiry) details.expiresAt = expiry;
    return { verdict: 'valid', details };
  },
  openrouter: ({ status }, body) => {
    if (status !== 200) return null;
    const data = asRecord(asRecord(body).data);
    const details = pick(data, ['label', 'limit', 'usage', 'limit_remaining', 'is_free_tier']);
    const remaining = data.limit_remaining;
    return reading(typeof remaining === 'number' && remaining <= 0 ? 'no-credit' : 'valid', details);
  },
  xai: ({ status }, body) => {
    if (status === 400) return reading('invalid', {});
    if (status !== 200) return null;
    const answer = asRecord(body);
    const details = pick(answer, ['name', 'acls']);
    if (answer.api_key_blocked === true || answer.api_key_disabled === true || answer.team_blocked === true)
      return { verdict: 'invalid', details };
    return { verdict: 'valid', details };
  },
  huggingface: ({ status }, body) => {
    if (status !== 200) return null;
    const answer = asRecord(body);
    return reading('valid', { ...pick(answer, ['name']), ...pick(asRecord(asRecord(answer.auth).accessToken), ['role']) });
  },
  deepseek: ({ status }, body) => {
    if (status !== 200) return null;
    const available = asRecord(body).is_available;
    return reading(available === false ? 'no-credit' : 'valid', typeof available === 'boolean' ? { isAvailable: available } : {});
  },
  cohere: ({ status }, body) => {
    if (status !== 200) return null;
    const valid = asRecord(body).valid;
    if (valid === true) return reading('valid', {});
    if (valid === false) return reading('invalid', {});
    return unclear('unexpected-answer');
  },
};

function unclear(reason: string): Reading {
  return reading('unreachable', { reason });
}

/** `2026-12-31 00:00:00 UTC` or `2023-02-10 22:42:39 -0800` → the calendar day in UTC. */
export function githubExpiry(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (UTC|[+-]\d{4})$/.exec(header.trim());
  if (!match) return null;
  const zone = match[3] === 'UTC' ? 'Z' : `${match[3]!.slice(0, 3)}:${match[3]!.slice(3)}`;
  const at = new Date(`${match[1]}T${match[2]}${zone}`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString().slice(0, 10);
}

function googleReason(body: unknown): string | null {
  const error = asRecord(asRecord(body).error);
  const details = Array.isArray(error.details) ? error.details : [];
  for (const detail of details) {
    const reason = asRecord(detail).reason;
    if (typeof reason === 'string' && /^[A-Z_]{3,64}$/.test(reason)) return reason;
  }
  return typeof error.status === 'string' && /^[A-Z_]{3,64}$/.test(error.status) ? error.status : null;
}

function errorCode(body: unknown): string | null {
  const error = asRecord(body).error;
  const code = typeof error === 'object' && error !== null ? (asRecord(error).code ?? asRecord(error).type) : error;
  return typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Copies the named fields that are plain facts: short strings, numbers, booleans, string lists.
 * Anything long is left out, so nothing a provider echoes (which could be the key) is stored.
 */
function pick(source: Record<string, unknown>, names: string[]): CheckDetails {
  const details: CheckDetails = {};
  const short = (value: unknown): value is string => typeof value === 'string' && value.length <= 120;
  for (const name of names) {
    const value = source[name];
    if (short(value) || typeof value === 'number' || typeof value === 'boolean' || value === null) details[name] = value;
    else if (Array.isArray(value) && value.every(short)) details[name] = value.slice(0, 50);
  }
  return details;
}

function reading(verdict: CheckVerdict, details: CheckDetails = {}): Reading {
  return { verdict, details };
}
