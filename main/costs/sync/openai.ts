import { z } from 'zod';
import { addDays } from '../../../contract/days.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { SyncFailure, type ProviderClient } from './client.ts';
import { syncFailures } from './messages.ts';
import {
  bucketDay,
  eachPage,
  emptyRow,
  MAX_PAGES,
  unixDay,
  type ProviderKey,
  type SyncedRow,
  type SyncReport,
} from './report.ts';

/**
 * OpenAI's organization Usage and Costs APIs (openai-openapi, `/v1/organization/usage/*` and
 * `/v1/organization/costs`): daily buckets (`bucket_width=1d`, at most 31 a page), followed
 * through `next_page` while `has_more`. Usage is grouped by model, API key and project (and batch
 * for completions), so each key's tokens become records priced by Keyward's price table; the
 * Costs API's daily total is kept beside them as what OpenAI billed.
 */

const count = z.number().int().nonnegative();
const optionalCount = count.nullish().transform((value) => value ?? 0);
const group = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const page = <R extends z.ZodType>(result: R) =>
  z.object({
    object: z.literal('page'),
    data: z.array(
      z.object({
        object: z.literal('bucket'),
        start_time: z.number().int(),
        end_time: z.number().int(),
        results: z.array(result),
      }),
    ),
    has_more: z.boolean(),
    next_page: z.string().nullish(),
  });

const groups = { project_id: group, user_id: group, api_key_id: group, model: group };

/** Each usage endpoint: its result's documented fields, what it is grouped by, and how a result becomes amounts. */
const endpoints = {
  completions: {
    result: z.object({
      object: z.literal('organization.usage.completions.result'),
      input_tokens: count,
      output_tokens: count,
      input_cached_tokens: optionalCount,
      input_audio_tokens: optionalCount,
      output_audio_tokens: optionalCount,
      num_model_requests: count,
      batch: z.boolean().nullish(),
      service_tier: group,
      ...groups,
    }),
    groupBy: ['model', 'api_key_id', 'project_id', 'batch'],
  },
  embeddings: {
    result: z.object({
      object: z.literal('organization.usage.embeddings.result'),
      input_tokens: count,
      num_model_requests: count,
      ...groups,
    }),
    groupBy: ['model', 'api_key_id', 'project_id'],
  },
  moderations: {
    result: z.object({
      object: z.literal('organization.usage.moderations.result'),
      input_tokens: count,
      num_model_requests: count,
      ...groups,
    }),
    groupBy: ['model', 'api_key_id', 'project_id'],
  },
  images: {
    result: z.object({
      object: z.literal('organization.usage.images.result'),
      images: count,
      num_model_requests: count,
      ...groups,
    }),
    groupBy: ['model', 'api_key_id', 'project_id'],
  },
  audio_speeches: {
    result: z.object({
      object: z.literal('organization.usage.audio_speeches.result'),
      characters: count,
      num_model_requests: count,
      ...groups,
    }),
    groupBy: ['model', 'api_key_id', 'project_id'],
  },
  audio_transcriptions: {
    result: z.object({
      object: z.literal('organization.usage.audio_transcriptions.result'),
      seconds: count,
      num_model_requests: count,
      ...groups,
    }),
    groupBy: ['model', 'api_key_id', 'project_id'],
  },
} as const;
export type OpenAiUsageEndpoint = keyof typeof endpoints;
export const OPENAI_USAGE_ENDPOINTS = Object.keys(endpoints) as OpenAiUsageEndpoint[];

const costsPage = page(
  z.object({
    object: z.literal('organization.costs.result'),
    amount: z.object({ value: z.number(), currency: z.string() }),
    line_item: group,
    project_id: group,
  }),
);

const projectKeysPage = z.object({
  object: z.literal('list'),
  data: z.array(
    z.object({
      object: z.literal('organization.project.api_key'),
      id: z.string(),
      name: z.string().nullish(),
      redacted_value: z.string(),
    }),
  ),
  has_more: z.boolean(),
  last_id: z.string().nullish(),
});

/** Usage and billed totals for every day from `from` to `to` (UTC, both included). */
export async function fetchOpenAi(client: ProviderClient, from: string, to: string): Promise<SyncReport> {
  const range = { start_time: unixDay(from), end_time: unixDay(addDays(to, 1)), bucket_width: '1d', limit: 31 };
  const rows: SyncedRow[] = [];
  for (const name of OPENAI_USAGE_ENDPOINTS) {
    const spec = endpoints[name];
    await eachPage(
      'OpenAI',
      client,
      `/v1/organization/usage/${name}`,
      { ...range, group_by: [...spec.groupBy] },
      page(spec.result),
      (bucket) => {
        for (const result of bucket.results) rows.push(toRow(name, bucketDay(bucket.start_time), result as UsageResult));
      },
    );
  }
  const billed = new Map<string, number>();
  await eachPage('OpenAI', client, '/v1/organization/costs', range, costsPage, (bucket) => {
    const day = bucketDay(bucket.start_time);
    for (const result of bucket.results) {
      if (result.amount.currency.toLowerCase() !== 'usd')
        throw new SyncFailure(
          'failed',
          phrase(syncFailures.notUsd, { what: 'OpenAI /v1/organization/costs', currency: result.amount.currency }),
        );
      billed.set(day, (billed.get(day) ?? 0) + Math.round(result.amount.value * 1_000_000));
    }
  });
  return { rows, billed, keys: await projectKeys(client, rows) };
}

type UsageResult = {
  input_tokens?: number;
  output_tokens?: number;
  input_cached_tokens?: number;
  num_model_requests: number;
  batch?: boolean | null | undefined;
  project_id: string | null;
  api_key_id: string | null;
  model: string | null;
};

function toRow(endpoint: OpenAiUsageEndpoint, day: string, result: UsageResult): SyncedRow {
  const row = emptyRow(day, endpoint);
  row.apiKeyId = result.api_key_id;
  row.scope = result.project_id;
  row.model = result.model ?? '';
  row.batch = result.batch === true;
  row.variant = result.batch === true ? 'batch' : '';
  // OpenAI counts cached tokens inside input_tokens, as Keyward does.
  row.inputTokens = result.input_tokens ?? 0;
  row.outputTokens = result.output_tokens ?? 0;
  row.cachedTokens = Math.min(result.input_cached_tokens ?? 0, row.inputTokens);
  row.requests = result.num_model_requests;
  return row;
}

/** The keys of every project the usage names (`/v1/organization/projects/{id}/api_keys`), for attribution. */
async function projectKeys(client: ProviderClient, rows: SyncedRow[]): Promise<ProviderKey[]> {
  const projects = [...new Set(rows.flatMap((row) => (row.scope && row.apiKeyId ? [row.scope] : [])))].sort();
  const keys: ProviderKey[] = [];
  for (const project of projects) {
    let after: string | undefined;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      let answer: z.output<typeof projectKeysPage>;
      try {
        answer = await client.get(
          `/v1/organization/projects/${encodeURIComponent(project)}/api_keys`,
          { limit: 100, after },
          projectKeysPage,
        );
      } catch (error) {
        // A project deleted since (404) or closed to this key only costs its names: the usage still counts.
        if (error instanceof SyncFailure && error.kind === 'failed') break;
        throw error;
      }
      for (const key of answer.data) keys.push({ apiKeyId: key.id, name: key.name ?? '', hint: key.redacted_value });
      if (!answer.has_more || !answer.last_id) break;
      after = answer.last_id;
    }
  }
  return keys;
}
