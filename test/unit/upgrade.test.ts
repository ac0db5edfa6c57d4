import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listBackups } from '../../main/vault/backups.ts';
import { LATEST_SCHEMA_VERSION, schemaVersion } from '../../main/vault/migrations/index.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { tempDir } from '../support/temp.ts';
import { PASSWORD, servicesIn } from '../support/vault.ts';

/** A vault written by the first release (test/fixtures/vaults/schema-1), opened by this one. */
function copyOfSchema1(): string {
  const dir = tempDir();
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'vaults', 'schema-1'), dir, { recursive: true });
  return dir;
}

describe('opening a vault written by an older Keyward', () => {
  it('keeps every key and field, at the latest schema', async () => {
    const dir = copyOfSchema1();
    const services = servicesIn(dir);
    await services.vault.unlock(PASSWORD, 'app');
    expect(schemaVersion(services.vault.session().db)).toBe(LATEST_SCHEMA_VERSION);
    const keys = services.keys.list();
    expect(keys.map((k) => [k.label, k.provider, k.environment])).toEqual([
      ['Shop test', 'stripe', 'dev'],
      ['Claude batch', 'anthropic', 'staging'],
      ['Chatbot prod', 'openai', 'prod'],
    ]);
    const chatbot = keys.find((k) => k.label === 'Chatbot prod')!;
    expect(chatbot).toMatchObject({ tags: ['chat'], usedIn: ['support-bot'], expiresAt: '2027-03-01' });
    expect(services.keys.reveal(chatbot.id, 'app').secret).toBe(fakeKeys.openaiProject('v1'));
    services.vault.lock('manual');
  });

  it('takes an encrypted backup first when it migrates, and none when nothing changes', async () => {
    const dir = copyOfSchema1();
    const services = servicesIn(dir);
    await services.vault.unlock(PASSWORD, 'app');
    services.vault.lock('manual');
    const backups = listBackups(services.vault.files.backups);
    const migrated = LATEST_SCHEMA_VERSION > 1;
    expect(backups.map((b) => b.name.endsWith(`before-schema-${LATEST_SCHEMA_VERSION}`))).toEqual(migrated ? [true] : []);
    if (migrated) {
      // The backup is the old vault as it was: it opens with the same password at schema 1.
      const restored = tempDir();
      cpSync(join(services.vault.files.backups, backups[0]!.name), restored, { recursive: true });
      expect(readdirSync(restored).sort()).toEqual(['vault.db', 'vault.header.json']);
      const old = servicesIn(restored);
      await expect(old.vault.unlock(PASSWORD, 'app')).resolves.toBeUndefined();
      old.vault.lock('manual');
    }
    // A second open migrates nothing and adds no backup.
    const again = servicesIn(dir);
    await again.vault.unlock(PASSWORD, 'app');
    again.vault.lock('manual');
    expect(listBackups(services.vault.files.backups)).toEqual(backups);
  });
});
