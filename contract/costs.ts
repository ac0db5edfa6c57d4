import { z } from 'zod';
import { defineMessages, type Phrase, type PhraseMessage } from '../i18n/phrase.ts';
import { event, method } from './define.ts';
import { day, keyId, providerField } from './keys.ts';
import { schemaText } from './schema-words.ts';

/**
 * The cost tracker: usage records (typed in or imported), the price table, budgets and the
 * views over them. Money crosses this contract as integer micro-dollars (1 USD = 1,000,000), so
 * no side ever adds floats; only the edges (CLI JSON, UI labels) turn it into dollars.
 *
 * Token semantics, the same for every record whatever the source: `inputTokens` counts ALL
 * input tokens, and `cachedTokens` (cache reads) and `cacheWriteTokens` (cache writes) are the
 * parts of it that were billed at the cache rates. Importers convert each provider's own
 * convention to this one.
 */

export const MICROS_PER_USD = 1_000_000;

/** How a record's cost came to be: from the source, from the price table, or not at all. */
export const costBases = ['given', 'computed', 'unpriced'] as const;
export type CostBasis = (typeof costBases)[number];

export const importFormats = [
  'openai-cost',
  'openai-activity',
  'anthropic-usage',
  'anthropic-cost',
  'openrouter-requests',
  'openrouter-summary',
  'google-billing',
  'deepseek-zip',
  'generic',
] as const;
export type ImportFormat = (typeof importFormats)[number];

export interface ImportFormatInfo {
  /** Its name in English, for the CLI and main (the window says importFormatWords in its language). */
  label: string;
  /** The provider's other export of the same spend: importing both counts it twice. */
  sibling: ImportFormat | null;
  /** What the file is: a CSV (the format recognised from its header row) or a ZIP archive. */
  container: 'csv' | 'zip';
}

/** Every import format's facts, in one place for the importers, the window and the CLI. */
/** The formats' names as messages: the English is `label` (the CLI, main), the window says them in its language. */
export const importFormatWords = defineMessages<Record<ImportFormat, PhraseMessage>>({
  'openai-cost': { id: 'costs.format.openaiCost', defaultMessage: 'OpenAI cost export' },
  'openai-activity': { id: 'costs.format.openaiActivity', defaultMessage: 'OpenAI activity export' },
  'anthropic-usage': { id: 'costs.format.anthropicUsage', defaultMessage: 'Anthropic Console usage export' },
  'anthropic-cost': { id: 'costs.format.anthropicCost', defaultMessage: 'Anthropic Console cost export' },
  'openrouter-requests': { id: 'costs.format.openrouterRequests', defaultMessage: 'OpenRouter activity export (per request)' },
  'openrouter-summary': { id: 'costs.format.openrouterSummary', defaultMessage: 'OpenRouter activity export (summary)' },
  'google-billing': { id: 'costs.format.googleBilling', defaultMessage: 'Google Cloud billing report' },
  'deepseek-zip': { id: 'costs.format.deepseekZip', defaultMessage: 'DeepSeek usage export (ZIP)' },
  generic: { id: 'costs.format.generic', defaultMessage: 'CSV with a column mapping' },
});

const format = (name: ImportFormat, sibling: ImportFormat | null, container: ImportFormatInfo['container'] = 'csv') => ({
  label: importFormatWords[name].defaultMessage,
  sibling,
  container,
});

export const importFormatInfo: Record<ImportFormat, ImportFormatInfo> = {
  'openai-cost': format('openai-cost', 'openai-activity'),
  'openai-activity': format('openai-activity', 'openai-cost'),
  'anthropic-usage': format('anthropic-usage', 'anthropic-cost'),
  'anthropic-cost': format('anthropic-cost', 'anthropic-usage'),
  'openrouter-requests': format('openrouter-requests', 'openrouter-summary'),
  'openrouter-summary': format('openrouter-summary', 'openrouter-requests'),
  'google-billing': format('google-billing', null),
  'deepseek-zip': format('deepseek-zip', null, 'zip'),
  generic: format('generic', null),
};

