import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import type { LockReason } from '../../contract/vault.ts';
import { createServices, type Services } from '../../main/services.ts';
import { createRouter } from '../../main/router.ts';
import { createHandlers } from '../../main/handlers.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { tempDir } from '../support/temp.ts';
import { ManualClock, PASSWORD } from '../support/vault.ts';

// The unlock checks the first screen's tables; the whole file is checked in a worker afterwards.
const VERIFY = new URL('../../main/vault/verify-worker.ts', import.meta.url);

function open(dir: string, verify: boolean): Services {
  return createServices({
    dataDir: dir,
    clock: new ManualClock(),
    kdfPolicy: 'minimum',
    ...(verify ? { verifyWorker: VERIFY } : {}),
  });
}

/** A vault with a key and a few thousand usage records, closed. Returns a page of usage_records. */
async function vaultWithUsage(dir: string): Promise<number> {
  const services = open(dir, false);
  await services.vault.create(PASSWORD, 'app');
  services.keys.add(
    contract.keys.add.input.parse({ label: 'Kept', provider: 'openai', secret: 'FAKE-not-a-known-format-0000' }),
    'app',
  );
  const csv = join(dir, 'usage.csv');
  const lines = ['start_time,end_time,project_id,num_model_requests,api_key_id,model,input_tokens,output_tokens'];
  for (let i = 0; i < 3000; i += 1)
    lines.push(
      `${1790000000 + (i % 30) * 86400},${1790086400 + (i % 30) * 86400},proj_FAKE${i},1,key_FAKE,gpt-4o-mini,${1000 + i},100`,
    );
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const preview = await services.costs.imports.preview({ file: { path: csv } } as never, 'cli');
  await services.costs.imports.commit(preview.token, false, 'cli');
  const pages = services.vault
    .session()
    .db.prepare("SELECT pageno FROM dbstat WHERE name = 'usage_records' ORDER BY pageno")
    .pluck()
    .all() as number[];
  services.vault.lock('quit');
  return pages[Math.floor(pages.length / 2)]!;
}

/** Flips one byte in the middle of a page: its HMAC no longer matches. */
function damagePage(dir: string, page: number): void {
  const path = join(dir, 'vault.db');
  const fd = openSync(path, 'r+');
  try {
    const at = (page - 1) * 4096 + 2000;
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    writeSync(fd, byte, 0, 1, at);
  } finally {
    closeSync(fd);
  }
  expect(statSync(path).size % 4096).toBe(0);
}

