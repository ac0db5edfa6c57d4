import { z } from 'zod';
import { usdToMicros } from '../../../contract/costs.ts';
import { addDays } from '../../../contract/days.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { SyncFailure, type ProviderClient } from './client.ts';
import { syncFailures } from './messages.ts';
import { bucketDay, eachPage, emptyRow, MAX_PAGES, type ProviderKey, type SyncedRow, type SyncReport } from './report.ts';

/**
 * Anthropic's Admin API usage and cost reports (`/v1/organizations/usage_report/messages` and
 * `/v1/organizations/cost_report`, `anthropic-version: 2023-06-01`): daily buckets, at most 31
 * a page, `next_page` while `has_more`. Messages usage is grouped by API key, model, service tier
 * and context window, so each key's tokens are priced by Keyward's table (batch at half, long
 * context at its rates); the cost report (which cannot be grouped by key) gives the billed total.
 */

const count = z.number().int().nonnegative();
const group = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const usagePage = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      ending_at: z.string(),
      results: z.array(
        z.object({
          uncached_input_tokens: count,
          cache_read_input_tokens: count,
          cache_creation: z.object({ ephemeral_1h_input_tokens: count, ephemeral_5m_input_tokens: count }),
          output_tokens: count,
          server_tool_use: z.object({ web_search_requests: count }).nullish(),
          api_key_id: group,
          workspace_id: group,
          model: group,
          service_tier: group,
          context_window: group,
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

const costPage = z.object({
  data: z.array(
    z.object({
      starting_at: z.string(),
      ending_at: z.string(),
      results: z.array(
        z.object({
          // A decimal string in cents: "123.45" is $1.2345.
          amount: z.string().regex(/^-?\d+(\.\d+)?$/, 'a decimal amount in cents'),
          currency: z.string(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullish(),
});

const keysPage = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      type: z.literal('api_key'),
      name: z.string().nullish(),
      partial_key_hint: z.string().nullish(),
    }),
  ),
  has_more: z.boolean(),
  last_id: z.string().nullish(),
});

export async function fetchAnthropic(client: ProviderClient, from: string, to: string): Promise<SyncReport> {
  const range = {
    starting_at: `${from}T00:00:00Z`,
    ending_at: `${addDays(to, 1)}T00:00:00Z`,
    bucket_width: '1d',
    limit: 31,
  };
  const rows: SyncedRow[] = [];
  await eachPage(
    'Anthropic',
    client,
    '/v1/organizations/usage_report/messages',
    { ...range, group_by: ['api_key_id', 'model', 'service_tier', 'context_window'] },
    usagePage,
    (bucket) => {
      const day = bucketDay(bucket.starting_at);
      for (const result of bucket.results) {
        const row = emptyRow(day, 'messages');
        const write5m = result.cache_creation.ephemeral_5m_input_tokens;
        const write1h = result.cache_creation.ephemeral_1h_input_tokens;
        row.apiKeyId = result.api_key_id;
        row.scope = result.workspace_id;
        row.model = result.model ?? '';
        row.batch = result.service_tier === 'batch';
        row.longContext = result.context_window === '200k-1M';
        row.variant = [result.service_tier ?? '', result.context_window ?? ''].join('/');
        // Anthropic reports the input in parts; Keyward's inputTokens counts all of it.
        row.inputTokens = result.uncached_input_tokens + result.cache_read_input_tokens + write5m + write1h;
        row.cachedTokens = result.cache_read_input_tokens;
        row.cacheWriteTokens = write5m + write1h;
        row.cacheWrite1hTokens = write1h;
        row.outputTokens = result.output_tokens;
        rows.push(row);
      }
    },
  );
  const billed = new Map<string, number>();
  await eachPage('Anthropic', client, '/v1/organizations/cost_report', range, costPage, (bucket) => {
    const day = bucketDay(bucket.starting_at);
    for (const result of bucket.results) {
      if (result.currency.toUpperCase() !== 'USD')
        throw new SyncFailure(
          'failed',
          phrase(syncFailures.notUsd, { what: 'Anthropic /v1/organizations/cost_report', currency: result.currency }),
        );
      billed.set(day, (billed.get(day) ?? 0) + Math.round(usdToMicros(result.amount)! / 100));
    }
  });
  return { rows, billed, keys: await apiKeys(client) };
}

/** Every API key of the organization (`/v1/organizations/api_keys`), for attribution. */
async function apiKeys(client: ProviderClient): Promise<ProviderKey[]> {
  const keys: ProviderKey[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const answer = await client.get('/v1/organizations/api_keys', { limit: 100, after_id: after }, keysPage);
    for (const key of answer.data) keys.push({ apiKeyId: key.id, name: key.name ?? '', hint: key.partial_key_hint ?? '' });
    if (!answer.has_more || !answer.last_id) break;
    after = answer.last_id;
  }
  return keys;
}
