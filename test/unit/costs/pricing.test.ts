import { describe, expect, it } from 'vitest';
import { microsToUsd, microsToUsdString, usdToMicros } from '../../../contract/costs.ts';
import { looseModelKey } from '../../../main/costs/models.ts';
import { DEFAULT_PRICES } from '../../../main/costs/price-data.ts';
import { costOf, DEFAULT_MODEL_PRICES, PriceBook } from '../../../main/costs/pricing.ts';

const usage = (u: Partial<Parameters<typeof costOf>[0]>) => ({
  inputTokens: 0,
  outputTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  requests: 0,
  ...u,
});
const rates = (r: Partial<Parameters<typeof costOf>[1]>) => ({
  input: 0,
  output: 0,
  cachedInput: null,
  cacheWrite: null,
  cacheWrite1h: null,
  perRequest: null,
  ...r,
});

describe('money as integer micro-dollars', () => {
  it('reads dollars written every way exports write them, exactly', () => {
    expect(usdToMicros('12.34')).toBe(12_340_000);
    expect(usdToMicros('$1,234.50')).toBe(1_234_500_000);
    expect(usdToMicros('0.003835980000000000000000000000')).toBe(3836);
    expect(usdToMicros('0.0000005')).toBe(1); // half a micro-dollar rounds up
    expect(usdToMicros('0.00000049')).toBe(0);
    expect(usdToMicros('-0.50')).toBe(-500_000);
    expect(usdToMicros('1.5e-07')).toBe(0);
    expect(usdToMicros('2.5E3')).toBe(2_500_000_000);
    expect(usdToMicros(0.1)).toBe(100_000);
    expect(usdToMicros('.5')).toBe(500_000);
    expect(usdToMicros('7')).toBe(7_000_000);
  });

  it('refuses text that is not an amount, and decimal commas that could be misread', () => {
    for (const bad of ['', 'abc', '1,5', '1.2.3', '12,34.5', '$', '--1', '1e', 'NaN']) expect(usdToMicros(bad), bad).toBeNull();
  });

  it('never sums floats: 0.1 + 0.2 is 0.3 exactly', () => {
    const sum = usdToMicros('0.1')! + usdToMicros('0.2')!;
    expect(sum).toBe(usdToMicros('0.3'));
    expect(microsToUsdString(sum)).toBe('0.3');
    expect(microsToUsd(sum)).toBe(0.3);
  });

  it('writes micro-dollars back as exact decimal dollars', () => {
    expect(microsToUsdString(1_716_336)).toBe('1.716336');
    expect(microsToUsdString(125)).toBe('0.000125');
    expect(microsToUsdString(-2_500_000)).toBe('-2.5');
    expect(microsToUsdString(0)).toBe('0');
  });
});

