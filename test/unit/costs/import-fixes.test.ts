import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ImportPreview } from '../../../contract/costs.ts';
import { providerFromText } from '../../../main/costs/importers/provider-names.ts';
import type { Services } from '../../../main/services.ts';
import { createdVault } from '../../support/vault.ts';

/** Regressions found by importing real export shapes (issue 15, part 2); fixtures have fake values. */

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'costs');
const fixture = (name: string) => join(FIXTURES, name);

async function preview(services: Services, path: string, extra: Record<string, unknown> = {}): Promise<ImportPreview> {
  return services.costs.imports.preview({ file: { path }, ...extra } as never, 'cli');
}

/** LiteLLM's daily spend table (LiteLLM_DailyUserSpend) exported as CSV. */
const litellmMapping = {
  day: 'date',
  provider: 'custom_llm_provider',
  model: 'model',
  key: 'api_key',
  inputTokens: 'prompt_tokens',
  outputTokens: 'completion_tokens',
  cachedTokens: 'cache_read_input_tokens',
  requests: 'api_requests',
  cost: 'spend',
  costUnit: 'usd',
  inputIncludesCached: true,
} as ColumnMapping;

describe('generic import of a LiteLLM spend export', () => {
  it('maps LiteLLM provider names to catalog providers, a cloud to the vendor its model id names', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('litellm-daily-spend.csv'), { mapping: litellmMapping });
    expect(p.errors).toEqual([]);
    expect(p.sample.map((r) => [r.line, r.provider, r.model])).toEqual([
      [2, 'google', 'gemini-2.5-flash'],
      [3, 'google', 'gemini-2.5-pro'],
      // Claude on Vertex, GPT on Azure, Claude on Bedrock: the model's vendor.
      [4, 'anthropic', 'claude-sonnet-4-5'],
      [5, 'openai', 'gpt-4o'],
      [6, 'anthropic', 'claude-haiku-4-5'],
      // The id names no vendor in the catalog: the cloud (AWS), or Azure as a custom provider.
      [7, 'aws', 'meta.llama3-70b-instruct-v1:0'],
      [8, 'custom:Azure', 'my-team-deployment'],
      [9, 'xai', 'grok-4'],
      // A provider Keyward does not know stays a custom one.
      [12, 'custom:together_ai', 'together_ai/qwen-fake'],
    ]);
  });

  it('reads the other LiteLLM provider spellings, and leaves catalog ids, names and custom providers as they were', () => {
    expect(
      [
        ['cohere_chat', 'command-r-plus'],
        ['text-completion-openai', 'gpt-3.5-turbo-instruct'],
        ['bedrock_converse', 'mistral.mistral-large-2407-v1:0'],
        ['azure_ai', 'deepseek-r1'],
        ['vertex_ai-language-models', 'gemini-2.5-pro'],
        ['xai', 'grok-4'],
        ['Anthropic', ''],
        ['custom:Acme', 'acme-large'],
        ['Acme AI', 'acme-large'],
      ].map(([provider, model]) => providerFromText(provider!, model)),
    ).toEqual(['cohere', 'openai', 'mistral', 'deepseek', 'google', 'xai', 'anthropic', 'custom:Acme', 'custom:Acme AI']);
  });

  it('counts rows with no tokens, requests or cost as without usage, like the provider formats', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('litellm-daily-spend.csv'), { mapping: litellmMapping });
    expect(p).toMatchObject({ format: 'generic', rows: 11, new: 9, ignored: 2, errors: [] });
    const result = await services.costs.imports.commit(p.token, false, 'cli');
    expect(result).toMatchObject({ added: 9, ignored: 2 });
  });
});

describe('Google billing: token counts from every Gemini SKU wording', () => {
  it('reads Vertex AI text, batch, long-context, cached, audio and thinking SKUs and the Gemini API batch and cached ones', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('google-billing-vertex.csv'));
    expect(p).toMatchObject({ format: 'google-billing', rows: 12, new: 12, ignored: 0, errors: [], costMicros: 3_576_250 });
    expect(p.sample.map((r) => [r.line, r.model, r.inputTokens, r.outputTokens])).toEqual([
      [2, 'gemini-2.5-flash', 1_000_000, 0],
      [3, 'gemini-2.5-flash', 0, 200_000],
      [4, 'gemini-2.5-flash', 2_000_000, 0],
      [5, 'gemini-2.5-flash', 0, 400_000],
      [6, 'gemini-2.5-flash', 500_000, 0],
      [7, 'gemini-2.5-flash', 100_000, 0],
      [8, 'gemini-2.5-flash', 0, 40_000],
      [9, 'gemini-2.5-pro', 300_000, 0],
      [10, 'gemini-2.5-pro', 0, 10_000],
      // Cache storage is billed in gibibyte hours: a cost, no tokens.
      [11, 'gemini-2.5-pro', 0, 0],
      [12, 'gemini-2.5-flash', 4_000_000, 0],
      [13, 'gemini-2.5-pro', 800_000, 0],
    ]);
    // The cached SKUs (Vertex "Cached Text Input", Gemini API "cached content") are input read from the cache.
    await services.costs.imports.commit(p.token, false, 'cli');
    const stored = services.costs.usage.list({ limit: 100, offset: 0 }).records;
    expect(
      stored
        .filter((r) => r.cachedTokens > 0)
        .map((r) => [r.model, r.inputTokens, r.cachedTokens])
        .sort(),
    ).toEqual([
      ['gemini-2.5-flash', 500_000, 500_000],
      ['gemini-2.5-pro', 800_000, 800_000],
    ]);
  });
});

describe('DeepSeek: days as the provider wrote them', () => {
  it('keeps a +08:00 billing day on its own date, so a month stays in its month', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('deepseek-usage-offset.zip'));
    expect(p).toMatchObject({
      format: 'deepseek-zip',
      rows: 7,
      new: 2,
      errors: [],
      firstDay: '2026-11-01',
      lastDay: '2026-11-30',
      costMicros: 966_000,
    });
    expect(p.sample.map((r) => [r.day, r.inputTokens, r.outputTokens, r.requests, r.costMicros])).toEqual([
      ['2026-11-01', 1_000_000, 100_000, 20, 322_000],
      ['2026-11-30', 2_000_000, 200_000, 0, 644_000],
    ]);
    await services.costs.imports.commit(p.token, false, 'cli');
    // Converted to UTC, the first of November would have been filed in October.
    expect(services.costs.views.summary({ month: '2026-10', by: 'model' }).rows).toEqual([]);
    expect(services.costs.views.summary({ month: '2026-11', by: 'model' }).totals).toMatchObject({ costMicros: 966_000 });
  });
});
