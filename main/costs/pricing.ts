import { usdToMicros, type ModelPrice, type PriceRates, type PricesUsed } from '../../contract/costs.ts';
import type { Db } from '../vault/database.ts';
import { ModelResolver } from './models.ts';
import { DEFAULT_PRICES, PRICE_SNAPSHOT, type DefaultPrice } from './price-data.ts';

/** Token counts in Keyward's convention: cached and cache-write tokens are parts of `inputTokens`. */
export interface UsageAmounts {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  /** Of the cache writes, those to Anthropic's 1-hour cache (billed at their own rate). */
  cacheWrite1hTokens?: number;
  requests: number;
}

export interface PricingOptions {
  /** Batch API usage: half the token rates (OpenAI and Anthropic both bill batches at 50%). */
  batch?: boolean;
  /** The request's prompt was above 200k tokens: long-context rates where the model has them. */
  longContext?: boolean;
}

const MILLION = 1_000_000n;

/**
 * The cost of some usage at some rates, in micro-dollars. Every product is an exact BigInt:
 * rates are micro-dollars per 1M tokens, so tokens × rate is in micro-dollar-millionths; the
 * sum is divided once and rounded half up, so a record is off by at most half a micro-dollar.
 */
export function costOf(usage: UsageAmounts, rates: PriceRates, options: PricingOptions = {}): number {
  const write1h = BigInt(usage.cacheWrite1hTokens ?? 0);
  const write5m = BigInt(usage.cacheWriteTokens) - write1h;
  const cached = BigInt(usage.cachedTokens);
  const uncached = BigInt(usage.inputTokens) - cached - BigInt(usage.cacheWriteTokens);
  if (uncached < 0n || write5m < 0n) throw new RangeError('cached and cache-write tokens exceed the input tokens');
  const input = BigInt(rates.input);
  const cacheWrite = BigInt(rates.cacheWrite ?? rates.input);
  const tokenPart =
    uncached * input +
    cached * BigInt(rates.cachedInput ?? rates.input) +
    write5m * cacheWrite +
    write1h * BigInt(rates.cacheWrite1h ?? rates.cacheWrite ?? rates.input) +
    BigInt(usage.outputTokens) * BigInt(rates.output);
  const divisor = options.batch ? 2n * MILLION : MILLION;
  const requestPart = BigInt(usage.requests) * BigInt(rates.perRequest ?? 0) * divisor;
  const numerator = tokenPart + requestPart;
  // Round half up (away from zero; all terms are non-negative).
  const micros = (numerator + divisor / 2n) / divisor;
  return Number(micros);
}

/** Exact micro-dollars from a price written in the data file. */
function micros(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = usdToMicros(text);
  if (value === null) throw new Error(`bad price ${text} in the price data`);
  return value;
}

function ratesOf(entry: DefaultPrice): PriceRates {
  return {
    input: micros(entry.input)!,
    output: micros(entry.output)!,
    cachedInput: micros(entry.cachedInput),
    cacheWrite: micros(entry.cacheWrite),
    cacheWrite1h: micros(entry.cacheWrite1h),
    perRequest: micros(entry.perRequest),
  };
}

export const DEFAULT_MODEL_PRICES: readonly ModelPrice[] = DEFAULT_PRICES.map((entry) => ({
  model: entry.model,
  provider: entry.provider,
  name: entry.name,
  origin: 'default',
  ...ratesOf(entry),
  above200k: entry.above200k
    ? {
        input: micros(entry.above200k.input)!,
        output: micros(entry.above200k.output)!,
        cachedInput: micros(entry.above200k.cachedInput),
        cacheWrite: micros(entry.above200k.cacheWrite),
        cacheWrite1h: null,
        perRequest: null,
      }
    : null,
  deprecationDate: entry.deprecationDate ?? null,
  updatedAt: null,
}));

interface PriceRow {
  model: string;
  provider: string;
  name: string;
  input: number;
  output: number;
  cached_input: number | null;
  cache_write: number | null;
  cache_write_1h: number | null;
  per_request: number | null;
  updated_at: string;
}

export interface Priced {
  costMicros: number;
  pricesUsed: PricesUsed;
}

