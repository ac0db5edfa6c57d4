import { checkTokenParts, parseCount, parseDay, parseMoney, required } from '../fields.ts';
import type { CsvFormat, SourceRow } from '../types.ts';

/**
 * OpenRouter Activity export, one row per request (generation). `cost_total` is USD credits;
 * `tokens_prompt` includes `tokens_cached`; `created_at` is UTC. The generation id makes the
 * identity, so overlapping exports add each request once.
 */
export const openrouterRequests: CsvFormat = {
  format: 'openrouter-requests',
  required: ['generation_id', 'created_at', 'cost_total'],
  open(header) {
    return (cells) => {
      const count = (name: string) => parseCount(header.get(cells, name), name);
      const cost = parseMoney(header.get(cells, 'cost_total'), 'cost_total');
      const upstream = header.get(cells, 'provider_name');
      const row: SourceRow = {
        identity: [required(header.get(cells, 'generation_id'), 'generation_id')],
        day: parseDay(header.get(cells, 'created_at'), 'created_at'),
        provider: 'openrouter',
        model: required(header.get(cells, 'model_permaslug') || header.get(cells, 'model'), 'model_permaslug'),
        keyHint: header.get(cells, 'api_key_name') || null,
        inputTokens: count('tokens_prompt'),
        outputTokens: count('tokens_completion'),
        cachedTokens: count('tokens_cached'),
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        requests: 1,
        costMicros: cost ?? 0,
        pricing: {},
        note: [upstream && `via ${upstream}`, /^(true|1)$/i.test(header.get(cells, 'cancelled')) ? 'cancelled' : '']
          .filter(Boolean)
          .join(' · '),
      };
      checkTokenParts(row, 'tokens_cached');
      return [row];
    };
  },
};

/**
 * OpenRouter Activity summary export, one row per day and model: `Usage` is USD credits.
 * Completion tokens already include reasoning tokens, which are not added again.
 */
export const openrouterSummary: CsvFormat = {
  format: 'openrouter-summary',
  required: ['date', 'slug', 'usage'],
  open(header) {
    return (cells) => {
      const count = (name: string) => parseCount(header.get(cells, name), name);
      const cost = parseMoney(header.get(cells, 'usage'), 'Usage');
      const byok = parseMoney(header.get(cells, 'byok usage'), 'BYOK Usage');
      const requests = count('requests');
      const prompt = count('prompt tokens');
      const completion = count('completion tokens');
      if (!cost && !byok && requests + prompt + completion === 0) return 'ignored';
      const row: SourceRow = {
        identity: [header.get(cells, 'date'), header.get(cells, 'slug')],
        day: parseDay(header.get(cells, 'date'), 'Date'),
        provider: 'openrouter',
        model: required(header.get(cells, 'slug'), 'Slug'),
        keyHint: null,
        inputTokens: prompt,
        outputTokens: completion,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        requests,
        costMicros: cost ?? 0,
        pricing: {},
        note: byok ? 'BYOK usage billed by the upstream provider is not included' : '',
      };
      return [row];
    };
  },
};
