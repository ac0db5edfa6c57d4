import { describe, expect, it } from 'vitest';
import { createApi } from '../../../contract/client.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { listAudit } from '../../../main/audit/log.ts';
import { csvCell } from '../../../main/costs/records.ts';
import { createHandlers } from '../../../main/handlers.ts';
import { createRouter } from '../../../main/router.ts';
import { windowIntl } from '../../support/intl.ts';
import { createdVault } from '../../support/vault.ts';

/** The same doors the app and CLI use: the router validates every input with the contract. */
async function api() {
  const services = await createdVault();
  const call = createRouter(createHandlers(services));
  return { services, api: createApi((channel, input) => call(channel, input, { source: 'app' })) };
}

describe('manual usage records', () => {
  it('computes the cost from the price table and keeps the prices it used', async () => {
    const { api: kw } = await api();
    const record = await kw.usage.add({
      provider: 'anthropic',
      model: 'Claude Sonnet 4.5',
      day: '2026-11-03',
      inputTokens: 1_000_000,
      cachedTokens: 500_000,
      outputTokens: 10_000,
    });
    // 500k uncached × 3 + 500k cached × 0.3 + 10k × 15
    expect(record).toMatchObject({
      model: 'claude-sonnet-4-5',
      modelRaw: 'Claude Sonnet 4.5',
      costMicros: 1_800_000,
      costBasis: 'computed',
      source: 'manual',
      currency: 'USD',
    });
    expect(record.pricesUsed).toMatchObject({
      input: 3_000_000,
      cachedInput: 300_000,
      output: 15_000_000,
      origin: 'litellm@2026-07-24',
    });
  });

  it('takes a given cost as is, and defaults the day to today (UTC)', async () => {
    const { api: kw } = await api();
    const record = await kw.usage.add({ provider: 'custom:Acme', model: 'acme-large', costUsd: '1,234.567891' });
    expect(record).toMatchObject({ day: '2026-11-27', costMicros: 1_234_567_891, costBasis: 'given', pricesUsed: null });
  });

  it('keeps a model without a price as unpriced, never as $0', async () => {
    const { api: kw } = await api();
    const record = await kw.usage.add({ provider: 'openai', model: 'gpt-9-imaginary', inputTokens: 10 });
    expect(record).toMatchObject({ costMicros: null, costBasis: 'unpriced' });
    const overview = await kw.costs.overview({ month: '2026-11' });
    expect(overview.unpricedModels).toEqual(['gpt-9-imaginary']);
    expect(overview.totals).toMatchObject({ costMicros: 0, unpricedRecords: 1 });
  });

  it('refuses invalid input with a message naming the field', async () => {
    const { api: kw } = await api();
    await expect(kw.usage.add({ provider: 'openai', model: 'gpt-4o', inputTokens: 10, cachedTokens: 11 })).rejects.toMatchObject({
      code: 'Invalid',
      message: 'cachedTokens: Cached and cache-write tokens are part of the input tokens: together they cannot exceed them.',
    });
    await expect(kw.usage.add({ provider: 'openai', model: 'gpt-4o', costUsd: '-1' })).rejects.toMatchObject({
      message: 'costUsd: An amount cannot be negative.',
    });
    await expect(kw.usage.add({ provider: 'openai', model: 'gpt-4o', costUsd: 'lots' })).rejects.toMatchObject({
      message: 'costUsd: Write an amount in dollars, like 12.34.',
    });
    await expect(kw.usage.add({ provider: 'nope', model: 'gpt-4o' })).rejects.toMatchObject({ code: 'Invalid' });
    await expect(kw.usage.add({ provider: 'openai', model: 'gpt-4o', day: '2026-02-30' })).rejects.toMatchObject({
      code: 'Invalid',
    });
    await expect(
      kw.usage.add({ provider: 'openai', model: 'gpt-4o', keyId: '3f0c6a1e-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('lists newest first with filters, deletes one, and audits both', async () => {
    const { api: kw, services } = await api();
    const a = await kw.usage.add({ provider: 'openai', model: 'gpt-4o', day: '2026-11-01', costUsd: 1 });
    await kw.usage.add({ provider: 'anthropic', model: 'claude-haiku-4-5', day: '2026-11-02', costUsd: 2 });
    await kw.usage.add({ provider: 'openai', model: 'gpt-4o', day: '2026-10-31', costUsd: 3 });
    expect((await kw.usage.list()).records.map((r) => r.day)).toEqual(['2026-11-02', '2026-11-01', '2026-10-31']);
    expect(await kw.usage.list({ month: '2026-11', provider: 'openai' })).toMatchObject({ total: 1, records: [{ id: a.id }] });
    await kw.usage.remove({ id: a.id });
    expect((await kw.usage.list({ month: '2026-11' })).total).toBe(1);
    await expect(kw.usage.remove({ id: a.id })).rejects.toMatchObject({ code: 'NotFound' });
    const actions = listAudit(services.vault.session().db, { limit: 10 }).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['usage.deleted', 'usage.added', 'usage.added', 'usage.added']);
  });
});

describe('CSV export', () => {
  it('writes the filtered records with exact dollars and a formula guard', async () => {
    const { api: kw } = await api();
    await kw.usage.add({ provider: 'openai', model: 'gpt-4o', day: '2026-11-01', costUsd: '0.000125', note: '=HYPERLINK("x")' });
    await kw.usage.add({ provider: 'openai', model: 'gpt-4o', day: '2026-10-01', costUsd: 9 });
    const out = await kw.usage.exportCsv({ month: '2026-11' });
    expect(out).toMatchObject({ fileName: 'keyward-usage-2026-11.csv', records: 1 });
    const [header, row, end] = out.csv.split('\r\n');
    expect(header).toBe(
      'day,provider,key,key_id,model,model_as_given,input_tokens,output_tokens,cached_tokens,cache_write_tokens,requests,cost_usd,cost_basis,source,note',
    );
    expect(row).toBe(`2026-11-01,openai,,,gpt-4o,gpt-4o,0,0,0,0,0,0.000125,given,manual,"'=HYPERLINK(""x"")"`);
    expect(end).toBe('');
    expect(csvCell('-5', true)).toBe("'-5");
    expect(csvCell(-5, false)).toBe('-5');
  });
});

describe('prices', () => {
  it('lists the dated defaults with their source', async () => {
    const { api: kw } = await api();
    const table = await kw.prices.list({ provider: 'anthropic' });
    expect(table).toMatchObject({ snapshotDate: '2026-07-24' });
    expect(table.source).toMatch(/LiteLLM/);
    expect(table.models.every((m) => m.provider === 'anthropic' && m.origin === 'default')).toBe(true);
  });

  it('a changed price applies from now on and never rewrites a priced record', async () => {
    const { api: kw } = await api();
    const before = await kw.usage.add({ provider: 'openai', model: 'gpt-4o', inputTokens: 1_000_000 });
    expect(before.costMicros).toBe(2_500_000);
    const { price } = await kw.prices.set({ model: 'gpt-4o-2024-08-06', input: '5' });
    expect(price).toMatchObject({
      model: 'gpt-4o',
      origin: 'user',
      input: 5_000_000,
      output: 10_000_000,
      cachedInput: 1_250_000,
    });
    const after = await kw.usage.add({ provider: 'openai', model: 'gpt-4o', inputTokens: 1_000_000 });
    expect(after.costMicros).toBe(5_000_000);
    expect((await kw.usage.list()).records.find((r) => r.id === before.id)!.costMicros).toBe(2_500_000);
    const reset = await kw.prices.reset({ model: 'gpt-4o' });
    expect(reset.price).toMatchObject({ origin: 'default', input: 2_500_000 });
    await expect(kw.prices.reset({ model: 'gpt-4o' })).rejects.toMatchObject({ code: 'NotFound' });
  });

  it('a new model needs a provider and both token prices; then its unpriced records get priced', async () => {
    const { api: kw } = await api();
    const unpriced = await kw.usage.add({
      provider: 'custom:Acme',
      model: 'Acme Large 2',
      inputTokens: 2_000_000,
      outputTokens: 1_000_000,
    });
    expect(unpriced.costBasis).toBe('unpriced');
    await expect(kw.prices.set({ model: 'acme-large-2', input: 1, output: 2 })).rejects.toMatchObject({
      code: 'Invalid',
      message: 'provider: acme-large-2 is not in the price table: name its provider too.',
    });
    await expect(kw.prices.set({ model: 'acme-large-2', provider: 'custom:Acme', input: 1 })).rejects.toMatchObject({
      message: /output: .* give both/,
    });
    const result = await kw.prices.set({
      model: 'Acme Large 2',
      provider: 'custom:Acme',
      input: 1,
      output: '2.5',
      perRequest: '0.01',
    });
    expect(result).toMatchObject({
      repriced: 1,
      price: { model: 'Acme Large 2', provider: 'custom:Acme', input: 1_000_000, output: 2_500_000, perRequest: 10_000 },
    });
    const record = (await kw.usage.list()).records[0]!;
    expect(record).toMatchObject({ costBasis: 'computed', costMicros: 4_500_000, model: 'Acme Large 2' });
    expect((await kw.costs.summary({ month: '2026-11' })).totals).toMatchObject({ costMicros: 4_500_000, unpricedRecords: 0 });
  });
});

describe('key spend and summaries', () => {
  it('gives each key its month spend for the cards, and groups by day', async () => {
    const { api: kw } = await api();
    const key = await kw.keys.add({ label: 'Bot', provider: 'openai', secret: 'FAKE-not-a-known-format-spend-0000' });
    await kw.usage.add({ provider: 'openai', model: 'gpt-4o', keyId: key.id, day: '2026-11-02', costUsd: 1.5 });
    await kw.usage.add({ provider: 'openai', model: 'gpt-4o', keyId: key.id, day: '2026-11-03', costUsd: 2 });
    await kw.usage.add({ provider: 'openai', model: 'gpt-4o', keyId: key.id, day: '2026-10-03', costUsd: 7 });
    expect(await kw.costs.keySpend({ month: '2026-11' })).toEqual({ [key.id]: 3_500_000 });
    const byDay = await kw.costs.summary({ month: '2026-11', by: 'day' });
    expect(byDay.rows.map((r) => [r.group, r.costMicros])).toEqual([
      ['2026-11-02', 1_500_000],
      ['2026-11-03', 2_000_000],
    ]);
    // A key in the trash has no card; its spend stays in the totals under its label.
    await kw.keys.remove({ id: key.id });
    expect(await kw.costs.keySpend({ month: '2026-11' })).toEqual({});
    const trashed = (await kw.costs.summary({ month: '2026-11', by: 'key' })).rows;
    expect(trashed.map((r) => [r.group, phraseText(r.label), r.costMicros])).toEqual([[key.id, 'Bot (in trash)', 3_500_000]]);
    expect(phraseText(trashed[0]!.label, windowIntl('ko'))).toBe('Bot (휴지통)');
    // Deleting the key for good leaves its spend in the totals, unlinked.
    await kw.trash.purge({ ids: [key.id] });
    expect((await kw.costs.summary({ month: '2026-11', by: 'key' })).rows.map((r) => [r.group, r.costMicros])).toEqual([
      ['none', 3_500_000],
    ]);
  });
});