/**
 * The price table in force: the shipped defaults, overridden model by model by the vault's own
 * prices. Built per operation (it is small), so an import prices every row with one table.
 */
export class PriceBook {
  readonly #prices = new Map<string, ModelPrice>();
  readonly #resolved = new Map<string, string | null>();
  readonly resolver: ModelResolver;

  constructor(overrides: readonly ModelPrice[] = []) {
    for (const price of DEFAULT_MODEL_PRICES) this.#prices.set(price.model, price);
    for (const price of overrides) this.#prices.set(price.model, price);
    // User models first, so a user's own spelling wins over a default's alias.
    this.resolver = new ModelResolver([...overrides.map((p) => ({ model: p.model, name: p.name })), ...DEFAULT_PRICES]);
  }

  static load(db: Db): PriceBook {
    return new PriceBook(loadOverrides(db));
  }

  list(): ModelPrice[] {
    return [...this.#prices.values()];
  }

  get(model: string): ModelPrice | undefined {
    return this.#prices.get(model);
  }

  /** The canonical id for any spelling, or null. Remembered: an export repeats a few spellings a million times. */
  resolve(raw: string): string | null {
    let found = this.#resolved.get(raw);
    if (found === undefined) {
      found = this.resolver.resolve(raw);
      if (this.#resolved.size < 10_000) this.#resolved.set(raw, found);
    }
    return found;
  }

  /** Prices usage of a canonical model; null when the model has no price (the record stays unpriced). */
  price(model: string, usage: UsageAmounts, options: PricingOptions = {}): Priced | null {
    const entry = this.#prices.get(model);
    if (!entry) return null;
    const adjustments: string[] = [];
    let rates: PriceRates = entry;
    if (options.longContext && entry.above200k) {
      rates = {
        ...entry.above200k,
        cachedInput: entry.above200k.cachedInput ?? entry.cachedInput,
        cacheWrite: entry.above200k.cacheWrite ?? entry.cacheWrite,
        cacheWrite1h: entry.cacheWrite1h,
        perRequest: entry.perRequest,
      };
      adjustments.push('above-200k');
    }
    if (options.batch) adjustments.push('batch');
    const pricesUsed: PricesUsed = {
      model,
      origin: entry.origin === 'user' ? 'user' : PRICE_SNAPSHOT.origin,
      adjustments,
      input: rates.input,
      output: rates.output,
      cachedInput: rates.cachedInput,
      cacheWrite: rates.cacheWrite,
      cacheWrite1h: rates.cacheWrite1h,
      perRequest: rates.perRequest,
    };
    return { costMicros: costOf(usage, rates, options), pricesUsed };
  }
}

export function loadOverrides(db: Db): ModelPrice[] {
  const rows = db.prepare('SELECT * FROM model_prices ORDER BY model').all() as PriceRow[];
  return rows.map((row) => ({
    model: row.model,
    provider: row.provider,
    name: row.name,
    origin: 'user',
    input: row.input,
    output: row.output,
    cachedInput: row.cached_input,
    cacheWrite: row.cache_write,
    cacheWrite1h: row.cache_write_1h,
    perRequest: row.per_request,
    above200k: null,
    deprecationDate: null,
    updatedAt: row.updated_at,
  }));
}

export function saveOverride(db: Db, price: ModelPrice, at: string): void {
  db.prepare(
    `INSERT INTO model_prices (model, provider, name, input, output, cached_input, cache_write, cache_write_1h, per_request, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (model) DO UPDATE SET provider = excluded.provider, name = excluded.name, input = excluded.input,
       output = excluded.output, cached_input = excluded.cached_input, cache_write = excluded.cache_write,
       cache_write_1h = excluded.cache_write_1h, per_request = excluded.per_request, updated_at = excluded.updated_at`,
  ).run(
    price.model,
    price.provider,
    price.name,
    price.input,
    price.output,
    price.cachedInput,
    price.cacheWrite,
    price.cacheWrite1h,
    price.perRequest,
    at,
  );
}

/** Removes the user's own price of a model; returns whether there was one. */
export function deleteOverride(db: Db, model: string): boolean {
  return db.prepare('DELETE FROM model_prices WHERE model = ?').run(model).changes > 0;
}
