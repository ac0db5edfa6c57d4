import { phrase } from '../../../../i18n/phrase.ts';
import { parseCount, parseDay, parseMoney } from '../fields.ts';
import { fileProblems } from '../messages.ts';
import { FileError, type CsvFormat, type Header, type SourceRow } from '../types.ts';

/** Services whose usage is generative AI: the Gemini API (service AEFD-7695-64FA) and Vertex AI. */
const AI_SERVICE = /gemini|generative language|vertex ai|ai platform/i;
const GEMINI_API_SERVICE_ID = 'AEFD-7695-64FA';

/**
 * The cost column and its currency: reports write `Subtotal ($)`, invoices `Cost ($)`, and the
 * unrounded variants keep more decimals, so they are preferred. The symbol is the billing
 * currency; only dollars are accepted.
 */
function costColumn(header: Header): string {
  const candidates = [/^unrounded subtotal \((.+)\)$/, /^subtotal \((.+)\)$/, /^unrounded cost \((.+)\)$/, /^cost \((.+)\)$/];
  for (const pattern of candidates) {
    const name = header.find(pattern);
    if (!name) continue;
    const symbol = pattern.exec(name)![1]!;
    if (symbol !== '$' && symbol.toLowerCase() !== 'usd') {
      throw new FileError(header.line, phrase(fileProblems.notUsdReport, { currency: symbol }));
    }
    return name;
  }
  throw new FileError(header.line, phrase(fileProblems.noCostColumn));
}

/** "Generate content output token count gemini 2.5 flash short input text" → "gemini 2.5 flash". */
export function modelFromSku(sku: string): string {
  const match = /\bgemini[\s-]+\d+(?:\.\d+)?(?:[\s-]+(?:pro|flash[\s-]+lite|flash|ultra|nano))?(?:[\s-]+preview)?/i.exec(sku);
  return match ? match[0].replace(/\s+/g, ' ').trim().toLowerCase() : '';
}

/**
 * Which token count a SKU bills, from its wording, or null when it bills something else (cache
 * storage, grounding requests). The Gemini API writes "Generate content input token count gemini
 * 2.5 flash short input text"; Vertex AI writes "Gemini 2.5 Flash GA Text Input - Predictions",
 * "… Text Output - Batch Predictions", "… Long Context Text Input …", "… Cached Text Input …",
 * "… Audio Input …", "… Thinking Text Output …". Output is tested first: the Gemini API's output
 * SKUs also say "short input text" (the prompt-size tier they are priced at).
 */
export function tokenKindOfSku(sku: string): 'input' | 'cached' | 'output' | null {
  const text = sku.toLowerCase();
  if (/\bstorage\b/.test(text)) return null;
  if (/\b(?:output|thinking|reasoning)\b/.test(text)) return 'output';
  if (/\bcach(?:e|ed|ing)\b/.test(text)) return 'cached';
  if (/\b(?:input|prompt)\b/.test(text)) return 'input';
  return null;
}

/**
 * Google Cloud billing CSV: the Reports page download (grouped by day: `Date` column) or the
 * invoice Cost table (after its key/value preamble: `Usage start date`). Only generative-AI
 * services are imported; other services' rows are ignored. The model is read from the SKU
 * description; token SKUs (unit "count") give input, cached or output token counts, in every
 * wording of the Gemini API and Vertex AI, batch and long-context ones included.
 */
export const googleBilling: CsvFormat = {
  format: 'google-billing',
  required: ['service description', 'sku description'],
  matches: (header) => header.names.some((name) => /^(unrounded )?(subtotal|cost) \(/.test(name)),
  open(header) {
    const cost = costColumn(header);
    const dateColumn = header.has('date') ? 'date' : header.has('usage start date') ? 'usage start date' : null;
    if (!dateColumn) throw new FileError(header.line, phrase(fileProblems.noDateColumn));
    return (cells) => {
      const service = header.get(cells, 'service description');
      const sku = header.get(cells, 'sku description');
      const serviceId = header.get(cells, 'service id');
      if (!service && !sku) return 'ignored';
      if (!AI_SERVICE.test(service) && serviceId !== GEMINI_API_SERVICE_ID) return 'ignored';
      const amount = parseMoney(header.get(cells, cost), header.names[header.names.indexOf(cost)] ?? cost);
      if (amount === null) return 'ignored';
      const unit = header.get(cells, 'usage unit').toLowerCase();
      // Token SKUs are counted in "count" (or tokens); characters, hours and bytes are not tokens.
      const kind = unit === 'count' || /token/.test(unit) ? tokenKindOfSku(sku) : null;
      const quantity = kind ? parseCount(header.get(cells, 'usage amount').replace(/\.0+$/, ''), 'Usage amount') : 0;
      const row: SourceRow = {
        identity: [
          header.get(cells, dateColumn),
          serviceId || service,
          header.get(cells, 'sku id') || sku,
          header.get(cells, 'project id'),
          header.get(cells, 'credit type'),
          header.get(cells, 'cost type'),
        ],
        day: parseDay(header.get(cells, dateColumn), dateColumn === 'date' ? 'Date' : 'Usage start date'),
        provider: 'google',
        model: modelFromSku(sku) || sku,
        keyHint: null,
        inputTokens: 0,
        outputTokens: 0,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        requests: 0,
        costMicros: amount,
        pricing: {},
        note: [sku, header.get(cells, 'project name') || header.get(cells, 'project id')].filter(Boolean).join(' · '),
      };
      if (kind === 'output') row.outputTokens = quantity;
      else if (kind === 'cached') {
        row.inputTokens = quantity;
        row.cachedTokens = quantity;
      } else if (kind === 'input') row.inputTokens = quantity;
      return [row];
    };
  },
};
