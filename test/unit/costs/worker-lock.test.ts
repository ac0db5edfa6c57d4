import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimAbort, claimCommit } from '../../../main/costs/commit-gate.ts';
import { createServices } from '../../../main/services.ts';
import { tempDir } from '../../support/temp.ts';
import { ManualClock, PASSWORD } from '../../support/vault.ts';

const WORKER = new URL('../../../main/costs/import-worker.ts', import.meta.url);

async function bigExport(rows: number): Promise<string> {
  const path = join(tempDir(), 'openrouter_activity.csv');
  const out = createWriteStream(path);
  out.write('generation_id,created_at,cost_total,tokens_prompt,tokens_completion,tokens_cached,model_permaslug,api_key_name\n');
  for (let i = 0; i < rows; i += 1) {
    if (
      !out.write(
        `gen-${i}-FAKE,2026-11-${String((i % 27) + 1).padStart(2, '0')} 10:00:00.000,0.001,1000,100,0,openai/gpt-4o-mini,FAKE key\n`,
      )
    )
      await once(out, 'drain');
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
    const preview = services.costs.imports.preview({ file: { path } } as never, 'cli');
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

  // Wherever the lock lands (reading, pricing, staging, or the commit itself), the user is told
  // the truth: "stopped, nothing saved" with nothing saved, or the result with every row saved.
  it.each([0, 250, 800, 1600, 4000])(
    'a lock %i ms into a commit either stops it with nothing written or lets it finish whole',
    async (delay) => {
      const dir = tempDir();
      const services = createServices({ dataDir: dir, clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
      await services.vault.create(PASSWORD, 'app');
      const path = await bigExport(60_000);
      const preview = await services.costs.imports.preview({ file: { path } } as never, 'cli');
      const commit = services.costs.imports.commit(preview.token, false, 'cli').then(
        (result) => ({ saved: true as const, added: result.added }),
        (error: unknown) => ({ saved: false as const, error }),
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      services.vault.lock('manual');
      const outcome = await commit;
      const again = createServices({ dataDir: dir, clock: new ManualClock(), kdfPolicy: 'minimum' });
      await again.vault.unlock(PASSWORD, 'app');
      if (outcome.saved) {
        expect(outcome.added).toBe(60_000);
        expect(again.costs.usage.list({ limit: 10, offset: 0 }).total).toBe(60_000);
        expect(again.costs.imports.list()).toHaveLength(1);
      } else {
        expect(outcome.error).toMatchObject({ code: 'Locked' });
        expect(again.costs.usage.list({ limit: 10, offset: 0 }).total).toBe(0);
        expect(again.costs.imports.list()).toEqual([]);
      }
      again.vault.lock('manual');
    },
  );

  it('a lock as the commit starts stops it: nothing is written, and the vault opens cleanly afterwards', async () => {
    const dir = tempDir();
    const services = createServices({ dataDir: dir, clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
    await services.vault.create(PASSWORD, 'app');
    const path = await bigExport(60_000);
    const preview = await services.costs.imports.preview({ file: { path } } as never, 'cli');
    const commit = services.costs.imports.commit(preview.token, false, 'cli');
    // The worker has just been started; reading 60k rows takes it far longer than this.
    await new Promise((resolve) => setImmediate(resolve));
    services.vault.lock('manual');
    await expect(commit).rejects.toMatchObject({ code: 'Locked' });
    const again = createServices({ dataDir: dir, clock: new ManualClock(), kdfPolicy: 'minimum' });
    await again.vault.unlock(PASSWORD, 'app');
    expect(again.costs.usage.list({ limit: 10, offset: 0 }).total).toBe(0);
    expect(again.costs.imports.list()).toEqual([]);
    again.vault.lock('manual');
  });
});

describe('the commit gate', () => {
  it('lets exactly one side win: a claimed commit cannot be aborted, an aborted job cannot commit', () => {
    const committing = new Int32Array(new SharedArrayBuffer(4));
    expect(claimCommit(committing)).toBe(true);
    expect(claimAbort(committing)).toBe(false);
    const aborted = new Int32Array(new SharedArrayBuffer(4));
    expect(claimAbort(aborted)).toBe(true);
    expect(claimCommit(aborted)).toBe(false);
  });
});
