import { addDays } from '../../contract/days.ts';
import { b64url, fill, hex } from './fake-keys.ts';
import type { MockProviders, Replay, SeenRequest } from './mock-providers.ts';

/**
 * The providers' usage APIs as their documentation shows them (workflow-research.md §4):
 * OpenAI's organization usage and costs pages, Anthropic's usage and cost reports and key
 * list, OpenRouter's /api/v1/key. Daily buckets for every day asked, paginated through
 * `next_page` (at most `pageSize` buckets a page, fewer than asked, as the real APIs may do).
 * What each day holds is set by the test; a day with nothing is an empty bucket.
 */

export const fakeAdminKeys = {
  openai: (tag = '') => `sk-admin-${fill(`FAKE${tag}example0`, 58)}T3BlbkFJ${b64url(58)}`,
  anthropic: (tag = '') => `sk-ant-admin01-${fill(`FAKE${tag}example0`, 93)}AA`,
};

/** A project key whose last characters are `tail` (so two keys can differ in their masked values). */
export const openaiProjectKey = (tag: string, tail: string) =>
  `sk-proj-${fill(`FAKE${tag}example0`, 74)}T3BlbkFJ${b64url(74 - tail.length)}${tail}`;
export const anthropicKey = (tag: string, tail: string) =>
  `sk-ant-api03-${fill(`FAKE${tag}example0`, 93 - tail.length)}${tail}AA`;
export const openrouterKey = (tag: string) => `sk-or-v1-${hex(64 - tag.length)}${tag}`;

export interface UsageApis {
  /** OpenAI completions results by UTC day. */
  openaiCompletions: Map<string, object[]>;
  openaiEmbeddings: Map<string, object[]>;
  /** OpenAI costs results by day. */
  openaiCosts: Map<string, object[]>;
  openaiProjectKeys: Map<string, object[]>;
  anthropicMessages: Map<string, object[]>;
  anthropicCosts: Map<string, object[]>;
  anthropicKeys: object[];
  /** OpenRouter /key answers by the bearer key. */
  openrouter: Map<string, Replay>;
  /** Answers that replace the next request to a path (host + path), once each: 429s, 401s, broken shapes. */
  interrupt: Map<string, Replay[]>;
  pageSize: number;
}

const unix = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const dayOf = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function query(request: SeenRequest): URLSearchParams {
  return new URL(`https://${request.host}${request.path}`).searchParams;
}