describe('the integrity check after unlock', () => {
  it('passes a sound vault and leaves it unlocked', async () => {
    const dir = tempDir();
    await vaultWithUsage(dir);
    const services = open(dir, true);
    await services.vault.unlock(PASSWORD, 'app');
    expect(await services.vault.verification()).toBe('ok');
    expect(services.vault.isUnlocked()).toBe(true);
    services.vault.lock('quit');
  });

  it('finds damage in pages the first screen does not read, locks the vault and keeps it locked', async () => {
    const dir = tempDir();
    const page = await vaultWithUsage(dir);
    damagePage(dir, page);
    const services = open(dir, true);
    const locks: LockReason[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'locked') locks.push((payload as { reason: LockReason }).reason);
    });
    // The first screen is there at once: the keys are intact.
    await services.vault.unlock(PASSWORD, 'app');
    expect(services.keys.list({}).map((key) => key.label)).toEqual(['Kept']);
    expect(await services.vault.verification()).toBe('damaged');
    expect(services.vault.isUnlocked()).toBe(false);
    expect(locks).toEqual(['damaged']);
    await expect(services.vault.unlock(PASSWORD, 'app')).rejects.toMatchObject({ code: 'VaultDamaged' });
  });

  it('a check that cannot run (its worker fails to start) is not taken for damage: the vault stays open', async () => {
    const dir = tempDir();
    await vaultWithUsage(dir);
    const services = createServices({
      dataDir: dir,
      clock: new ManualClock(),
      kdfPolicy: 'minimum',
      verifyWorker: new URL('./no-such-worker.ts', import.meta.url),
    });
    await services.vault.unlock(PASSWORD, 'app');
    expect(await services.vault.verification()).toBe('unchecked');
    expect(services.vault.isUnlocked()).toBe(true);
    services.vault.lock('quit');
    await services.vault.unlock(PASSWORD, 'app');
    services.vault.lock('quit');
  });

  it('after recovering from a backup, the vault found damaged opens again', async () => {
    const dir = tempDir();
    const page = await vaultWithUsage(dir);
    const before = open(dir, false);
    await before.vault.unlock(PASSWORD, 'app');
    const backup = before.vault.backup('manual', 'app').name;
    before.vault.lock('quit');
    damagePage(dir, page);
    const services = open(dir, true);
    await services.vault.unlock(PASSWORD, 'app');
    expect(await services.vault.verification()).toBe('damaged');
    await services.vault.recover(PASSWORD, backup, 'app');
    await services.vault.unlock(PASSWORD, 'app');
    expect(await services.vault.verification()).toBe('ok');
    expect(services.keys.list({}).map((key) => key.label)).toEqual(['Kept']);
    services.vault.lock('quit');
  });

  it('without the worker (the CLI), the unlock itself checks the whole file', async () => {
    const dir = tempDir();
    damagePage(dir, await vaultWithUsage(dir));
    await expect(open(dir, false).vault.unlock(PASSWORD, 'cli')).rejects.toMatchObject({ code: 'VaultDamaged' });
  });

  describe('started once the window is quiet', () => {
    /** The services as the app builds them: calls counted, the check's start driven by timers the test moves. */
    function openAsApp(dir: string) {
      const clock = new ManualClock();
      const timers = new ManualTimers(clock);
      const services = createServices({ dataDir: dir, clock, timers, kdfPolicy: 'minimum', verifyWorker: VERIFY });
      const call = services.activity.tracking(createRouter(createHandlers(services)));
      const window = (channel: string, input?: unknown) => call(channel, input, { source: 'app' });
      return { services, timers, window };
    }

    it('waits while the window keeps asking, then still finds damage and locks the vault', async () => {
      const dir = tempDir();
      damagePage(dir, await vaultWithUsage(dir));
      const app = openAsApp(dir);
      expect((await app.window('vault.unlock', { password: PASSWORD })).ok).toBe(true);
      // The first screen's calls, one every 100 ms: the check has not started, the vault stays open.
      for (let i = 0; i < 10; i += 1) {
        expect((await app.window('keys.list', { limit: 60 })).ok).toBe(true);
        app.timers.advance(100);
      }
      // Had it started, the damaged page would have locked the vault by now.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(app.services.vault.isUnlocked()).toBe(true);
      // A quiet moment: it starts, finds the damaged page and locks.
      app.timers.advance(1000);
      expect(await app.services.vault.verification()).toBe('damaged');
      expect(app.services.vault.isUnlocked()).toBe(false);
      await expect(app.services.vault.unlock(PASSWORD, 'app')).rejects.toMatchObject({ code: 'VaultDamaged' });
    });

    it('starts anyway when the window never stops asking', async () => {
      const dir = tempDir();
      await vaultWithUsage(dir);
      const app = openAsApp(dir);
      await app.window('vault.unlock', { password: PASSWORD });
      for (let i = 0; i < 120; i += 1) {
        await app.window('vault.status');
        app.timers.advance(100);
      }
      expect(await app.services.vault.verification()).toBe('ok');
      app.services.vault.lock('quit');
    });

    it('a lock while it waits cancels it: nothing runs, the next unlock checks afresh', async () => {
      const dir = tempDir();
      damagePage(dir, await vaultWithUsage(dir));
      const app = openAsApp(dir);
      await app.window('vault.unlock', { password: PASSWORD });
      await app.window('vault.lock');
      expect(await app.services.vault.verification()).toBe('stopped');
      expect(app.timers.pendingCount).toBe(0);
      // Not taken for damage: the vault opens again, and this time the check runs and finds it.
      await app.window('vault.unlock', { password: PASSWORD });
      expect(app.services.vault.isUnlocked()).toBe(true);
      app.timers.advance(1000);
      expect(await app.services.vault.verification()).toBe('damaged');
    });
  });
});
