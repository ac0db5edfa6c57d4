import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../../main/services.ts';
import { tempDir } from '../../support/temp.ts';
import { ManualClock, PASSWORD } from '../../support/vault.ts';

const WORKER = new URL('../../../main/costs/import-worker.ts', import.meta.url);

async function bigExport(rows: number): Promise<string> {
  const path = join(tempDir(), 'openrouter_activity.csv');
  const out = createWriteStream(path);
  out.write('generation_id,created_at,cost_total,tokens_prompt,tokens_completion,tokens_cached,model_permaslug,api_key_name\n');
  for (let i = 0; i < rows; i += 1) {
    if (!out.write(`gen-${i}-FAKE,2026-11-${String((i % 27) + 1).padStart(2, '0')} 10:00:00.000,0.001,1000,100,0,openai/gpt-4o-mini,FAKE key\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

describe('an import running in the worker', () => {
  it('keeps the main thread free while it runs', async () => {
    const services = createServices({ dataDir: tempDir(), clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
    await services.vault.create(PASSWORD, 'app');
    const path = await bigExport(60_000);
    const preview = services.costs.preview({ file: { path } } as never, 'cli');
    // While the worker reads 60k rows, this thread keeps answering: timers fire on time.
    let ticks = 0;
    let worstGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const result = await preview;
    clearInterval(timer);
    expect(result.new).toBe(60_000);
    expect(ticks).toBeGreaterThan(10);
    // Run inline, reading 60k rows would block this thread for seconds.
    expect(worstGap).toBeLessThan(500);
    services.vault.lock('manual');
  });

  it('is stopped by a lock: nothing is written, and the vault opens cleanly afterwards', async () => {
    const dir = tempDir();
    const services = createServices({ dataDir: dir, clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
    await services.vault.create(PASSWORD, 'app');
    const path = await bigExport(150_000);
    const preview = await services.costs.preview({ file: { path } } as never, 'cli');
    const commit = services.costs.commit(preview.token, false, 'cli');
    await new Promise((resolve) => setTimeout(resolve, 700));
    services.vault.lock('manual');
    await expect(commit).rejects.toMatchObject({ code: 'Locked' });
    const again = createServices({ dataDir: dir, clock: new ManualClock(), kdfPolicy: 'minimum' });
    await again.vault.unlock(PASSWORD, 'app');
    expect(again.costs.list({ limit: 10, offset: 0 }).total).toBe(0);
    expect(again.costs.imports()).toEqual([]);
    again.vault.lock('manual');
  });
});
