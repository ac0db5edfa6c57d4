import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { listAudit } from '../../main/audit/log.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createdVault, failure, ManualClock, PASSWORD, servicesIn } from '../support/vault.ts';

// Issue 18, item 1: a password change gives the vault a new data key.

const NEW_PASSWORD = 'the password after the change';
const NEWER_PASSWORD = 'and the one after that';

async function add(services: Services, label: string, secret: string) {
  return services.keys.add(contract.keys.add.input.parse({ label, secret }), 'app');
}

const labels = (services: Services) =>
  services.keys
    .list()
    .map((k) => k.label)
    .sort();

/** A vault with a key in a backup taken before a password change, and a key added after the change. */
async function changedVault() {
  const clock = new ManualClock();
  const services = await createdVault(undefined, clock);
  const before = await add(services, 'before the change', fakeKeys.github('BEFORE'));
  clock.advance(1000);
  const oldBackup = services.vault.backup('manual', 'app').name;
  clock.advance(1000);
  const result = await services.vault.changePassword(PASSWORD, NEW_PASSWORD, 'app');
  clock.advance(1000);
  const after = await add(services, 'after the change', fakeKeys.stripeTest('AFTER'));
  services.vault.lock('manual');
  return { dir: services.vault.files.dir, clock, oldBackup, before, after, result };
}

describe('changing the master password', () => {
  it('an old header put back with the old password no longer opens the vault (the attack of the review)', async () => {
    const { dir, oldBackup } = await changedVault();
    copyFileSync(join(dir, 'backups', oldBackup, 'vault.header.json'), join(dir, 'vault.header.json'));
    const attacker = servicesIn(dir);
    const error = await failure(() => attacker.vault.unlock(PASSWORD, 'cli'));
    // Today's main opened it and showed the key added after the change.
    expect(['VaultDamaged', 'WrongPassword']).toContain(error.code);
    expect(attacker.vault.status().state).toBe('locked');
  });

  it('keeps every key readable under the new password, and says how many backups keep the old one', async () => {
    const { dir, before, after, result } = await changedVault();
    expect(result.olderBackups).toBe(1);
    const services = servicesIn(dir);
    expect((await failure(() => services.vault.unlock(PASSWORD, 'app'))).code).toBe('WrongPassword');
    await services.vault.unlock(NEW_PASSWORD, 'app');
    expect(services.keys.reveal(before.id, 'app').secret).toBe(fakeKeys.github('BEFORE'));
    expect(services.keys.reveal(after.id, 'app').secret).toBe(fakeKeys.stripeTest('AFTER'));
    // One backup under the new password, taken by the change itself.
    expect(services.vault.backups().map((b) => b.reason)).toEqual(['manual', 'after-password-change']);
    const actions = listAudit(services.vault.session().db, { limit: 20 }).map((e) => e.action);
    expect(actions).toContain('vault.password-changed');
    services.vault.lock('manual');
  });

  it('restores a backup taken before one or two changes; the current password opens the result', async () => {
    const { dir, clock, oldBackup, before } = await changedVault();
    const services = servicesIn(dir, clock);
    await services.vault.unlock(NEW_PASSWORD, 'app');
    clock.advance(1000);
    await services.vault.changePassword(NEW_PASSWORD, NEWER_PASSWORD, 'app');
    await services.vault.restore(oldBackup, 'app');
    await services.vault.unlock(NEWER_PASSWORD, 'app');
    expect(labels(services)).toEqual(['before the change']);
    expect(services.keys.reveal(before.id, 'app').secret).toBe(fakeKeys.github('BEFORE'));
    services.vault.lock('manual');
  });

  it('recovers a damaged header and database from an old backup with the current password, not the old one', async () => {
    const { dir, oldBackup, before } = await changedVault();
    writeFileSync(join(dir, 'vault.header.json'), '{"damaged":true}');
    const db = readFileSync(join(dir, 'vault.db'));
    db[Math.floor(db.length / 2)]! ^= 0xff;
    writeFileSync(join(dir, 'vault.db'), db);
    const services = servicesIn(dir);
    await services.vault.recover(NEW_PASSWORD, oldBackup, 'cli');
    await services.vault.unlock(NEW_PASSWORD, 'app');
    expect(labels(services)).toEqual(['before the change']);
    expect(services.keys.reveal(before.id, 'app').secret).toBe(fakeKeys.github('BEFORE'));
    services.vault.lock('manual');
    // The old password is no way in, to the recovered vault either.
    expect((await failure(() => servicesIn(dir).vault.unlock(PASSWORD, 'app'))).code).toBe('WrongPassword');
  });

  it('recovers a damaged database from a backup taken before the change, with the current header', async () => {
    const { dir, oldBackup, before } = await changedVault();
    const db = readFileSync(join(dir, 'vault.db'));
    db[Math.floor(db.length / 2)]! ^= 0xff;
    writeFileSync(join(dir, 'vault.db'), db);
    const services = servicesIn(dir);
    await services.vault.recover(NEW_PASSWORD, oldBackup, 'cli');
    await services.vault.unlock(NEW_PASSWORD, 'app');
    expect(services.keys.reveal(before.id, 'app').secret).toBe(fakeKeys.github('BEFORE'));
    services.vault.lock('manual');
  });
});

