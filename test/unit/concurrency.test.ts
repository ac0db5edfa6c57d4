import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createdVault, PASSWORD } from '../support/vault.ts';

const CLI = join(fileURLToPath(new URL('../..', import.meta.url)), 'main', 'cli.ts');

function cliAdd(dataDir: string, label: string, secret: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'add', '--label', label, '--data-dir', dataDir, '--password-env', 'KW'], {
      env: { ...process.env, KW: PASSWORD, KEYWARD_KDF: 'minimum' },
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(secret);
  });
}

describe('the app and the CLI writing one vault at once', () => {
  it('loses no write and never reports a busy database', async () => {
    const app = await createdVault();
    const dir = app.vault.files.dir;
    const cliRuns = Array.from({ length: 6 }, (_, i) => cliAdd(dir, `cli ${i}`, fakeKeys.github(`cli${i}`)));
    const appLabels: string[] = [];
    for (let i = 0; i < 30; i++) {
      app.keys.add(contract.keys.add.input.parse({ label: `app ${i}`, secret: fakeKeys.stripeTest(`app${i}`) }), 'app');
      appLabels.push(`app ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const results = await Promise.all(cliRuns);
    for (const result of results) {
      expect(result.stderr).not.toMatch(/locked|busy/i);
      expect(result.code).toBe(0);
    }
    const labels = app.keys.list().map((k) => k.label).sort();
    expect(labels).toEqual([...appLabels, ...results.map((_, i) => `cli ${i}`)].sort());
    const audit = app.vault.session().db.prepare("SELECT count(*) FROM audit_log WHERE action = 'key.added'").pluck().get();
    expect(audit).toBe(36);
    app.vault.lock('quit');
  });
});
