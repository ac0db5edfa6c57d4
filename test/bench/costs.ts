/**
 * `npm run bench`: the cost tracker at scale, on generated data in a temp vault.
 *  1. import: a generated OpenRouter per-request export (default 100k rows), previewed and
 *     committed inline and in the worker; rows per second.
 *  2. views: 1,000,000 usage records over a year; p50/p95 of month-by-model totals and the
 *     90-day daily series (the Costs tab's two heaviest reads), which have a p95 target < 100 ms.
 * Sizes: BENCH_IMPORT_ROWS, BENCH_RECORDS.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createServices, type Services } from '../../main/services.ts';
import { addDays } from '../../main/costs/calendar.ts';

const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const PASSWORD = 'bench password 0000';
const root = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
const clock = { now: () => new Date('2026-12-31T12:00:00Z') };

async function vault(name: string, worker: boolean): Promise<Services> {
  const services = createServices({
    dataDir: join(root, name),
    clock,
    kdfPolicy: 'minimum',
    ...(worker ? { importWorker: new URL('../../main/costs/import-worker.ts', import.meta.url) } : {}),
  });
  await services.vault.create(PASSWORD, 'cli');
  return services;
}

async function generateExport(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(
    'generation_id,created_at,cost_total,cost_web_search,cost_cache,cost_file_processing,byok_usage_inference,tokens_prompt,tokens_completion,tokens_reasoning,tokens_cached,model_permaslug,provider_name,variant,cancelled,streamed,user,finish_reason_raw,finish_reason_normalized,generation_time_ms,time_to_first_token_ms,api_key_disabled,api_key_name,app_name\n',
  );
  const models = ['anthropic/claude-sonnet-4.5-20250929', 'openai/gpt-4o-mini', 'google/gemini-2.5-flash', 'deepseek/deepseek-chat', 'openai/gpt-oss-120b'];
  for (let i = 0; i < rows; i += 1) {
    const day = addDays('2026-01-01', i % 365);
    const line = `gen-${i}-FAKE,${day} ${String(i % 24).padStart(2, '0')}:00:00.000,0.00${(i % 97) + 1},0,0,0,0,${1000 + (i % 5000)},${100 + (i % 900)},0,${i % 500},${models[i % models.length]},Upstream,standard,false,true,,stop,stop,1200,300,false,FAKE key ${i % 20},bench\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function benchImport(label: string, services: Services, path: string): Promise<void> {
  const t0 = performance.now();
  const preview = await services.costs.preview({ file: { path } } as never, 'cli');
  const t1 = performance.now();
  const result = await services.costs.commit(preview.token, false, 'cli');
  const t2 = performance.now();
  const rate = (ms: number) => Math.round((IMPORT_ROWS / ms) * 1000).toLocaleString('en');
  console.log(
    `import ${label}: preview ${(t1 - t0).toFixed(0)} ms (${rate(t1 - t0)} rows/s), commit incl. backup ${(t2 - t1).toFixed(0)} ms (${rate(t2 - t1)} rows/s); added ${result.added}`,
  );
}

/** A year of usage: 20 keys over 5 providers, each key with its own 3 models. */
function fillRecords(services: Services, count: number): void {
  const { db } = services.vault.session();
  const providers = ['openai', 'anthropic', 'google', 'deepseek', 'openrouter'];
  const insert = db.prepare(
    `INSERT INTO usage_records (identity, day, provider, key_hint, model, model_raw, input_tokens, output_tokens, requests, cost_micros, cost_basis, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 'given', 't')`,
  );
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const key = i % 20;
      const model = `model-${key}-${(i >> 5) % 3}`;
      insert.run(randomBytes(16), addDays('2026-01-01', Math.floor((i / count) * 365)), providers[key % 5], `key-${key}`, model, model, 1000 + (i % 999), 100 + (i % 99), 100 + (i % 9000));
    }
  })();
}

function percentiles(label: string, run: () => unknown, times = 50): void {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!.toFixed(1);
  console.log(`${label}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${times} runs)`);
}

try {
  const file = join(root, 'openrouter_activity.csv');
  await generateExport(file, IMPORT_ROWS);
  console.log(`generated ${IMPORT_ROWS.toLocaleString('en')} rows, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`);
  const inline = await vault('inline', false);
  await benchImport('inline', inline, file);
  inline.vault.lock('quit');
  const worker = await vault('worker', true);
  await benchImport('worker', worker, file);
  worker.vault.lock('quit');

  const big = await vault('views', false);
  const t = performance.now();
  fillRecords(big, RECORDS);
  const rollupRows = big.vault.session().db.prepare('SELECT count(*) FROM usage_daily').pluck().get() as number;
  console.log(`inserted ${RECORDS.toLocaleString('en')} records in ${((performance.now() - t) / 1000).toFixed(1)} s; rollup ${rollupRows.toLocaleString('en')} rows`);
  percentiles('month by model (costs.summary)', () => big.costs.summary({ month: '2026-07', by: 'model' }));
  percentiles('90-day daily series + spikes (costs.overview, days 90)', () => big.costs.overview({ month: '2026-12', days: 90 }));
  percentiles('key spend for the cards (costs.keySpend)', () => big.costs.keySpend('2026-07'));
  percentiles('100 newest records of a month (usage.list)', () => big.costs.list({ month: '2026-07', limit: 100, offset: 0 }));
  big.vault.lock('quit');
} finally {
  rmSync(root, { recursive: true, force: true });
}
