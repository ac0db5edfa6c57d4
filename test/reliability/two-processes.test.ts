/**
 * The app and the CLI on one vault at once: the app (services in this process) writes without
 * pause while CLI processes add keys, take backups, list, and restore. No acknowledged write is
 * lost, and "database is locked" never reaches anyone: every write takes the write lock up front
 * and waits for it (busy_timeout), see main/vault/database.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../contract/client.ts';
import { contract } from '../../contract/index.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createdVault, PASSWORD, servicesIn } from '../support/vault.ts';
import { budget } from '../support/budget.ts';
import { cli, type CliRun } from './support/cli.ts';
import { fixtureDir, removeFixtures } from './support/fixtures.ts';
import { record } from './support/outcome.ts';
import { afterAll } from 'vitest';

afterAll(removeFixtures);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The app's side, through the door the app uses (the router, as main/platform/ipc.ts does): adds keys one
 * after another until `until` settles. Returns the labels it was told were saved, every error it
 * was given, and the longest a write took.
 */
async function appWrites(
  app: Services,
  prefix: string,
  until: Promise<unknown>,
): Promise<{ labels: string[]; errors: string[]; slowestMs: number }> {
  const call = createRouter(createHandlers(app));
  const api = createApi((channel, input) => call(channel, input, { source: 'app' }));
  let done = false;
  void until.finally(() => (done = true));
  const labels: string[] = [];
  const errors: string[] = [];
  let slowestMs = 0;
  for (let i = 0; !done || i < 5; i++) {
    const started = performance.now();
    try {
      const label = `${prefix} ${String(i).padStart(4, '0')}`;
      await api.keys.add({ label, secret: fakeKeys.stripeTest(`${prefix}${i}`) });
      labels.push(label);
      if (i % 3 === 0) await api.settings.update({ clipboardClearSeconds: i % 2 ? 20 : 30 });
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    slowestMs = Math.max(slowestMs, performance.now() - started);
    await pause(15);
  }
  return { labels, errors, slowestMs: Math.round(slowestMs) };
}

function expectClean(runs: CliRun[]): void {
  for (const run of runs) {
    expect(run.stderr, run.args.join(' ')).not.toMatch(/locked|busy/i);
    expect(run.code, `${run.args.join(' ')}: ${run.stderr}`).toBe(0);
  }
}

describe('the app and the CLI writing one vault at once', () => {
  it('CLI adds, backups and lists against a busy app: no lost write, no busy error', async () => {
    const app = await createdVault(fixtureDir());
    const dir = app.vault.files.dir;
    const cliWork = Promise.all([
      ...Array.from({ length: 4 }, (_, i) => cli(dir, ['add', '--label', `cli ${i}`], fakeKeys.github(`cli${i}`))),
      cli(dir, ['backup', 'create']),
      cli(dir, ['backup', 'create']),
      cli(dir, ['list', '--json']),
      cli(dir, ['audit', '--limit', '5']),
    ]);
    const { labels, errors, slowestMs } = await appWrites(app, 'app', cliWork);
    const runs = await cliWork;
    expect(errors).toEqual([]);
    expectClean(runs);
    const stored = app.keys
      .list()
      .map((k) => k.label)
      .sort();
    expect(stored).toEqual([...labels, 'cli 0', 'cli 1', 'cli 2', 'cli 3'].sort());
    expect(app.vault.backups()).toHaveLength(2);
    app.vault.lock('quit');

    // And it all survives a reopen by a third process.
    const again = servicesIn(dir);
    await again.vault.unlock(PASSWORD, 'app');
    expect(
      again.keys
        .list()
        .map((k) => k.label)
        .sort(),
    ).toEqual(stored);
    again.vault.lock('quit');
    record('two-processes', { appWrites: labels.length, cliRuns: runs.length, slowestAppWriteMs: slowestMs });
  });

  it('a CLI restore while the app writes: the app’s later writes land in the restored vault, earlier ones in the saved state', async () => {
    const app = await createdVault(fixtureDir());
    const dir = app.vault.files.dir;
    app.keys.add(contract.keys.add.input.parse({ label: 'in the backup', secret: fakeKeys.github('bk') }), 'app');
    const backup = app.vault.backup('manual', 'app');
    let restore: CliRun | null = null;
    const cliWork = (async () => {
      await pause(400);
      restore = await cli(dir, ['backup', 'restore', backup.name, '--json']);
      await pause(300);
    })();
    const { labels, errors } = await appWrites(app, 'app', cliWork);
    await cliWork;
    expect(errors).toEqual([]);
    expectClean([restore!]);
    const { savedCurrentAs } = JSON.parse(restore!.stdout) as { savedCurrentAs: string };
    app.vault.lock('quit');

    const reopened = servicesIn(dir);
    await reopened.vault.unlock(PASSWORD, 'app');
    const after = reopened.keys
      .list()
      .map((k) => k.label)
      .filter((l) => l.startsWith('app '));
    expect(reopened.keys.list().map((k) => k.label)).toContain('in the backup');
    reopened.vault.lock('quit');

    // The state the restore replaced was saved first: open that backup on its own.
    const saved = fixtureDir();
    const { cpSync } = await import('node:fs');
    cpSync(join(dir, 'backups', savedCurrentAs), saved, { recursive: true });
    const before = servicesIn(saved);
    await before.vault.unlock(PASSWORD, 'app');
    const savedLabels = before.keys
      .list()
      .map((k) => k.label)
      .filter((l) => l.startsWith('app '));
    before.vault.lock('quit');

    // Every write the app was told succeeded is in exactly one of them, and the restore split them in time.
    expect([...savedLabels, ...after].sort()).toEqual([...labels].sort());
    expect(after.length, 'writes after the restore').toBeGreaterThan(0);
    expect(savedLabels.length, 'writes before the restore').toBeGreaterThan(0);
    expect(savedLabels.sort().at(-1)! < after.sort()[0]!).toBe(true);
    record('two-processes-restore', { appWrites: labels.length, beforeRestore: savedLabels.length, afterRestore: after.length });
  });

  it('a CLI import of a large export against a busy app: all of it lands, and the app never sees a busy vault', async () => {
    const app = await createdVault(fixtureDir());
    const dir = app.vault.files.dir;
    const rows = budget('KEYWARD_BIG_IMPORT_ROWS', { pr: 10_000, soak: 40_000 });
    const header =
      'start_time,end_time,project_id,num_model_requests,api_key_id,model,input_tokens,output_tokens,input_cached_tokens';
    const lines = Array.from(
      { length: rows },
      (_, i) =>
        `${1767225600 + (i % 365) * 86400},${1767312000 + (i % 365) * 86400},proj_FAKE${i},1,key_FAKE${i % 50},gpt-4o-mini-2024-07-18,${1000 + i},200,0`,
    );
    const file = join(fixtureDir(), 'big-activity.csv');
    writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
    const started = performance.now();
    const importing = cli(dir, ['usage', 'import', file, '--json']);
    const { labels, errors, slowestMs } = await appWrites(app, 'app', importing);
    const run = await importing;
    const seconds = (performance.now() - started) / 1000;
    expectClean([run]);
    expect(errors).toEqual([]);
    expect(JSON.parse(run.stdout)).toMatchObject({ added: rows });
    const db = app.vault.session().db;
    expect(db.prepare('SELECT count(*) FROM usage_records').pluck().get()).toBe(rows);
    expect(
      app.keys
        .list()
        .map((k) => k.label)
        .sort(),
    ).toEqual([...labels].sort());
    app.vault.lock('quit');
    record('two-processes-import', {
      rows,
      appWrites: labels.length,
      seconds: Math.round(seconds),
      slowestAppWriteMs: slowestMs,
    });
  });

  it('a write lock held past the 5 s wait: the app’s write is tried again and lands; no error reaches it', async () => {
    const app = await createdVault(fixtureDir());
    const call = createRouter(createHandlers(app));
    // Another connection (as another process would) takes the write lock and keeps it 5.05 s: the
    // app's first attempt gives up after busy_timeout, and the router's next attempt gets through.
    const other = app.vault.openSecondary();
    other.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT');
        other.close();
        resolve();
      }, 5_050),
    );
    const started = performance.now();
    const result = await call('keys.add', { label: 'Patient', secret: fakeKeys.github('WAIT') }, { source: 'app' });
    const waitedMs = Math.round(performance.now() - started);
    await released;
    expect(result).toMatchObject({ ok: true });
    expect(waitedMs).toBeGreaterThan(5_000);
    expect(app.keys.list().map((k) => k.label)).toEqual(['Patient']);
    app.vault.lock('quit');
    record('two-processes-busy', { waitedMs });
  });
});
