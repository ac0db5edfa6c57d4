import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnMapping, ImportPreview } from '../../../contract/costs.ts';
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

  it('counts rows with no tokens, requests or cost as without usage, like the provider formats', async () => {
    const services = await createdVault();
    const p = await preview(services, fixture('litellm-daily-spend.csv'), { mapping: litellmMapping });
    expect(p).toMatchObject({ format: 'generic', rows: 11, new: 9, ignored: 2, errors: [] });
    const result = await services.costs.imports.commit(p.token, false, 'cli');
    expect(result).toMatchObject({ added: 9, ignored: 2 });
  });
});