describe('cost math', () => {
  it('prices tokens per 1M: input and output', () => {
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M.
    expect(costOf(usage({ inputTokens: 1_000_000, outputTokens: 500_000 }), rates({ input: 150_000, output: 600_000 }))).toBe(
      450_000,
    );
  });

  it('bills cache reads and cache writes at their own rates, as parts of the input', () => {
    // Claude Sonnet 4.5: in 3, out 15, cache read 0.3, write 3.75, 1-hour write 6.
    const sonnet = rates({
      input: 3_000_000,
      output: 15_000_000,
      cachedInput: 300_000,
      cacheWrite: 3_750_000,
      cacheWrite1h: 6_000_000,
    });
    const u = usage({
      inputTokens: 3_150_000,
      cachedTokens: 2_000_000,
      cacheWriteTokens: 150_000,
      cacheWrite1hTokens: 50_000,
      outputTokens: 300_000,
    });
    // 1M uncached × 3 + 2M × 0.3 + 100k × 3.75 + 50k × 6 + 300k × 15
    expect(costOf(u, sonnet)).toBe(3_000_000 + 600_000 + 375_000 + 300_000 + 4_500_000);
  });

  it('bills cache tokens at the input rate when the model has no cache rate', () => {
    expect(
      costOf(usage({ inputTokens: 1_000_000, cachedTokens: 400_000, cacheWriteTokens: 100_000 }), rates({ input: 2_000_000 })),
    ).toBe(2_000_000);
  });

  it('adds a per-request price, which batch pricing does not halve', () => {
    const r = rates({ input: 1_000_000, output: 1_000_000, perRequest: 5_000 });
    expect(costOf(usage({ inputTokens: 1000, outputTokens: 1000, requests: 10 }), r)).toBe(2_000 + 50_000);
    expect(costOf(usage({ inputTokens: 1000, outputTokens: 1000, requests: 10 }), r, { batch: true })).toBe(1_000 + 50_000);
  });

  it('rounds the record once, half up, to the micro-dollar', () => {
    // 1 token at $0.15/1M = 0.15 µ$ → 0; 4 tokens = 0.6 µ$ → 1; 10 tokens = 1.5 µ$ → 2.
    const r = rates({ input: 150_000 });
    expect(costOf(usage({ inputTokens: 1 }), r)).toBe(0);
    expect(costOf(usage({ inputTokens: 4 }), r)).toBe(1);
    expect(costOf(usage({ inputTokens: 10 }), r)).toBe(2);
    // Summing first, rounding once: 3 × 0.5 µ$ is 1.5 → 2, not 3 × round(0.5) = 3.
    expect(costOf(usage({ inputTokens: 10, outputTokens: 10, cachedTokens: 0 }), rates({ input: 50_000, output: 100_000 }))).toBe(
      2,
    );
  });

  it('stays exact for huge counts', () => {
    expect(costOf(usage({ outputTokens: 1e15 }), rates({ output: 75_000_000 }))).toBe(75e15);
  });

  it('refuses cache parts larger than the input they belong to', () => {
    expect(() => costOf(usage({ inputTokens: 10, cachedTokens: 20 }), rates({ input: 1 }))).toThrow(RangeError);
  });
});

describe('the shipped price table', () => {
  it('holds the snapshot’s prices, converted exactly to micro-dollars per 1M', () => {
    const get = (model: string) => DEFAULT_MODEL_PRICES.find((p) => p.model === model)!;
    expect(get('gpt-4o-mini')).toMatchObject({ input: 150_000, output: 600_000, cachedInput: 75_000, cacheWrite: null });
    expect(get('gpt-5-nano')).toMatchObject({ input: 50_000, output: 400_000, cachedInput: 5_000 });
    expect(get('claude-sonnet-4-5')).toMatchObject({
      input: 3_000_000,
      output: 15_000_000,
      cachedInput: 300_000,
      cacheWrite: 3_750_000,
      cacheWrite1h: 6_000_000,
    });
    expect(get('claude-sonnet-4-5').above200k).toMatchObject({ input: 6_000_000, output: 22_500_000 });
    expect(get('gemini-2.5-pro')).toMatchObject({ input: 1_250_000, output: 10_000_000, cachedInput: 125_000 });
    expect(get('deepseek-chat')).toMatchObject({ input: 280_000, output: 420_000, cachedInput: 28_000, cacheWrite: 0 });
    expect(get('grok-4')).toMatchObject({ input: 3_000_000, output: 15_000_000 });
    expect(get('mistral-large-latest')).toMatchObject({ input: 500_000, output: 1_500_000 });
    expect(get('llama-3.3-70b-versatile')).toMatchObject({ provider: 'groq', input: 590_000, output: 790_000 });
  });

  it('covers every provider the issue names, with unique ids that are their own canonical form', () => {
    const providers = new Set(DEFAULT_PRICES.map((p) => p.provider));
    for (const provider of ['openai', 'anthropic', 'google', 'xai', 'mistral', 'deepseek', 'groq'])
      expect(providers).toContain(provider);
    const ids = DEFAULT_PRICES.map((p) => p.model);
    expect(new Set(ids).size).toBe(ids.length);
    const book = new PriceBook();
    for (const id of ids) expect(book.resolve(id), id).toBe(id);
  });
});