describe('a password change while the vault is open elsewhere', () => {
  it('is refused with nothing changed (the other process would find every page unreadable), and goes through once it is closed', async () => {
    const services = await createdVault();
    const { files } = services.vault;
    const secret = await add(services, 'k', fakeKeys.github('ELSEWHERE'));
    const app = servicesIn(files.dir);
    await app.vault.unlock(PASSWORD, 'app');
    const header = readFileSync(files.header);
    const error = await failure(() => services.vault.changePassword(PASSWORD, NEW_PASSWORD, 'cli'));
    expect(error.code).toBe('Busy');
    expect(error.message).toMatch(/open elsewhere/);
    expect(readFileSync(files.header).equals(header)).toBe(true);
    // Both sessions go on as before.
    expect(app.keys.reveal(secret.id, 'app').secret).toBe(fakeKeys.github('ELSEWHERE'));
    await add(services, 'after the refusal', fakeKeys.stripeTest('REFUSED'));
    app.vault.lock('manual');
    await services.vault.changePassword(PASSWORD, NEW_PASSWORD, 'cli');
    // And the lock is let go afterwards: another process can open the vault again.
    const later = servicesIn(files.dir);
    await later.vault.unlock(NEW_PASSWORD, 'app');
    expect(labels(later)).toEqual(['after the refusal', 'k']);
    later.vault.lock('manual');
    services.vault.lock('manual');
  });
});

describe('a password change right after an unlock in the app', () => {
  it('waits for the background integrity check to let go of the vault, then changes it; the vault stays open', async () => {
    const { createServices } = await import('../../main/services.ts');
    const services = await createdVault();
    const { files } = services.vault;
    const key = await add(services, 'k', fakeKeys.github('VERIFY'));
    services.vault.lock('manual');
    const app = createServices({
      dataDir: files.dir,
      clock: new ManualClock(),
      kdfPolicy: 'minimum',
      verifyWorker: new URL('../../main/vault/verify-worker.ts', import.meta.url),
    });
    await app.vault.unlock(PASSWORD, 'app');
    await app.vault.changePassword(PASSWORD, NEW_PASSWORD, 'app');
    expect(app.vault.status().state).toBe('unlocked');
    expect(app.keys.reveal(key.id, 'app').secret).toBe(fakeKeys.github('VERIFY'));
    app.vault.lock('manual');
    await servicesIn(files.dir).vault.unlock(NEW_PASSWORD, 'app');
  });
});

describe('a wrong current password in a password change (item 3)', () => {
  it('is throttled like an unlock and recorded in the audit log', async () => {
    const services = await createdVault();
    for (let i = 0; i < 3; i++) {
      expect((await failure(() => services.vault.changePassword(`guess ${i}`, NEW_PASSWORD, 'app'))).code).toBe('WrongPassword');
    }
    // The 4th try waits, even with the right password: no free guessing in an unlocked session.
    const throttled = await failure(() => services.vault.changePassword(PASSWORD, NEW_PASSWORD, 'app'));
    expect(throttled.code).toBe('Throttled');
    const actions = listAudit(services.vault.session().db, { limit: 20 }).map((e) => e.action);
    expect(actions.filter((a) => a === 'vault.password-change-failed')).toHaveLength(3);
    services.vault.lock('manual');
  });
});