export const groupings = ['provider', 'key', 'model', 'day'] as const;
export type Grouping = (typeof groupings)[number];

export const budgetScopes = ['total', 'provider', 'key'] as const;
export type BudgetScope = (typeof budgetScopes)[number];

/** Budget alerts fire once per budget, threshold and month. */
export const budgetThresholds = [50, 80, 100] as const;
export type BudgetThreshold = (typeof budgetThresholds)[number];

/** Prices in micro-dollars: per 1M tokens for token rates, per request for `perRequest`. */
export interface PriceRates {
  input: number;
  output: number;
  /** Cache reads; null: billed at the input rate. */
  cachedInput: number | null;
  /** Cache writes (5-minute cache for Anthropic); null: billed at the input rate. */
  cacheWrite: number | null;
  /** 1-hour cache writes (Anthropic); null: billed at the cacheWrite rate. */
  cacheWrite1h: number | null;
  perRequest: number | null;
}

/** The prices a computed cost used, kept on the record so later price changes never rewrite it. */
export interface PricesUsed extends PriceRates {
  model: string;
  /** Where the prices came from: the shipped snapshot (`litellm@2026-07-24`) or `user`. */
  origin: string;
  /** Rate adjustments applied: `batch` (half price), `above-200k` (long-context rates). */
  adjustments: string[];
}

export interface ModelPrice extends PriceRates {
  model: string;
  provider: string;
  name: string;
  /** `default`: the shipped snapshot; `user`: set in this vault (replaces the default). */
  origin: 'default' | 'user';
  /** Long-context rates some models charge when a request's prompt exceeds 200k tokens. */
  above200k: PriceRates | null;
  deprecationDate: string | null;
  updatedAt: string | null;
}

export interface PriceTable {
  source: string;
  snapshotDate: string;
  models: ModelPrice[];
}

export interface UsageRecord {
  id: number;
  day: string;
  provider: string;
  keyId: string | null;
  keyLabel: string | null;
  /** The key's name or id as the export gave it (never a secret), when no vault key was linked. */
  keyHint: string | null;
  /** The canonical model id when it was recognised, otherwise the source's own text. */
  model: string;
  modelRaw: string;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  requests: number;
  /** Micro-dollars; null when the record is unpriced. May be negative for credits and refunds. */
  costMicros: number | null;
  currency: 'USD';
  costBasis: CostBasis;
  pricesUsed: PricesUsed | null;
  /** `manual`, the id of the import that brought it, or `sync:<provider>` (contract/usage-sync.ts). */
  source: string;
  importFormat: ImportFormat | null;
  note: string;
  createdAt: string;
}

export interface Totals {
  costMicros: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  requests: number;
  records: number;
  /** Records that have no cost because their model has no price: shown, never counted as 0. */
  unpricedRecords: number;
}

export interface GroupRow extends Totals {
  /** Stable: provider id, key id (or `export:<name>` / `none`), model id, or YYYY-MM-DD. */
  group: string;
  /** For people: provider name, key label, model name, the day; a phrase (i18n/phrase.ts) for "No key" and the like. */
  label: Phrase;
}

export interface CostSummary {
  month: string;
  by: Grouping;
  totals: Totals;
  rows: GroupRow[];
}

export interface DailyPoint {
  day: string;
  costMicros: number;
  records: number;
  unpricedRecords: number;
  /** Above 3× the median of the 14 days before it (and that median above 0). */
  spike: boolean;
  /** The trailing 14-day median the day was compared with. */
  medianMicros: number;
}

export interface Budget {
  id: string;
  scope: BudgetScope;
  provider: string | null;
  keyId: string | null;
  /** "All usage", the provider's name, or the key's label. */
  label: string;
  /** A key's budget whose key is in the trash (its label says so in every language where it is shown). */
  keyInTrash: boolean;
  monthlyMicros: number;
  createdAt: string;
  updatedAt: string;
}

