import type { z } from 'zod';
import { SyncFailure, type ProviderClient } from './client.ts';
import type { UsageAmounts } from '../pricing.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { syncFailures } from './messages.ts';

/**
 * What a provider's usage API said, in Keyward's terms, before anything is written: one row per
 * day and grouping (key, project or workspace, model, batch or tier), the provider's billed
 * total per day, and the provider's API keys as its admin API lists them.
 */
export interface SyncedRow extends UsageAmounts {
  day: string;
  /** The usage endpoint the row came from (`completions`, `embeddings`, `messages`, `key`…): part of its identity. */
  endpoint: string;
  /** The provider's id of the key it was spent with; null for usage without one (Anthropic's Console). */
  apiKeyId: string | null;
  /** The provider's project or workspace, when grouped by it. */
  scope: string | null;
  /** The model as the provider wrote it ('' when the source names none). */
  model: string;
  /** Batch, service tier and context window: whatever else the row was grouped by, for its identity. */
  variant: string;
  batch: boolean;
  longContext: boolean;
  /** A cost the provider gave with the row (OpenRouter's usage), micro-dollars; null: priced by Keyward. */
  costMicros: number | null;
  /** OpenRouter: the vault key the row is about (each key reports its own usage). */
  vaultKeyId: string | null;
}

/** A provider's API key as its admin API lists it: never the secret, only its name and redacted form. */
export interface ProviderKey {
  apiKeyId: string;
  name: string;
  hint: string;
}

export interface SyncReport {
  rows: SyncedRow[];
  /** The provider's billed total per day (its cost endpoint), micro-dollars. */
  billed: Map<string, number>;
  keys: ProviderKey[];
}

export function emptyRow(day: string, endpoint: string): SyncedRow {
  return {
    day,
    endpoint,
    apiKeyId: null,
    scope: null,
    model: '',
    variant: '',
    batch: false,
    longContext: false,
    costMicros: null,
    vaultKeyId: null,
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    requests: 0,
  };
}

/** The UTC day a bucket starts on, from Unix seconds or an RFC 3339 time. */
export function bucketDay(start: number | string): string {
  const at = typeof start === 'number' ? new Date(start * 1000) : new Date(start);
  return at.toISOString().slice(0, 10);
}

/** Midnight UTC of a day, in Unix seconds. */
export function unixDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** Pages a provider hands out for one report; far beyond any real range, so a looping cursor ends. */
export const MAX_PAGES = 200;

/** Follows `next_page` while `has_more`, for every bucket of every page. */
export async function eachPage<B>(
  providerName: string,
  client: ProviderClient,
  path: string,
  query: Record<string, string | number | string[]>,
  schema: z.ZodType<{ data: B[]; has_more: boolean; next_page?: string | null | undefined }, unknown>,
  onBucket: (bucket: B) => void,
): Promise<void> {
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const answer = await client.get(path, { ...query, page: cursor }, schema);
    for (const bucket of answer.data) onBucket(bucket);
    if (!answer.has_more) return;
    if (!answer.next_page) throw new SyncFailure('failed', phrase(syncFailures.noNextPage, { what: `${providerName} ${path}` }));
    cursor = answer.next_page;
  }
  throw new SyncFailure(
    'failed',
    phrase(syncFailures.tooManyPages, { what: `${providerName} ${path}`, pages: String(MAX_PAGES) }),
  );
}
