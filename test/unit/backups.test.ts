import { cpSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { listAudit } from '../../main/audit/log.ts';
import { BACKUPS_KEPT } from '../../main/vault/backups.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';
import { createdVault, failure, ManualClock, PASSWORD, servicesIn } from '../support/vault.ts';

function add(services: Services, label: string, secret: string) {
  return services.keys.add(contract.keys.add.input.parse({ label, secret }), 'app');
}

describe('backups', () => {
  it('are listed oldest first with their reason and size, and only the last ten are kept', async () => {
    const clock = new ManualClock();
    const services = await createdVault(undefined, clock);
    for (let i = 0; i < BACKUPS_KEPT + 2; i++) {
      clock.advance(1000);
      services.vault.backup(i % 2 ? 'manual' : 'before-import', 'app');
    }
    const list = services.vault.backups();
    expect(list).toHaveLength(BACKUPS_KEPT);
    expect(list.map((b) => b.createdAt)).toEqual([...list.map((b) => b.createdAt)].sort());
    expect(list.at(-1)).toMatchObject({ reason: 'manual', createdAt: clock.now().toISOString() });
    expect(list.every((b) => b.sizeBytes > 0)).toBe(true);
    services.vault.lock('manual');
  });

  it('never lists a half-written backup', async () => {
    const services = await createdVault();
    mkdirSync(join(services.vault.files.backups, '.partial-abcd'), { recursive: true });
    writeFileSync(join(services.vault.files.backups, '.partial-abcd', 'vault.db'), 'half');
    expect(services.vault.backups()).toEqual([]);
    services.vault.lock('manual');
  });

  it('clear away what a process killed mid-backup left, but not a backup another process is writing now', async () => {
    const services = await createdVault();
    const dir = services.vault.files.backups;
    for (const name of ['.partial-old1', '.partial-new1']) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'vault.db'), 'half');
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    utimesSync(join(dir, '.partial-old1'), twoHoursAgo, twoHoursAgo);
    services.vault.backup('manual', 'app');
    expect(readdirSync(dir).filter((name) => name.startsWith('.partial-'))).toEqual(['.partial-new1']);
    services.vault.lock('manual');
  });

  it('are encrypted: no label or secret in a backup file', async () => {
    const services = await createdVault();
    const secret = fakeKeys.openaiProject('backup');
    add(services, 'Platypus label', secret);
    const info = services.vault.backup('manual', 'app');
    const bytes = readFileSync(join(services.vault.files.backups, info.name, 'vault.db'));
    expect(bytes.includes(Buffer.from('Platypus label'))).toBe(false);
    expect(bytes.includes(Buffer.from(secret))).toBe(false);
    services.vault.lock('manual');
  });
});

describe('restore', () => {
  it('round trip: the data comes back, the state before is kept as a backup, and the vault locks', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    const kept = add(services, 'Kept', fakeKeys.github('a'));
    const backup = services.vault.backup('manual', 'app');
    const later = add(services, 'Added later', fakeKeys.github('b'));
    services.keys.remove(kept.id, 'app');

    const result = await services.vault.restore(backup.name, 'app');
    expect(services.vault.status().state).toBe('locked');
    expect(result.savedCurrentAs).toMatch(/-before-restore$/);

    await services.vault.unlock(PASSWORD, 'app');
    expect(services.keys.list().map((k) => k.id)).toEqual([kept.id]);
    expect(services.keys.reveal(kept.id, 'app').secret).toBe(fakeKeys.github('a'));
    const audit = listAudit(services.vault.session().db, { limit: 100 });
    expect(audit.find((e) => e.action === 'vault.restored')).toMatchObject({ detail: backup.name });

    // Restoring the saved state undoes the restore.
    await services.vault.restore(result.savedCurrentAs, 'app');
    await services.vault.unlock(PASSWORD, 'app');
    expect(services.keys.list().map((k) => k.id)).toEqual([later.id]);
    services.vault.lock('manual');
  });

  it('keeps the audit log whole: what happened after the backup is still recorded, and so is the restore', async () => {
    const services = await createdVault();
    const key = add(services, 'Watched', fakeKeys.github('w'));
    const backup = services.vault.backup('manual', 'app');
    services.keys.reveal(key.id, 'app');
    await services.vault.restore(backup.name, 'app');
    await services.vault.unlock(PASSWORD, 'app');
    const actions = listAudit(services.vault.session().db, { limit: 100 }).map((e) => e.action);
    expect(actions).toContain('key.revealed');
    expect(actions.indexOf('vault.restored')).toBeLessThan(actions.indexOf('key.revealed'));
    services.vault.lock('manual');
  });

  it('opens with the current password after a password change', async () => {
    const services = await createdVault();
    add(services, 'Before', fakeKeys.github('c'));
    const backup = services.vault.backup('manual', 'app');
    await services.vault.changePassword(PASSWORD, 'the newer password', 'app');
    await services.vault.restore(backup.name, 'app');
    await services.vault.unlock('the newer password', 'app');
    expect(services.keys.list().map((k) => k.label)).toEqual(['Before']);
    services.vault.lock('manual');
  });

  it('refuses a damaged backup or one from another vault, and changes nothing', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    add(services, 'Current', fakeKeys.github('d'));
    const backup = services.vault.backup('manual', 'app');
    const backupDb = join(services.vault.files.backups, backup.name, 'vault.db');
    const original = readFileSync(backupDb);
    const damaged = Buffer.from(original);
    damaged[original.length - 100]! ^= 0xff;
    writeFileSync(backupDb, damaged);

    services.vault.session().db.pragma('wal_checkpoint(TRUNCATE)');
    const before = snapshotFiles(dir);
    expect((await failure(() => services.vault.restore(backup.name, 'app'))).code).toBe('VaultDamaged');
    expect(services.vault.status().state).toBe('unlocked');
    expect(snapshotFiles(dir)).toEqual(before);

    const other = await createdVault();
    const foreign = other.vault.backup('manual', 'app');
    other.vault.lock('manual');
    cpSync(join(other.vault.files.backups, foreign.name), join(services.vault.files.backups, foreign.name), { recursive: true });
    expect((await failure(() => services.vault.restore(foreign.name, 'app'))).code).toBe('VaultDamaged');
    expect(services.keys.list().map((k) => k.label)).toEqual(['Current']);

    expect((await failure(() => services.vault.restore('2026-01-01T00-00-00-000Z-manual', 'app'))).code).toBe('NotFound');
    services.vault.lock('manual');
  });

  it('requires the vault to be unlocked', async () => {
    const services = await createdVault();
    const backup = services.vault.backup('manual', 'app');
    services.vault.lock('manual');
    expect((await failure(() => services.vault.restore(backup.name, 'app'))).code).toBe('Locked');
    expect(() => servicesIn(services.vault.files.dir).vault.backup('manual', 'app')).toThrow(/locked/);
  });
});