export interface BudgetStatus extends Budget {
  month: string;
  spentMicros: number;
  /** Spent ÷ budget, e.g. 0.85. */
  fraction: number;
  /** The thresholds (50, 80, 100) this month's spend has reached. */
  reached: BudgetThreshold[];
  projectedMicros: number;
}

export interface CostOverview {
  month: string;
  /** Today's UTC date, by the service's clock. */
  today: string;
  totals: Totals;
  /** Month to date × days in month ÷ days elapsed; the total for past months; 0 for future ones. */
  projectionMicros: number;
  budgets: BudgetStatus[];
  /** The `days` days ending on the month's last day (or today, in the current month). */
  daily: DailyPoint[];
  byProvider: GroupRow[];
  byKey: GroupRow[];
  byModel: GroupRow[];
  /** Models with usage this month and no price. */
  unpricedModels: string[];
}

/** A row the import cannot read, or why the file as a whole cannot be read (on its line 1 or its header's). */
export interface ImportIssue {
  line: number;
  /** What is wrong, as a phrase (i18n/phrase.ts): it names the column, never the value. */
  message: Phrase;
  /** The file inside a ZIP export (DeepSeek) the line is in. */
  entry?: string;
}

/** Rows of a preview, before anything is written: what the user checks before committing. */
export interface PreviewRow {
  line: number;
  day: string;
  provider: string;
  model: string;
  keyLabel: string | null;
  keyHint: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
  costMicros: number | null;
  costBasis: CostBasis;
}

export interface ImportPreview {
  /** Hand back to `usage.commit` within 30 minutes. */
  token: string;
  fileName: string;
  format: ImportFormat;
  formatLabel: string;
  /** Data rows read (header, preamble and blank lines excluded). */
  rows: number;
  new: number;
  duplicates: number;
  /** Rows that carry no usage (an export's empty days, non-AI services in a billing report). */
  ignored: number;
  /** Every invalid row, up to 1,000, with its line number; `errorCount` has the full count. */
  errors: ImportIssue[];
  errorCount: number;
  firstDay: string | null;
  lastDay: string | null;
  /** Cost of the new rows (priced ones). */
  costMicros: number;
  unpricedModels: string[];
  /** What to know before committing (unpriced models, the other export of the same spend…), as phrases. */
  warnings: Phrase[];
  sample: PreviewRow[];
}

export interface ImportResult {
  importId: string | null;
  format: ImportFormat;
  rows: number;
  added: number;
  duplicates: number;
  ignored: number;
  /** True when the file had invalid rows and `skipInvalid` was not set: nothing was added. */
  rejected: boolean;
  /** The invalid rows: why the file was rejected, or what `skipInvalid` left out. */
  errors: ImportIssue[];
  errorCount: number;
  /** The encrypted backup taken before the commit. */
  backup: string | null;
}

export interface ImportSummary {
  id: string;
  at: string;
  fileName: string;
  format: ImportFormat;
  rows: number;
  added: number;
  duplicates: number;
  skipped: number;
  /** Records of this import still in the vault. */
  records: number;
  costMicros: number;
}

/** A generic CSV's column mapping: which header holds what. Saved by name as a preset. */
export const columnMappingSchema = z
  .object({
    day: z.string().trim().min(1, schemaText.dateColumnGiven),
    model: z.string().trim().min(1, schemaText.modelColumnGiven),
    provider: z.string().trim().min(1).optional(),
    key: z.string().trim().min(1).optional(),
    inputTokens: z.string().trim().min(1).optional(),
    outputTokens: z.string().trim().min(1).optional(),
    cachedTokens: z.string().trim().min(1).optional(),
    cacheWriteTokens: z.string().trim().min(1).optional(),
    requests: z.string().trim().min(1).optional(),
    cost: z.string().trim().min(1).optional(),
    note: z.string().trim().min(1).optional(),
    /** Whether the cost column holds dollars or cents. */
    costUnit: z.enum(['usd', 'cents']).default('usd'),
    /** OpenAI style (input includes cached) or Anthropic style (input excludes cache reads/writes). */
    inputIncludesCached: z.boolean().default(true),
    /** Provider for every row when there is no provider column. */
    defaultProvider: providerField.optional(),
  })
  .strict();
