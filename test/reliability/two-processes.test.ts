/**
 * The app and the CLI on one vault at once: the app (services in this process) writes without
 * pause while CLI processes add keys, take backups, list, and restore. No acknowledged write is
 * lost, and "database is locked" never reaches anyone: every write takes the write lock up front
 * and waits for it (busy_timeout), see main/vault/database.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createdVault, PASSWORD, servicesIn } from '../support/vault.ts';
import { cli, type CliRun } from './support/cli.ts';
import { fixtureDir, removeFixtures } from './support/fixtures.ts';
import { record } from './support/outcome.ts';
import { afterAll } from 'vitest';

afterAll(removeFixtures);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The app's side: adds keys one after another until `until` settles; returns the labels it was told were saved. */
async function appWrites(app: Services, prefix: string, until: Promise<unknown>): Promise<{ labels: string[]; errors: string[] }> {
  let done = false;
  void until.finally(() => (done = true));
  const labels: string[] = [];
  const errors: string[] = [];
  for (let i = 0; !done || i < 5; i++) {
    try {
      const label = `${prefix} ${String(i).padStart(4, '0')}`;
      app.keys.add(contract.keys.add.input.parse({ label, secret: fakeKeys.stripeTest(`${prefix}${i}`) }), 'app');
      labels.push(label);
      if (i % 3 === 0) app.settings.update({ clipboardClearSeconds: i % 2 ? 20 : 30 });
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    await pause(15);
  }
  return { labels, errors };
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
    const { labels, errors } = await appWrites(app, 'app', cliWork);
    const runs = await cliWork;
    expect(errors).toEqual([]);
    expectClean(runs);
    const stored = app.keys.list().map((k) => k.label).sort();
    expect(stored).toEqual([...labels, 'cli 0', 'cli 1', 'cli 2', 'cli 3'].sort());
    expect(app.vault.backups()).toHaveLength(2);
    app.vault.lock('quit');

    // And it all survives a reopen by a third process.
    const again = servicesIn(dir);
    await again.vault.unlock(PASSWORD, 'app');
    expect(again.keys.list().map((k) => k.label).sort()).toEqual(stored);
    again.vault.lock('quit');
    record('two-processes', { appWrites: labels.length, cliRuns: runs.length });
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
    const after = reopened.keys.list().map((k) => k.label).filter((l) => l.startsWith('app '));
    expect(reopened.keys.list().map((k) => k.label)).toContain('in the backup');
    reopened.vault.lock('quit');

    // The state the restore replaced was saved first: open that backup on its own.
    const saved = fixtureDir();
    const { cpSync } = await import('node:fs');
    cpSync(join(dir, 'backups', savedCurrentAs), saved, { recursive: true });
    const before = servicesIn(saved);
    await before.vault.unlock(PASSWORD, 'app');
    const savedLabels = before.keys.list().map((k) => k.label).filter((l) => l.startsWith('app '));
    before.vault.lock('quit');

    // Every write the app was told succeeded is in exactly one of them, and the restore split them in time.
    expect([...savedLabels, ...after].sort()).toEqual([...labels].sort());
    expect(after.length, 'writes after the restore').toBeGreaterThan(0);
    expect(savedLabels.length, 'writes before the restore').toBeGreaterThan(0);
    expect(savedLabels.sort().at(-1)! < after.sort()[0]!).toBe(true);
    record('two-processes-restore', { appWrites: labels.length, beforeRestore: savedLabels.length, afterRestore: after.length });
  });
});
