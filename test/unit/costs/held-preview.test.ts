import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { STAGING_PREFIX } from '../../../main/costs/import-job.ts';
import { createServices, type Services } from '../../../main/services.ts';
import { PickedPaths } from '../../../preload/picked-paths.ts';
import { tempDir } from '../../support/temp.ts';
import { createdVault, ManualClock, PASSWORD } from '../../support/vault.ts';

/**
 * A preview holds its staged rows (an encrypted staging file beside the vault, and in the app
 * its worker) until the commit; a discard, a lock or a newer preview frees them. A re-import is
 * recognised from the rows' identities before anything is staged.
 */
const WORKER = new URL('../../../main/costs/import-worker.ts', import.meta.url);

async function activityExport(rows: number, from = 0): Promise<string> {
  const path = join(tempDir(), `activity-${from}-${rows}.csv`);
  const out = createWriteStream(path);
  out.write(
    'start_time,end_time,project_id,num_model_requests,api_key_id,model,batch,input_tokens,output_tokens,input_cached_tokens\n',
  );
  const first = Date.parse('2026-10-01T00:00:00Z') / 1000;
  for (let i = from; i < from + rows; i += 1) {
    const start = first + (i % 30) * 86_400;
    const line = `${start},${start + 86_400},proj_FAKE${i},1,key_FAKE${i % 4},gpt-4.1,false,${1000 + i},100,0\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

const stagingFiles = (services: Services) =>
  readdirSync(services.vault.files.dir).filter((name) => name.startsWith(STAGING_PREFIX));

async function workerVault(): Promise<Services> {
  const services = createServices({ dataDir: tempDir(), clock: new ManualClock(), kdfPolicy: 'minimum', importWorker: WORKER });
  await services.vault.create(PASSWORD, 'app');
  return services;
}

const preview = (services: Services, path: string) => services.costs.imports.preview({ file: { path } } as never, 'cli');

describe('a held preview', () => {
  it('a re-import is found from the identities: nothing is staged, and its commit writes nothing', async () => {
    const services = await createdVault();
    const path = await activityExport(3_000);
    const first = await preview(services, path);
    expect(await services.costs.imports.commit(first.token, false, 'cli')).toMatchObject({ added: 3_000 });
    const imports = services.costs.imports.list();

    const again = await preview(services, path);
    expect(again).toMatchObject({ rows: 3_000, new: 0, duplicates: 3_000, sample: [] });
    expect(stagingFiles(services)).toEqual([]);
    expect(await services.costs.imports.commit(again.token, false, 'cli')).toMatchObject({
      importId: null,
      added: 0,
      duplicates: 3_000,
      backup: null,
    });
    expect(services.costs.imports.list()).toEqual(imports);

    // An overlapping export stages only its new rows: the sample starts with the first new one.
    const overlapping = await preview(services, await activityExport(1_000, 2_500));
    expect(overlapping).toMatchObject({ new: 500, duplicates: 500 });
    expect(overlapping.sample[0]).toMatchObject({ line: 502 });
    expect(await services.costs.imports.commit(overlapping.token, false, 'cli')).toMatchObject({ added: 500 });
    services.vault.lock('quit');
  });

  it('a discard frees the staged rows: the worker ends, the staging file is deleted, the token is refused', async () => {
    const services = await workerVault();
    const held = await preview(services, await activityExport(20_000));
    expect(held.new).toBe(20_000);
    const [file] = stagingFiles(services);
    expect(file).toBeDefined();
    // Encrypted under a key only the worker held: no row text in it.
    const staged = join(services.vault.files.dir, file!);
    expect(statSync(staged).size).toBeGreaterThan(100_000);
    const bytes = readFileSync(staged);
    expect(bytes.includes('gpt-4.1')).toBe(false);
    expect(bytes.includes('key_FAKE')).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(services.costs.imports.discard(held.token)).toEqual({ discarded: true });
    await vi.waitFor(() => expect(stagingFiles(services)).toEqual([]), { timeout: 10_000 });
    await expect(services.costs.imports.commit(held.token, false, 'cli')).rejects.toMatchObject({ code: 'NotFound' });
    expect(services.costs.usage.list({ limit: 1, offset: 0 }).total).toBe(0);
    services.vault.lock('quit');
  });

  it('a lock frees every held preview; after the unlock their tokens are refused and nothing was written', async () => {
    const services = await workerVault();
    const held = await preview(services, await activityExport(5_000));
    expect(stagingFiles(services)).toHaveLength(1);
    services.vault.lock('manual');
    await vi.waitFor(() => expect(stagingFiles(services)).toEqual([]), { timeout: 10_000 });
    await services.vault.unlock(PASSWORD, 'app');
    await expect(services.costs.imports.commit(held.token, false, 'cli')).rejects.toMatchObject({ code: 'NotFound' });
    expect(services.costs.usage.list({ limit: 1, offset: 0 }).total).toBe(0);
    services.vault.lock('quit');
  });

  it('an expired preview frees its staged rows by itself, with no other call', async () => {
    const services = await createdVault();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const held = await preview(services, await activityExport(100));
      expect(stagingFiles(services)).toHaveLength(1);
      vi.advanceTimersByTime(29 * 60_000);
      expect(stagingFiles(services)).toHaveLength(1);
      vi.advanceTimersByTime(2 * 60_000);
      expect(stagingFiles(services)).toEqual([]);
      await expect(services.costs.imports.commit(held.token, false, 'cli')).rejects.toMatchObject({ code: 'NotFound' });
    } finally {
      vi.useRealTimers();
    }
    services.vault.lock('quit');
  });

  it('holds at most two previews: a third frees the oldest', async () => {
    const services = await createdVault();
    const a = await preview(services, await activityExport(100, 0));
    const b = await preview(services, await activityExport(100, 1_000));
    const c = await preview(services, await activityExport(100, 2_000));
    expect(stagingFiles(services)).toHaveLength(2);
    await expect(services.costs.imports.commit(a.token, false, 'cli')).rejects.toMatchObject({ code: 'NotFound' });
    expect(await services.costs.imports.commit(b.token, false, 'cli')).toMatchObject({ added: 100 });
    expect(await services.costs.imports.commit(c.token, false, 'cli')).toMatchObject({ added: 100 });
    expect(stagingFiles(services)).toEqual([]);
    services.vault.lock('quit');
  });

  it('a bulk load builds the secondary indexes again, exactly as the migrations define them', async () => {
    const services = await workerVault();
    const db = services.vault.session().db;
    const indexes = () =>
      db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_records' ORDER BY name").all();
    const before = indexes();
    expect(before.length).toBeGreaterThanOrEqual(4);
    const held = await preview(services, await activityExport(25_000));
    expect(await services.costs.imports.commit(held.token, false, 'cli')).toMatchObject({ added: 25_000 });
    expect(indexes()).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // And a small import into the now larger table keeps them as they are (no rebuild).
    const small = await preview(services, await activityExport(10, 25_000));
    expect(await services.costs.imports.commit(small.token, false, 'cli')).toMatchObject({ added: 10 });
    expect(indexes()).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    services.vault.lock('quit');
  });

  it('rows repeated within the file count once, in the preview, the records and the daily rollup', async () => {
    const services = await createdVault();
    const path = await activityExport(400);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, `${[...lines, ...lines.slice(1, 101)].join('\n')}\n`);
    const held = await preview(services, path);
    expect(held).toMatchObject({ rows: 500, new: 400, duplicates: 100 });
    expect(await services.costs.imports.commit(held.token, false, 'cli')).toMatchObject({ added: 400 });
    const db = services.vault.session().db;
    const fromRecords = db
      .prepare(
        `SELECT day, model, count(*) AS records, coalesce(sum(cost_micros), 0) AS cost, sum(input_tokens) AS input
         FROM usage_records GROUP BY day, provider, key_id, key_hint, model ORDER BY 1, 2, 3, 4, 5`,
      )
      .all();
    const rollup = db
      .prepare('SELECT day, model, records, cost_micros AS cost, input_tokens AS input FROM usage_daily ORDER BY 1, 2, 3, 4, 5')
      .all();
    expect(rollup).toEqual(fromRecords);
    services.vault.lock('quit');
  });

  it('sweeps staging files a crash left behind, and only stale ones', async () => {
    const services = await createdVault();
    const dir = services.vault.files.dir;
    const stale = join(dir, `${STAGING_PREFIX}left-by-a-crash.db`);
    const recent = join(dir, `${STAGING_PREFIX}another-process.db`);
    writeFileSync(stale, 'x');
    writeFileSync(recent, 'x');
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000);
    utimesSync(stale, threeHoursAgo, threeHoursAgo);
    await preview(services, await activityExport(10));
    expect(stagingFiles(services)).toContain(`${STAGING_PREFIX}another-process.db`);
    expect(stagingFiles(services)).not.toContain(`${STAGING_PREFIX}left-by-a-crash.db`);
    services.vault.lock('quit');
  });
});

describe("the preload's picked paths", () => {
  it('lets a preview through with bytes or a path Electron gave for a picked file, and nothing else', () => {
    const picked = new PickedPaths();
    expect(picked.grant('')).toBeNull();
    expect(picked.grant('/home/user/Downloads/activity.csv')).toBe('/home/user/Downloads/activity.csv');
    expect(picked.allows({ file: { path: '/home/user/Downloads/activity.csv' } })).toBe(true);
    expect(picked.allows({ file: { name: 'activity.csv', base64: 'AAAA' } })).toBe(true);
    expect(picked.allows({ file: { path: '/home/user/.ssh/id_ed25519' } })).toBe(false);
    expect(picked.allows({ file: { path: ['/home/user/Downloads/activity.csv'] } })).toBe(false);
  });
});
