import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../main/services.ts';
import { tempDir } from '../../support/temp.ts';
import { ManualClock, PASSWORD } from '../../support/vault.ts';

const WORKER = new URL('../../../main/costs/import-worker.ts', import.meta.url);

async function activityExport(rows: number, days = 30): Promise<string> {
  const path = join(tempDir(), 'activity.csv');
  const out = createWriteStream(path);
  out.write(
    'start_time,end_time,project_id,num_model_requests,api_key_id,model,batch,input_tokens,output_tokens,input_cached_tokens\n',
  );
  const first = Date.parse('2026-10-01T00:00:00Z') / 1000;
  for (let i = 0; i < rows; i += 1) {
    const start = first + (i % days) * 86_400;
    const model = ['gpt-4o-mini-2024-07-18', 'gpt-4.1', 'no-such-model-FAKE'][i % 3];
    const line = `${start},${start + 86_400},proj_FAKE${i},${1 + (i % 5)},key_FAKE${i % 4},${model},false,${1000 + i},${100 + (i % 50)},${i % 7}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

/** The rollup as the trigger would have built it, straight from the records. */
function rollupFromRecords(services: Services): unknown[] {
  return services.vault
    .session()
    .db.prepare(
      `SELECT day, provider, coalesce(key_id, CASE WHEN key_hint IS NULL THEN '' ELSE 'export:' || key_hint END) AS key_ref, model,
         count(*) AS records, sum(cost_micros IS NULL) AS unpriced_records, coalesce(sum(cost_micros), 0) AS cost_micros,
         sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cached_tokens) AS cached_tokens,
         sum(cache_write_tokens) AS cache_write_tokens, sum(requests) AS requests
       FROM usage_records GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
    .all();
}

function rollup(services: Services): unknown[] {
  return services.vault
    .session()
    .db.prepare(
      `SELECT day, provider, key_ref, model, records, unpriced_records, cost_micros, input_tokens, output_tokens, cached_tokens,
         cache_write_tokens, requests FROM usage_daily ORDER BY 1, 2, 3, 4`,
    )
    .all();
}

describe('a staged import', () => {
  it('adds imported rows to the daily rollup in bulk, alongside manual entries and across imports', async () => {
    const services = createServices({ dataDir: tempDir(), clock: new ManualClock(), kdfPolicy: 'minimum' });
    await services.vault.create(PASSWORD, 'app');
    await services.costs.usage.add(
      {
        day: '2026-10-02',
        provider: 'openai',
        model: 'gpt-4.1',
        keyId: null,
        inputTokens: 10,
        outputTokens: 5,
        cachedTokens: 0,
        cacheWriteTokens: 0,
        requests: 1,
        note: '',
      },
      'app',
    );
    const first = await services.costs.imports.preview({ file: { path: await activityExport(500) } } as never, 'cli');
    expect(first).toMatchObject({ new: 500, duplicates: 0 });
    expect(first.unpricedModels).toEqual(['no-such-model-FAKE']);
    expect(first.sample.map((row) => row.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    await services.costs.imports.commit(first.token, false, 'cli');
    // A second export overlapping the first: only its new rows count, and land in the same rollup rows.
    const second = await services.costs.imports.preview({ file: { path: await activityExport(800) } } as never, 'cli');
    expect(second).toMatchObject({ new: 300, duplicates: 500 });
    const result = await services.costs.imports.commit(second.token, false, 'cli');
    expect(result).toMatchObject({ added: 300, duplicates: 500 });
    expect(rollup(services)).toEqual(rollupFromRecords(services));
    // Undoing an import takes its rows back out of the rollup (the per-row delete trigger).
    await services.costs.imports.undo(result.importId!, 'cli');
    expect(rollup(services)).toEqual(rollupFromRecords(services));
    services.vault.lock('quit');
  });

  it('holds no write lock while it reads and stages: other writes go through meanwhile', async () => {
    const services = createServices({ dataDir: tempDir(), clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
    await services.vault.create(PASSWORD, 'app');
    const reading = services.costs.imports.preview({ file: { path: await activityExport(150_000) } } as never, 'cli');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Once, the import held BEGIN IMMEDIATE from its first row: this write waited out the
    // 5 s busy timeout and failed. The preview reads and stages holding no lock on the vault
    // (its staging file is its own), and the commit is one short transaction of staged rows.
    const started = performance.now();
    services.keys.add(
      {
        label: 'during import',
        provider: 'openai',
        secret: 'FAKE-not-a-known-format-0000',
        environment: 'prod',
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    expect(performance.now() - started).toBeLessThan(3000);
    const preview = await reading;
    expect(await services.costs.imports.commit(preview.token, false, 'cli')).toMatchObject({ added: 150_000 });
    expect(services.keys.list({}).map((key) => key.label)).toEqual(['during import']);
    services.vault.lock('quit');
  });
});
