import type { ColumnMapping } from '../../../../contract/costs.ts';
import { phrase } from '../../../../i18n/phrase.ts';
import { checkTokenParts, parseCount, parseDay, parseMoney, required } from '../fields.ts';
import { fileProblems, rowProblems } from '../messages.ts';
import { providerFromText } from '../provider-names.ts';
import { FileError, RowError, type CsvFormat, type SourceRow } from '../types.ts';

const mappedFields = [
  'day',
  'provider',
  'model',
  'key',
  'inputTokens',
  'outputTokens',
  'cachedTokens',
  'cacheWriteTokens',
  'requests',
  'cost',
  'note',
] as const;

/**
 * Any CSV, read through a column mapping (saved as a named preset). Without a cost column the
 * rows are priced from the price table. `inputIncludesCached: false` reads Anthropic-style
 * columns, where input excludes cache reads and writes.
 */
export function genericFormat(mapping: ColumnMapping): CsvFormat {
  return {
    format: 'generic',
    required: [mapping.day, mapping.model].map((name) => name.trim().toLowerCase()),
    open(header) {
      const missing = mappedFields.filter((field) => {
        const column = mapping[field];
        return column !== undefined && !header.has(column);
      });
      if (missing.length > 0) {
        throw new FileError(
          header.line,
          phrase(fileProblems.mappedColumnsMissing, {
            count: missing.length,
            columns: missing.map((f) => `"${mapping[f]}" (${f})`).join(', '),
          }),
        );
      }
      if (!mapping.provider && !mapping.defaultProvider) {
        throw new FileError(header.line, phrase(fileProblems.noProvider));
      }
      return (cells) => {
        const cell = (field: (typeof mappedFields)[number]) => {
          const column = mapping[field];
          return column === undefined ? '' : header.get(cells, column);
        };
        const count = (field: 'inputTokens' | 'outputTokens' | 'cachedTokens' | 'cacheWriteTokens' | 'requests') =>
          parseCount(cell(field), mapping[field] ?? field);
        const cached = count('cachedTokens');
        const write = count('cacheWriteTokens');
        const input = count('inputTokens') + (mapping.inputIncludesCached ? 0 : cached + write);
        const output = count('outputTokens');
        const requests = count('requests');
        const costMicros = mapping.cost ? parseMoney(cell('cost'), mapping.cost, mapping.costUnit) : null;
        // A row with no tokens, no requests and no (or a zero) cost is an empty day or an idle
        // key, as the provider formats' empty rows are: counted as "without usage", not stored.
        if (input + output + requests === 0 && !costMicros) return 'ignored';
        const providerText = cell('provider') || mapping.defaultProvider || '';
        if (!providerText) throw new RowError(phrase(rowProblems.empty, { column: mapping.provider ?? 'provider' }));
        const model = required(cell('model'), mapping.model);
        const row: SourceRow = {
          identity: mappedFields.map((field) => cell(field)),
          day: parseDay(cell('day'), mapping.day),
          provider: providerFromText(providerText, model),
          model,
          keyHint: cell('key') || null,
          inputTokens: input,
          outputTokens: output,
          cachedTokens: cached,
          cacheWriteTokens: write,
          cacheWrite1hTokens: 0,
          requests,
          costMicros,
          pricing: {},
          note: cell('note'),
        };
        checkTokenParts(row, mapping.cachedTokens ?? 'cached tokens');
        return [row];
      };
    },
  };
}
