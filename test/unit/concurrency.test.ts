import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { runKeyward } from '../support/cli-run.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { createdVault, PASSWORD } from '../support/vault.ts';

/** `keyward add` as a process of its own: the point is two processes writing one vault. */
function cliAdd(dataDir: string, label: string, secret: string) {
  return runKeyward(['add', '--label', label, '--data-dir', dataDir, '--password-env', 'KW'], {
    stdin: secret,
    env: { KW: PASSWORD },
    spawn: true,
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
    const labels = app.keys
      .list()
      .map((k) => k.label)
      .sort();
    expect(labels).toEqual([...appLabels, ...results.map((_, i) => `cli ${i}`)].sort());
    const audit = app.vault.session().db.prepare("SELECT count(*) FROM audit_log WHERE action = 'key.added'").pluck().get();
    expect(audit).toBe(36);
    app.vault.lock('quit');
  });
});
