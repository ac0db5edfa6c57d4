import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appLike } from '../support/app.ts';
import { PASSWORD } from '../support/vault.ts';

// backups.delete through the router, on a real vault and its backups directory.

const apps: Array<ReturnType<typeof appLike>> = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.services.vault.lock('quit');
});

async function vaultWithBackups(count: number) {
  const app = appLike();
  apps.push(app);
  await app.create();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    app.clock.advance(1000);
    names.push((await app.api.backups.create()).name);
  }
  return { app, names, dir: app.services.vault.files.backups };
}

describe('deleting backups', () => {
  it('removes exactly the backups named, whole, and audits each', async () => {
    const { app, names, dir } = await vaultWithBackups(3);
    expect(await app.api.backups.delete({ names: [names[0]!, names[2]!, names[0]!] })).toEqual({ deleted: [names[0], names[2]] });
    expect((await app.api.backups.list()).map((backup) => backup.name)).toEqual([names[1]]);
    expect(readdirSync(dir)).toEqual([names[1]]);
    const audit = await app.api.audit.list({ action: 'vault.backup-deleted' });
    expect(audit.map((entry) => [entry.detail, entry.source])).toEqual([
      [names[2], 'app'],
      [names[0], 'app'],
    ]);
  });

  it('deletes nothing when one name is not a backup', async () => {
    const { app, names, dir } = await vaultWithBackups(2);
    await expect(app.api.backups.delete({ names: [names[0]!, '2020-01-01T00-00-00-000Z-manual'] })).rejects.toMatchObject({
      code: 'NotFound',
      message: 'No backup named 2020-01-01T00-00-00-000Z-manual; nothing was deleted.',
    });
    await expect(app.api.backups.delete({ names: ['../vault.db'] })).rejects.toMatchObject({ code: 'Invalid' });
    await expect(app.api.backups.delete({ names: [] })).rejects.toMatchObject({ code: 'Invalid' });
    expect(readdirSync(dir).sort()).toEqual([...names].sort());
    expect(await app.api.audit.list({ action: 'vault.backup-deleted' })).toEqual([]);
  });

  it('needs the vault unlocked', async () => {
    const { app, names, dir } = await vaultWithBackups(1);
    await app.api.vault.lock();
    await expect(app.api.backups.delete({ names })).rejects.toMatchObject({ code: 'Locked' });
    expect(existsSync(join(dir, names[0]!, 'vault.db'))).toBe(true);
    await app.api.vault.unlock({ password: PASSWORD });
    expect((await app.api.backups.delete({ names })).deleted).toEqual(names);
  });
});