export type ColumnMapping = z.output<typeof columnMappingSchema>;

export interface ImportPreset {
  name: string;
  mapping: ColumnMapping;
  updatedAt: string;
}

export type CostAlert =
  | {
      kind: 'budget';
      budgetId: string;
      scope: BudgetScope;
      label: string;
      keyInTrash: boolean;
      month: string;
      threshold: BudgetThreshold;
      spentMicros: number;
      limitMicros: number;
    }
  | { kind: 'spike'; day: string; costMicros: number; medianMicros: number };

// ---- input schemas -------------------------------------------------------------------------

/** A month written YYYY-MM. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, schemaText.month);

const MAX_TOKENS = 1e15;
const tokens = z.int(schemaText.wholeTokens).min(0, schemaText.negativeTokens).max(MAX_TOKENS, schemaText.tooManyTokens);

/**
 * Dollars written as text or a number ("12.34", "1,234.5", 0.25) turned into micro-dollars
 * exactly: the text is never read as a float, and anything past six decimals rounds half up.
 */
export function usdToMicros(value: string | number): number | null {
  const text = (typeof value === 'number' ? numberToPlainString(value) : value).trim();
  const match = /^([+-])?\$?(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) return null;
  const negative = match[1] === '-';
  let digits = (match[2] ?? '').replace(/,/g, '') + (match[3] ?? '');
  // The decimal point sits `scale` digits from the right; an exponent moves it.
  let scale = (match[3] ?? '').length - Number(match[4] ?? 0);
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  // micros = round(digits × 10^(6 − scale)), half away from zero.
  let micros: bigint;
  if (scale <= 6) micros = BigInt(digits || '0') * 10n ** BigInt(6 - scale);
  else {
    const divisor = 10n ** BigInt(scale - 6);
    const whole = BigInt(digits || '0');
    micros = whole / divisor + (2n * (whole % divisor) >= divisor ? 1n : 0n);
  }
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const result = Number(micros);
  return negative && result !== 0 ? -result : result;
}

function numberToPlainString(value: number): string {
  return Number.isFinite(value) ? String(value) : 'NaN';
}

