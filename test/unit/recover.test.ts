import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { listAudit } from '../../main/audit/log.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { snapshotFiles } from '../support/temp.ts';
import { createdVault, failure, PASSWORD, servicesIn } from '../support/vault.ts';

function flipMiddleByte(path: string): Buffer {
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(path, bytes);
  return bytes;
}

/** A vault with one key in a backup and one added after it, locked, its database then damaged. */
async function damagedVault(): Promise<{ dir: string; backup: string; damagedBytes: Buffer }> {
  const services = await createdVault();
  await services.keys.add(contract.keys.add.input.parse({ label: 'In the backup', secret: fakeKeys.github('BK') }), 'app');
  const backup = services.vault.backup('manual', 'app').name;
  await services.keys.add(contract.keys.add.input.parse({ label: 'After it', secret: fakeKeys.stripeTest('AF') }), 'app');
  services.vault.lock('manual');
  const dir = services.vault.files.dir;
  return { dir, backup, damagedBytes: flipMiddleByte(join(dir, 'vault.db')) };
}

const labels = (services: Services) => services.keys.list().map((k) => k.label);

describe('recovering a vault that no longer opens', () => {
  it('puts the backup in place, keeps the damaged files aside, and the vault unlocks with the backup’s keys', async () => {
    const { dir, backup, damagedBytes } = await damagedVault();
    const services = servicesIn(dir);
    expect((await failure(() => services.vault.unlock(PASSWORD, 'app'))).code).toBe('VaultDamaged');
    // The list is there while locked: that is where the user picks the backup.
    expect(services.vault.backups().map((b) => b.name)).toEqual([backup]);

    const result = await services.vault.recover(PASSWORD, backup, 'cli');
    expect(result.restored).toBe(backup);
    expect(services.vault.status().state).toBe('locked');
    expect(readFileSync(join(result.setAsideIn, 'vault.db')).equals(damagedBytes)).toBe(true);

    await services.vault.unlock(PASSWORD, 'app');
    expect(labels(services)).toEqual(['In the backup']);
    const audit = listAudit(services.vault.session().db, { limit: 50 });
    expect(audit.find((e) => e.action === 'vault.recovered')).toMatchObject({ source: 'cli', detail: backup });
    services.vault.lock('manual');
  });

  it('checks the master password under the same growing delay, and a wrong one changes nothing', async () => {
    const { dir, backup } = await damagedVault();
    const services = servicesIn(dir);
    const before = snapshotFiles(dir);
    for (let i = 0; i < 3; i++)
      expect((await failure(() => services.vault.recover('not the password', backup, 'cli'))).code).toBe('WrongPassword');
    // Only the attempt counter moved on.
    const withoutCounter = (files: Map<string, Buffer>) =>
      new Map([...files].filter(([name]) => name !== 'unlock-attempts.json'));
    expect(withoutCounter(snapshotFiles(dir))).toEqual(withoutCounter(before));
    expect((await failure(() => services.vault.recover(PASSWORD, backup, 'cli'))).code).toBe('Throttled');
  });

  it('uses the backup’s header when the vault’s own header is damaged too', async () => {
    const { dir, backup } = await damagedVault();
    writeFileSync(join(dir, 'vault.header.json'), '{"not":"a header"}');
    const services = servicesIn(dir);
    const result = await services.vault.recover(PASSWORD, backup, 'cli');
    expect(readFileSync(join(result.setAsideIn, 'vault.header.json'), 'utf8')).toBe('{"not":"a header"}');
    await services.vault.unlock(PASSWORD, 'app');
    expect(labels(services)).toEqual(['In the backup']);
    services.vault.lock('manual');
  });

  it('refuses a backup of another vault, a damaged backup, an unknown name, and an open vault, changing nothing', async () => {
    const { dir, backup } = await damagedVault();
    const other = await createdVault();
    const foreign = other.vault.backup('manual', 'app').name;
    other.vault.lock('manual');
    cpSync(join(other.vault.files.backups, foreign), join(dir, 'backups', foreign), { recursive: true });
    const services = servicesIn(dir);
    const before = snapshotFiles(dir);
    expect((await failure(() => services.vault.recover(PASSWORD, foreign, 'cli'))).code).toBe('VaultDamaged');
    expect((await failure(() => services.vault.recover(PASSWORD, '2026-01-01T00-00-00-000Z-manual', 'cli'))).code).toBe(
      'NotFound',
    );
    expect(snapshotFiles(dir)).toEqual(before);

    flipMiddleByte(join(dir, 'backups', backup, 'vault.db'));
    const withDamagedBackup = snapshotFiles(dir);
    expect((await failure(() => services.vault.recover(PASSWORD, backup, 'cli'))).code).toBe('VaultDamaged');
    expect(snapshotFiles(dir)).toEqual(withDamagedBackup);
    expect(readdirSync(dir).some((name) => name.startsWith('damaged-'))).toBe(false);

    const healthy = await createdVault();
    const own = healthy.vault.backup('manual', 'app').name;
    expect((await failure(() => healthy.vault.recover(PASSWORD, own, 'app'))).code).toBe('Invalid');
    healthy.vault.lock('manual');
    // Locked but sound: recovering would throw away its newer state without need.
    const sound = snapshotFiles(healthy.vault.files.dir);
    expect((await failure(() => healthy.vault.recover(PASSWORD, own, 'app'))).message).toMatch(/opens and is not damaged/);
    expect(snapshotFiles(healthy.vault.files.dir)).toEqual(sound);
  });
});
