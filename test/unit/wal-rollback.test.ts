import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createdVault, failure, PASSWORD, servicesIn } from '../support/vault.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The review's case: a log copied while the app ran, put back after the vault moved on, is
 * replayed over the newer database: key 5 back before its rotation while its history entry
 * stays. Every page is authentic and quick_check passed (today's main opened it); the table and
 * its indexes disagree, which integrity_check finds. What it cannot find: docs/reliability.md §2.
 */
describe('a write-ahead log copied earlier and put back (issue 18, item 2)', () => {
  it('is refused as damaged, not opened as a state that never existed', async () => {
    const scratch = tempDir();
    const services = await createdVault();
    const { files } = services.vault;
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const key = await services.keys.add(
        contract.keys.add.input.parse({ label: `key ${i}`, secret: fakeKeys.github(`W${i}`), notes: 'x'.repeat(300) }),
        'app',
      );
      ids.push(key.id);
    }
    services.vault.lock('manual');
    await services.vault.unlock(PASSWORD, 'app');
    // The log at this moment holds an edit of key 5 (and the unlock's audit entry).
    services.keys.update(contract.keys.update.input.parse({ id: ids[5]!, label: 'key 5 edited' }), 'app');
    expect(statSync(`${files.db}-wal`).size).toBeGreaterThan(0);
    copyFileSync(`${files.db}-wal`, join(scratch, 'old-wal'));
    const sizeBefore = statSync(files.db).size;
    // Then key 5 is rotated (its old secret goes into key_history), and everything is checkpointed.
    await services.rotation.rotate({ id: ids[5]!, secret: fakeKeys.github('W5R'), keepOldForDays: null }, 'app');
    services.vault.lock('manual');
    // Same size: the file-size check (database.ts) cannot tell.
    expect(statSync(files.db).size).toBe(sizeBefore);
    expect(existsSync(`${files.db}-wal`) ? statSync(`${files.db}-wal`).size : 0).toBe(0);
    copyFileSync(join(scratch, 'old-wal'), `${files.db}-wal`);

    const again = servicesIn(files.dir);
    const error = await failure(() => again.vault.unlock(PASSWORD, 'app'));
    expect(error.code).toBe('VaultDamaged');
  });
});
