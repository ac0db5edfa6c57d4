import { checkTokenParts, parseCount, parseDay, parseMoney, required } from '../fields.ts';
import type { CsvFormat, SourceRow } from '../types.ts';

/**
 * Anthropic Console Usage export (platform.claude.com/usage → CSV, one file per month). Token
 * columns are split by kind and do NOT overlap: total input is no-cache + cache writes + cache
 * reads, which is how Keyward stores it. `api_key` is the key's name, never its value.
 * `context_window` reads `≤ 200k` or `> 200k`; the latter gets long-context rates.
 */
export const anthropicUsage: CsvFormat = {
  format: 'anthropic-usage',
  required: ['usage_date_utc', 'model_version', 'usage_input_tokens_no_cache'],
  open(header) {
    return (cells) => {
      const count = (name: string) => parseCount(header.get(cells, name), name);
      const noCache = count('usage_input_tokens_no_cache');
      const write5m = count('usage_input_tokens_cache_write_5m');
      const write1h = count('usage_input_tokens_cache_write_1h');
      // Older files had one cache-write column.
      const writeLegacy = count('usage_input_tokens_cache_write');
      const read = count('usage_input_tokens_cache_read');
      const output = count('usage_output_tokens');
      const searches = count('web_search_count');
      if (noCache + write5m + write1h + writeLegacy + read + output + searches === 0) return 'ignored';
      const date = header.get(cells, 'usage_date_utc');
      const contextWindow = header.get(cells, 'context_window');
      const usageType = header.get(cells, 'usage_type');
      const row: SourceRow = {
        identity: [
          'usage_date_utc',
          'model_version',
          'api_key',
          'workspace',
          'usage_type',
          'context_window',
          'inference_geo',
          'speed',
        ].map((name) => header.get(cells, name)),
        day: parseDay(date, 'usage_date_utc'),
        provider: 'anthropic',
        model: required(header.get(cells, 'model_version'), 'model_version'),
        keyHint: header.get(cells, 'api_key') || null,
        inputTokens: noCache + write5m + write1h + writeLegacy + read,
        outputTokens: output,
        cachedTokens: read,
        cacheWriteTokens: write5m + write1h + writeLegacy,
        cacheWrite1hTokens: write1h,
        requests: 0,
        costMicros: null,
        pricing: { batch: /batch/i.test(usageType), longContext: contextWindow.startsWith('>') },
        note: [header.get(cells, 'workspace'), searches ? `${searches} web searches (not priced)` : '']
          .filter(Boolean)
          .join(' · '),
      };
      checkTokenParts(row, 'usage_input_tokens_cache_read');
      return [row];
    };
  },
};

/**
 * Anthropic Console Cost export: one row per day, model, key and token type, with the billed
 * amount in DOLLARS (`cost_usd`; the Admin API's amounts are cents, this file's are not).
 * `model` is a display name ("Claude Sonnet 4.5"); there are no token counts.
 */
export const anthropicCost: CsvFormat = {
  format: 'anthropic-cost',
  required: ['usage_date_utc', 'token_type', 'cost_usd'],
  open(header) {
    return (cells) => {
      const cost = parseMoney(header.get(cells, 'cost_usd'), 'cost_usd');
      if (cost === null) return 'ignored';
      const tokenType = header.get(cells, 'token_type');
      const row: SourceRow = {
        identity: [
          'usage_date_utc',
          'model',
          'workspace',
          'api_key',
          'api_key_id',
          'usage_type',
          'context_window',
          'token_type',
          'cost_type',
          'inference_geo',
          'speed',
        ].map((name) => header.get(cells, name)),
        day: parseDay(header.get(cells, 'usage_date_utc'), 'usage_date_utc'),
        provider: 'anthropic',
        model: header.get(cells, 'model'),
        keyHint: header.get(cells, 'api_key') || header.get(cells, 'api_key_id') || null,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        requests: 0,
        costMicros: cost,
        pricing: {},
        note: [tokenType || header.get(cells, 'cost_type'), header.get(cells, 'workspace')].filter(Boolean).join(' · '),
      };
      return [row];
    };
  },
};