function daysFrom(from: string, toExclusive: string): string[] {
  const days: string[] = [];
  for (let day = from; day < toExclusive; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A page of daily buckets from `page` (an index we hand out as the cursor). */
function pageOf<T>(days: string[], request: SeenRequest, pageSize: number, bucket: (day: string) => T) {
  const start = Number(query(request).get('page') ?? '0');
  const size = Math.min(pageSize, Number(query(request).get('limit') ?? '7'));
  const slice = days.slice(start, start + size);
  const more = start + size < days.length;
  return { data: slice.map(bucket), has_more: more, next_page: more ? String(start + size) : null };
}

export function replayUsageApis(mock: MockProviders): UsageApis {
  const apis: UsageApis = {
    openaiCompletions: new Map(),
    openaiEmbeddings: new Map(),
    openaiCosts: new Map(),
    openaiProjectKeys: new Map(),
    anthropicMessages: new Map(),
    anthropicCosts: new Map(),
    anthropicKeys: [],
    openrouter: new Map(),
    interrupt: new Map(),
    pageSize: 10,
  };
  const route = (hostPath: string, answer: (request: SeenRequest) => Replay) =>
    mock.routes.set(hostPath, (request) => {
      const queued = apis.interrupt.get(hostPath);
      if (queued && queued.length > 0) return queued.shift()!;
      return answer(request);
    });

  const openaiBuckets = (path: string, byDay: () => Map<string, object[]>) =>
    route(`api.openai.com${path}`, (request) => {
      const q = query(request);
      const days = daysFrom(dayOf(Number(q.get('start_time'))), dayOf(Number(q.get('end_time'))));
      return {
        body: {
          object: 'page',
          ...pageOf(days, request, apis.pageSize, (day) => ({
            object: 'bucket',
            start_time: unix(day),
            end_time: unix(addDays(day, 1)),
            results: byDay().get(day) ?? [],
          })),
        },
      };
    });
  openaiBuckets('/v1/organization/usage/completions', () => apis.openaiCompletions);
  openaiBuckets('/v1/organization/usage/embeddings', () => apis.openaiEmbeddings);
  for (const name of ['moderations', 'images', 'audio_speeches', 'audio_transcriptions'])
    openaiBuckets(`/v1/organization/usage/${name}`, () => new Map());
  openaiBuckets('/v1/organization/costs', () => apis.openaiCosts);
  for (const project of ['proj_FAKEa', 'proj_FAKEb'])
    route(`api.openai.com/v1/organization/projects/${project}/api_keys`, () => {
      const data = apis.openaiProjectKeys.get(project) ?? [];
      return { body: { object: 'list', data, first_id: null, last_id: null, has_more: false } };
    });

  const anthropicReport = (path: string, byDay: () => Map<string, object[]>) =>
    route(`api.anthropic.com${path}`, (request) => {
      const q = query(request);
      const days = daysFrom(q.get('starting_at')!.slice(0, 10), q.get('ending_at')!.slice(0, 10));
      return {
        body: pageOf(days, request, apis.pageSize, (day) => ({
          starting_at: `${day}T00:00:00Z`,
          ending_at: `${addDays(day, 1)}T00:00:00Z`,
          results: byDay().get(day) ?? [],
        })),
      };
    });
  anthropicReport('/v1/organizations/usage_report/messages', () => apis.anthropicMessages);
  anthropicReport('/v1/organizations/cost_report', () => apis.anthropicCosts);
  route('api.anthropic.com/v1/organizations/api_keys', () => ({
    body: { data: apis.anthropicKeys, has_more: false, first_id: null, last_id: null },
  }));

  route('openrouter.ai/api/v1/key', (request) => {
    const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    return apis.openrouter.get(key) ?? { status: 401, body: { error: { code: 401, message: 'No auth credentials found' } } };
  });
  return apis;
}

/** An OpenAI completions result, grouped by model, key, project and batch, as documented. */
export function completions(fields: {
  model: string;
  api_key_id: string | null;
  project_id?: string;
  input_tokens: number;
  output_tokens: number;
  input_cached_tokens?: number;
  num_model_requests: number;
  batch?: boolean;
}): object {
  return {
    object: 'organization.usage.completions.result',
    input_audio_tokens: 0,
    output_audio_tokens: 0,
    input_cached_tokens: 0,
    user_id: null,
    service_tier: null,
    batch: false,
    project_id: 'proj_FAKEa',
    ...fields,
  };
}

export function openaiCost(value: number): object {
  return { object: 'organization.costs.result', amount: { value, currency: 'usd' }, line_item: null, project_id: null };
}

/** An Anthropic messages usage result grouped by key, model, service tier and context window. */
export function messages(fields: {
  api_key_id: string | null;
  model: string;
  uncached_input_tokens: number;
  cache_read_input_tokens?: number;
  cache_5m?: number;
  cache_1h?: number;
  output_tokens: number;
  service_tier?: string;
}): object {
  return {
    uncached_input_tokens: fields.uncached_input_tokens,
    cache_read_input_tokens: fields.cache_read_input_tokens ?? 0,
    cache_creation: { ephemeral_1h_input_tokens: fields.cache_1h ?? 0, ephemeral_5m_input_tokens: fields.cache_5m ?? 0 },
    output_tokens: fields.output_tokens,
    server_tool_use: { web_search_requests: 0 },
    api_key_id: fields.api_key_id,
    workspace_id: null,
    model: fields.model,
    service_tier: fields.service_tier ?? 'standard',
    context_window: '0-200k',
    inference_geo: null,
  };
}