describe('model-id normalisation', () => {
  const book = new PriceBook();
  const cases: Array<[string, string]> = [
    ['gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['GPT-4o mini', 'gpt-4o-mini'],
    ['openai/gpt-4o-mini', 'gpt-4o-mini'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['GPT-4.1', 'gpt-4.1'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['Claude Sonnet 4.5', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4.5-20250929', 'claude-sonnet-4-5'],
    ['Anthropic: Claude Sonnet 4.5', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
    ['claude-haiku-4-5-20251001', 'claude-haiku-4-5'],
    ['Claude Haiku 4.5', 'claude-haiku-4-5'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['Claude Sonnet 4', 'claude-sonnet-4'],
    ['claude-3-7-sonnet-20250219', 'claude-3-7-sonnet'],
    ['Claude 3.7 Sonnet', 'claude-3-7-sonnet'],
    ['anthropic/claude-opus-4.7', 'claude-opus-4-7'],
    ['gemini/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['Gemini 2.5 Flash-Lite', 'gemini-2.5-flash-lite'],
    ['gemini-2.5-flash-preview-05-20', 'gemini-2.5-flash'],
    ['deepseek/deepseek-chat', 'deepseek-chat'],
    ['xai/grok-4', 'grok-4'],
    ['x-ai/grok-4', 'grok-4'],
    ['mistral/mistral-large-latest', 'mistral-large-latest'],
    ['mistral-large-2411', 'mistral-large-latest'],
    ['groq/llama-3.3-70b-versatile', 'llama-3.3-70b-versatile'],
    ['openai/gpt-oss-120b', 'gpt-oss-120b'],
    ['openai/gpt-oss-120b:free', 'gpt-oss-120b'],
  ];
  it.each(cases)('%s → %s', (raw, expected) => {
    expect(book.resolve(raw)).toBe(expected);
  });

  it('leaves unknown models unresolved rather than guessing a neighbour', () => {
    for (const raw of ['claude-3-5-haiku-20241022', 'gpt-9-imaginary', 'gemini-1.0-pro', 'llama-3.1-8b', ''])
      expect(book.resolve(raw), raw).toBeNull();
  });

  it('folds separators and case into one comparison form', () => {
    expect(looseModelKey('  Claude  Sonnet 4.5 ')).toBe('claude-sonnet-4-5');
    expect(looseModelKey('claude_sonnet.4.5')).toBe('claude-sonnet-4-5');
  });

  it('resolves a user’s own model by its own spelling', () => {
    const custom = new PriceBook([
      { ...DEFAULT_MODEL_PRICES[0]!, model: 'acme-large', name: 'Acme Large', provider: 'custom:Acme', origin: 'user' },
    ]);
    expect(custom.resolve('Acme Large')).toBe('acme-large');
    expect(custom.resolve('acme/acme-large-2026-01-01')).toBe('acme-large');
  });
});

describe('the price book', () => {
  it('uses long-context rates above 200k and half rates for batches, and records what it used', () => {
    const book = new PriceBook();
    const u = usage({ inputTokens: 1_000_000, outputTokens: 100_000 });
    expect(book.price('claude-sonnet-4-5', u)!.costMicros).toBe(3_000_000 + 1_500_000);
    const long = book.price('claude-sonnet-4-5', u, { longContext: true })!;
    expect(long.costMicros).toBe(6_000_000 + 2_250_000);
    expect(long.pricesUsed).toMatchObject({
      model: 'claude-sonnet-4-5',
      origin: 'litellm@2026-07-24',
      adjustments: ['above-200k'],
      input: 6_000_000,
    });
    const batch = book.price('claude-haiku-4-5', usage({ inputTokens: 2_000_000, outputTokens: 400_000 }), { batch: true })!;
    expect(batch.costMicros).toBe(2_000_000);
    expect(batch.pricesUsed.adjustments).toEqual(['batch']);
  });

  it('has no price for an unknown model: the caller keeps the record unpriced', () => {
    expect(new PriceBook().price('gpt-9-imaginary', usage({ inputTokens: 1 }))).toBeNull();
  });
});
