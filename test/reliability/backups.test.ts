/**
 * Backups: an encrypted backup is taken automatically before every import and every migration,
 * holding the vault as it was; the last 10 are kept; a restore puts the backup back exactly
 * (usage totals included) and never replaces anything it could not save first.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { contract } from '../../contract/index.ts';
import { BACKUPS_KEPT } from '../../main/vault/backups.ts';
import type * as Backups from '../../main/vault/backups.ts';
import { openEncrypted } from '../../main/vault/database.ts';
import { readHeader, unwrapDataKey } from '../../main/vault/header.ts';
import { deriveKek } from '../../main/vault/kdf.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';
import { createdVault, ManualClock, PASSWORD, servicesIn } from '../support/vault.ts';
import { removeFixtures } from './support/fixtures.ts';
import { record } from './support/outcome.ts';

const failing = vi.hoisted(() => ({ snapshots: false }));

// The one way to make "save the current state first" fail on demand: the disk refusing it.
vi.mock('../../main/vault/backups.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Backups>();
  return {
    ...real,
    createBackup: (...args: Parameters<typeof real.createBackup>) => {
      if (failing.snapshots && args[2] === 'before-restore')
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return real.createBackup(...args);
    },
  };
});

afterAll(removeFixtures);

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** An OpenAI activity export with one row per day given, so each file brings new records. */
function activityExport(dir: string, name: string, days: number[]): string {
  const header =
    'start_time,end_time,project_id,num_model_requests,api_key_id,model,input_tokens,output_tokens,input_cached_tokens';
  const rows = days.map(
    (d) => `${1767225600 + d * 86400},${1767312000 + d * 86400},proj_FAKE,3,key_FAKE0001,gpt-4o-mini-2024-07-18,1000,200,0`,
  );
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rows].join('\n')}\n`);
  return path;
}

async function importPath(services: Services, path: string) {
  const preview = await services.costs.imports.preview({ file: { path } }, 'cli');
  return services.costs.imports.commit(preview.token, false, 'cli');
}

/** Opens a backup directory on its own (a copy, so nothing in the vault changes) and counts what it holds. */
async function openBackup(services: Services, name: string): Promise<{ keys: number; records: number; schema: number }> {
  const dir = tempDir();
  cpSync(join(services.vault.files.backups, name), dir, { recursive: true });
  const header = readHeader(join(dir, 'vault.header.json'));
  const dataKey = unwrapDataKey(header, await deriveKek(PASSWORD, header.kdf))!;
  const db = openEncrypted(join(dir, 'vault.db'), dataKey, 'open');
  try {
    const schema = db.pragma('user_version', { simple: true }) as number;
    const has = (table: string) => db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(table) === 1;
    return {
      schema,
      keys: db.prepare('SELECT count(*) FROM keys').pluck().get() as number,
      records: has('usage_records') ? (db.prepare('SELECT count(*) FROM usage_records').pluck().get() as number) : 0,
    };
  } finally {
    db.close();
  }
}

describe('automatic backups', () => {
  it('before every import: an encrypted copy of the vault as it was; the last 10 kept', async () => {
    const clock = new ManualClock();
    const services = await createdVault(undefined, clock);
    services.keys.add(contract.keys.add.input.parse({ label: 'Platypus key', secret: fakeKeys.openaiProject('BK') }), 'app');
    const dir = tempDir();
    const made: string[] = [];
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      clock.advance(1000);
      const result = await importPath(services, activityExport(dir, `export-${i}.csv`, [i * 2, i * 2 + 1]));
      expect(result.added).toBe(2);
      expect(result.backup).toMatch(/-before-import$/);
      made.push(result.backup!);
      // The backup holds the vault as it was just before this import: the records of the earlier ones.
      if (i < 3) expect(await openBackup(services, result.backup!)).toMatchObject({ keys: 1, records: i * 2 });
    }
    const listed = services.vault.backups();
    expect(listed.map((b) => b.name)).toEqual(made.slice(-BACKUPS_KEPT));
    for (const backup of listed) {
      const bytes = readFileSync(join(services.vault.files.backups, backup.name, 'vault.db'));
      expect(bytes.includes(Buffer.from('Platypus key'))).toBe(false);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    }
    services.vault.lock('manual');
    record('backups', { imports: BACKUPS_KEPT + 2, kept: listed.length });
  });

  it('before a migration: a vault written by schema 1 is backed up as it was, then upgraded', async () => {
    const dir = tempDir();
    cpSync(join(fixtures, 'vaults', 'schema-1'), dir, { recursive: true });
    const services = servicesIn(dir);
    await services.vault.unlock(PASSWORD, 'app');
    const [backup] = services.vault.backups();
    expect(backup?.reason).toMatch(/^before-schema-\d+$/);
    const held = await openBackup(services, backup!.name);
    expect(held.schema).toBe(1);
    expect(held.keys).toBe(services.keys.list().length);
    services.vault.lock('manual');
  });
});

describe('restore', () => {
  it('puts the backup back exactly: keys, settings, usage records and their daily totals', async () => {
    const services = await createdVault();
    const dir = tempDir();
    await importPath(services, activityExport(dir, 'a.csv', [1, 2, 3]));
    services.settings.update({ theme: 'dark' });
    const backup = services.vault.backup('manual', 'app');
    const totals = () =>
      services.vault
        .session()
        .db.prepare(
          'SELECT (SELECT count(*) FROM usage_records), (SELECT coalesce(sum(records), 0) FROM usage_daily), (SELECT coalesce(sum(cost_micros), 0) FROM usage_daily)',
        )
        .raw()
        .get();
    const before = totals();
    await importPath(services, activityExport(dir, 'b.csv', [1, 4, 5, 6]));
    services.settings.update({ theme: 'light' });
    services.keys.add(contract.keys.add.input.parse({ label: 'Later', secret: fakeKeys.github('LATER') }), 'app');

    await services.vault.restore(backup.name, 'app');
    await services.vault.unlock(PASSWORD, 'app');
    expect(totals()).toEqual(before);
    expect(services.settings.get().theme).toBe('dark');
    expect(services.keys.list()).toEqual([]);
    services.vault.lock('manual');
  });

  it('refuses, and changes nothing, when the current state cannot be saved first', async () => {
    const services = await createdVault();
    const key = services.keys.add(contract.keys.add.input.parse({ label: 'Current', secret: fakeKeys.github('CUR') }), 'app');
    const backup = services.vault.backup('manual', 'app');
    services.keys.remove(key.id, 'app');
    services.vault.session().db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshotFiles(services.vault.files.dir);
    failing.snapshots = true;
    try {
      await expect(services.vault.restore(backup.name, 'app')).rejects.toMatchObject({ code: 'ENOSPC' });
    } finally {
      failing.snapshots = false;
    }
    expect(services.vault.status().state).toBe('unlocked');
    expect(services.keys.list()).toEqual([]);
    expect(services.vault.backups().map((b) => b.name)).toEqual([backup.name]);
    expect(existsSync(`${services.vault.files.db}.restoring`)).toBe(false);
    services.vault.session().db.pragma('wal_checkpoint(TRUNCATE)');
    const after = snapshotFiles(services.vault.files.dir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    services.vault.lock('manual');
  });
});
