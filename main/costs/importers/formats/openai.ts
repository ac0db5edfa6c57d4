import { phrase } from '../../../../i18n/phrase.ts';
import { checkTokenParts, checkUsd, parseCount, parseDay, parseMoney } from '../fields.ts';
import { fileProblems, rowProblems } from '../messages.ts';
import { FileError, RowError, type CsvFormat, type Header, type SourceRow } from '../types.ts';

/** The bucket's UTC day: `start_time` (Unix seconds) when present, else `start_time_iso`. */
function bucketDay(header: Header, cells: readonly string[]): string {
  const seconds = header.get(cells, 'start_time');
  return seconds ? parseDay(seconds, 'start_time') : parseDay(header.get(cells, 'start_time_iso'), 'start_time_iso');
}

function requireBucketColumn(header: Header): void {
  if (!header.has('start_time') && !header.has('start_time_iso')) {
    throw new FileError(header.line, phrase(fileProblems.noBucketColumn));
  }
}

const tokenUnits: Record<string, number> = { tokens: 1, '1000_tokens': 1000 };

/**
 * OpenAI dashboard Cost export (`cost_<from>_<to>.csv`): the Costs API flattened, one row per
 * bucket and group. Amounts are dollars. Buckets with no spend come as rows with a blank amount:
 * those are ignored. `line_item` ("gpt-5-nano, input_tokens") names the model and the kind of
 * quantity, which gives token counts when the unit is tokens.
 */
export const openaiCost: CsvFormat = {
  format: 'openai-cost',
  required: ['amount_value', 'amount_currency'],
  open(header) {
    requireBucketColumn(header);
    return (cells) => {
      const amount = parseMoney(header.get(cells, 'amount_value'), 'amount_value');
      if (amount === null) return 'ignored';
      checkUsd(header.get(cells, 'amount_currency'), 'amount_currency');
      const lineItem = header.get(cells, 'line_item');
      const comma = lineItem.lastIndexOf(',');
      const model = comma === -1 ? lineItem : lineItem.slice(0, comma).trim();
      const kind =
        comma === -1
          ? ''
          : lineItem
              .slice(comma + 1)
              .trim()
              .toLowerCase();
      const unit = header.get(cells, 'quantity_unit').toLowerCase();
      const quantity = tokenUnits[unit]
        ? parseCount(header.get(cells, 'quantity').replace(/\.0+$/, ''), 'quantity') * tokenUnits[unit]
        : 0;
      const row: SourceRow = {
        identity: [
          'start_time',
          'end_time',
          'start_time_iso',
          'line_item',
          'project_id',
          'api_key_id',
          'user_id',
          'organization_id',
          'api_source',
        ].map((name) => header.get(cells, name)),
        day: bucketDay(header, cells),
        provider: 'openai',
        model,
        keyHint: header.get(cells, 'api_key_id') || null,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        requests: 0,
        costMicros: amount,
        pricing: {},
        note: [kind, header.get(cells, 'project_name')].filter(Boolean).join(' · '),
      };
      if (quantity > 0) {
        if (/cache[ _-]?write|cache[ _-]?creation/.test(kind)) {
          row.inputTokens = quantity;
          row.cacheWriteTokens = quantity;
        } else if (/cached/.test(kind)) {
          row.inputTokens = quantity;
          row.cachedTokens = quantity;
        } else if (/output/.test(kind)) row.outputTokens = quantity;
        else if (/input/.test(kind)) row.inputTokens = quantity;
        else if (/request/.test(kind)) row.requests = quantity;
      }
      return [row];
    };
  },
};

/**
 * OpenAI dashboard Activity export (completions usage): the Usage API's result fields, read by
 * name since their order is not documented. `input_tokens` already INCLUDES cached and
 * cache-write tokens (OpenAI's own definition), which is Keyward's convention too. There is no
 * cost column: rows are priced from the price table, batch rows at half price.
 */
export const openaiActivity: CsvFormat = {
  format: 'openai-activity',
  required: ['num_model_requests', 'input_tokens', 'output_tokens'],
  open(header) {
    requireBucketColumn(header);
    return (cells) => {
      const count = (name: string) => parseCount(header.get(cells, name), name);
      const row: SourceRow = {
        identity: [
          'start_time',
          'end_time',
          'start_time_iso',
          'project_id',
          'user_id',
          'api_key_id',
          'model',
          'batch',
          'service_tier',
        ].map((name) => header.get(cells, name)),
        day: bucketDay(header, cells),
        provider: 'openai',
        model: header.get(cells, 'model'),
        keyHint: header.get(cells, 'api_key_id') || null,
        inputTokens: count('input_tokens'),
        outputTokens: count('output_tokens'),
        cachedTokens: count('input_cached_tokens'),
        cacheWriteTokens: count('input_cache_write_tokens'),
        cacheWrite1hTokens: 0,
        requests: count('num_model_requests'),
        costMicros: null,
        pricing: { batch: /^(true|1|yes)$/i.test(header.get(cells, 'batch')) },
        note: header.get(cells, 'project_name') || header.get(cells, 'project_id'),
      };
      if (row.inputTokens + row.outputTokens + row.requests === 0) return 'ignored';
      checkTokenParts(row, 'input_cached_tokens');
      if (!row.model) throw new RowError(phrase(rowProblems.noModel));
      return [row];
    };
  },
};