/** Micro-dollars as a plain decimal string of dollars, with all six decimals kept exact ("0.000125"). */
export function microsToUsdString(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  const whole = Math.floor(abs / MICROS_PER_USD);
  const fraction = String(abs % MICROS_PER_USD)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The two dollar formats of one locale, made once: cents, and up to micro-dollars for tiny amounts. */
const usdFormats = new Map<string, { whole: Intl.NumberFormat; fine: Intl.NumberFormat }>();
function usdFormatsFor(locale: string) {
  let formats = usdFormats.get(locale);
  if (!formats) {
    const base = { style: 'currency', currency: 'USD', minimumFractionDigits: 2 } as const;
    formats = {
      whole: new Intl.NumberFormat(locale, { ...base, maximumFractionDigits: 2 }),
      fine: new Intl.NumberFormat(locale, { ...base, maximumFractionDigits: 6 }),
    };
    usdFormats.set(locale, formats);
  }
  return formats;
}

/**
 * Dollars for people ("$17.03"; "US$17.03" in Korean), in the window and in OS notifications, in
 * the locale in force (en-US unless told). Amounts under a cent keep their micro-dollars
 * ("$0.000125") so a small cost never reads as $0.00; larger ones show cents.
 */
export function formatUsd(micros: number, locale = 'en-US'): string {
  const { whole, fine } = usdFormatsFor(locale);
  if (Math.abs(micros) > 0 && Math.abs(micros) < 10_000) return fine.format(micros / MICROS_PER_USD);
  // Round to cents on the integer, half up, before any division: $17.025 shows as $17.03.
  const cents = Math.sign(micros) * Math.round(Math.abs(micros) / 10_000);
  return whole.format(cents / 100);
}

/** Micro-dollars as a JSON number of dollars: exact to the micro-dollar for any realistic amount. */
export function microsToUsd(micros: number): number {
  return Number(microsToUsdString(micros));
}

// The problem's path names the field (costUsd, prices.input): the words need not.
const dollars = z.union([z.string().max(40), z.number()]).transform((value, ctx) => {
  const micros = usdToMicros(value);
  if (micros === null) {
    ctx.addIssue({ code: 'custom', message: schemaText.dollars });
    return z.NEVER;
  }
  if (micros < 0) {
    ctx.addIssue({ code: 'custom', message: schemaText.negativeDollars });
    return z.NEVER;
  }
  return micros;
});

const modelName = z.string().trim().min(1, schemaText.modelGiven).max(200, 'Use at most 200 characters.');
const note = z.string().max(1000, 'Use at most 1000 characters.');
const presetName = z.string().trim().min(1, schemaText.presetGiven).max(60, 'Use at most 60 characters.');

const usageFilter = {
  from: day.optional(),
  to: day.optional(),
  month: month.optional(),
  provider: z.string().max(64).optional(),
  keyId: keyId.optional(),
  model: z.string().max(200).optional(),
};

/**
 * Where an import file comes from: a path (the CLI; the app for a file its user picked, see the
 * preload's pathForFile), or the bytes of a file the user picked (a browser).
 */
export const importFile = z.union([
  z.object({ path: z.string().min(1).max(4096) }).strict(),
  z
    .object({
      name: z.string().trim().min(1).max(255),
      // Checked as it is decoded, a slice at a time (main/costs/importers/shared-bytes.ts): a
      // regex over a 250 MB string here would hold the main process for a third of a second.
      base64: z.string().max(700 * 1024 * 1024),
    })
    .strict(),
]);

export const usageContract = {
  /** One record typed in by hand. Cost: given, or computed from the price table. */
  add: method(
    z
      .object({
        day: day.optional(),
        provider: providerField,
        model: modelName,
        keyId: keyId.nullable().default(null),
        inputTokens: tokens.default(0),
        outputTokens: tokens.default(0),
        cachedTokens: tokens.default(0),
        cacheWriteTokens: tokens.default(0),
        requests: tokens.default(0),
        costUsd: dollars.optional(),
        note: note.default(''),
      })
      .strict()
      .refine((input) => input.cachedTokens + input.cacheWriteTokens <= input.inputTokens, {
        path: ['cachedTokens'],
        message: schemaText.cachedTokens,
      }),
  ).returns<UsageRecord>(),
  list: method(
    z
      .object({ ...usageFilter, limit: z.int().min(1).max(10_000).default(500), offset: z.int().min(0).default(0) })
      .strict()
      .default({ limit: 500, offset: 0 }),
  ).returns<{ records: UsageRecord[]; total: number }>(),
  remove: method(z.object({ id: z.int().positive() }).strict()).returns<{ id: number }>(),
  /** Reads the file and says what an import would do; writes nothing. */
  preview: method(
    z
      .object({
        file: importFile,
        format: z.enum(importFormats).optional(),
        /** Generic CSV: a saved preset's name, or a mapping given inline. */
        preset: presetName.optional(),
        mapping: columnMappingSchema.optional(),
        /** Link every row to this key (otherwise rows are linked by the export's key name, when it equals a key's label). */
        keyId: keyId.optional(),
      })
      .strict(),
  ).returns<ImportPreview>(),
  /** Writes a previewed import in one transaction, after an encrypted backup. */
  commit: method(
    z.object({ token: z.string().min(1).max(100), skipInvalid: z.boolean().default(false) }).strict(),
  ).returns<ImportResult>(),
  /** Forgets a preview that will not be committed. */
  discard: method(z.object({ token: z.string().min(1).max(100) }).strict()).returns<{ discarded: boolean }>(),
  imports: method(z.undefined()).returns<ImportSummary[]>(),
  /** Removes every record an import added. */
  undoImport: method(z.object({ importId: z.uuid() }).strict()).returns<{ removed: number }>(),
  /** The filtered records as CSV text (UTF-8, header row, one record per line). */
  exportCsv: method(z.object(usageFilter).strict().default({})).returns<{ fileName: string; csv: string; records: number }>(),
  presets: method(z.undefined()).returns<ImportPreset[]>(),
  savePreset: method(z.object({ name: presetName, mapping: columnMappingSchema }).strict()).returns<ImportPreset>(),
  removePreset: method(z.object({ name: presetName }).strict()).returns<{ name: string }>(),
};

export const costsContract = {
  /** Totals for a month (default: this month), grouped one way. */
  summary: method(
    z
      .object({ month: month.optional(), by: z.enum(groupings).default('provider') })
      .strict()
      .default({ by: 'provider' }),
  ).returns<CostSummary>(),
  /** Everything the Costs tab shows for one month. */
  overview: method(
    z
      .object({ month: month.optional(), days: z.union([z.literal(30), z.literal(90)]).default(30) })
      .strict()
      .default({ days: 30 }),
  ).returns<CostOverview>(),
  /** Each key's spend in a month, for the key cards: key id → micro-dollars. */
  keySpend: method(z.object({ month: month.optional() }).strict().default({})).returns<Record<string, number>>(),
};

export const pricesContract = {
  list: method(
    z
      .object({ provider: z.string().max(64).optional() })
      .strict()
      .default({}),
  ).returns<PriceTable>(),
  /** Sets a model's prices (dollars per 1M tokens; per request). Omitted fields keep their current value. */
  set: method(
    z
      .object({
        model: modelName,
        provider: providerField.optional(),
        name: z.string().trim().min(1).max(120).optional(),
        input: dollars.optional(),
        output: dollars.optional(),
        cachedInput: dollars.optional(),
        cacheWrite: dollars.optional(),
        cacheWrite1h: dollars.optional(),
        perRequest: dollars.optional(),
      })
      .strict(),
  ).returns<{ price: ModelPrice; repriced: number }>(),
  /** Drops this vault's own prices for a model: the shipped default applies again. */
  reset: method(z.object({ model: modelName }).strict()).returns<{ price: ModelPrice | null }>(),
};

export const budgetsContract = {
  list: method(z.object({ month: month.optional() }).strict().default({})).returns<BudgetStatus[]>(),
  /** Creates or replaces the monthly budget for a scope. */
  set: method(
    z
      .object({
        scope: z.enum(budgetScopes),
        provider: providerField.optional(),
        keyId: keyId.optional(),
        monthlyUsd: dollars.refine((micros) => micros > 0, schemaText.budgetAboveZero),
      })
      .strict()
      .superRefine((input, ctx) => {
        if (input.scope === 'provider' && !input.provider)
          ctx.addIssue({ code: 'custom', path: ['provider'], message: schemaText.providerGiven });
        if (input.scope === 'key' && !input.keyId)
          ctx.addIssue({ code: 'custom', path: ['keyId'], message: schemaText.keyGiven });
      }),
  ).returns<Budget>(),
  remove: method(z.object({ id: z.uuid() }).strict()).returns<{ id: string }>(),
};

export const costEvents = {
  /** A budget threshold was crossed or a spike day found; the tray/notification layer shows it. */
  costAlert: event<CostAlert>(),
};
