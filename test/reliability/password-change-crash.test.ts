/**
 * A password change killed after each of its steps (issue 18, item 1): the vault must open with
 * exactly one of the two passwords — the old one up to the commit point (the SQLCipher rekey),
 * the new one from there on — with every key and secret, `integrity_check` ok, and the other
 * password refused. The order of the steps and why: docs/reliability.md, "Changing the master
 * password".
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { passwordChangeSteps } from '../../main/vault/vault.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { tempDir } from '../support/temp.ts';
import { createdVault, failure, PASSWORD, servicesIn } from '../support/vault.ts';

const CRASHER = fileURLToPath(new URL('./support/passwd-crasher.ts', import.meta.url));
const NEW_PASSWORD = 'the new password, maybe';

function runUntilKilled(
  dir: string,
  step: string,
  killAfterRekeyStartsMs?: number,
): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CRASHER, dir, step], {
      env: { ...process.env, KEYWARD_PASSWORD: PASSWORD, KEYWARD_NEW_PASSWORD: NEW_PASSWORD },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (killAfterRekeyStartsMs !== undefined && stdout.includes('rekeying'))
        setTimeout(() => child.kill('SIGKILL'), killAfterRekeyStartsMs);
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (_code, signal) => resolve({ signal, stdout, stderr }));
  });
}

describe('a password change interrupted after each step', async () => {
  // One vault with keys and a backup, copied for every case.
  // Not tempDir(): that one is removed after each test.
  const template = mkdtempSync(join(tmpdir(), 'keyward-passwd-template-'));
  afterAll(() => rmSync(template, { recursive: true, force: true }));
  const seeded = await createdVault(template);
  const secrets = new Map<string, string>();
  // Enough pages (about 1 MB) that the rekey takes a while: the last test kills the process inside it.
  for (let i = 0; i < 200; i++) {
    const secret = i % 2 ? fakeKeys.github(`PC${i}`) : fakeKeys.stripeTest(`PC${i}`);
    const key = await seeded.keys.add(
      contract.keys.add.input.parse({ label: `key ${i}`, secret, notes: `${i} `.repeat(1300).slice(0, 3900) }),
      'app',
    );
    secrets.set(key.id, secret);
  }
  seeded.vault.backup('manual', 'app');
  seeded.vault.lock('manual');

  it.each(
    passwordChangeSteps.map((step, index) => {
      const committed = index >= passwordChangeSteps.indexOf('rekeyed');
      return { step, committed, inForce: committed ? 'new' : 'old' };
    }),
  )('killed after $step: the $inForce password opens it, with everything', async ({ step, committed }) => {
    const dir = tempDir('keyward-passwd-crash-');
    cpSync(template, dir, { recursive: true });
    const run = await runUntilKilled(dir, step);
    expect(run.stdout, run.stderr).not.toContain('done');
    expect(run.signal).toBe('SIGKILL');

    await expectExactlyOnePassword(dir, committed ? NEW_PASSWORD : PASSWORD);
  });

  it('killed after the rekey, `backup recover` does not take the rekeyed vault for a damaged one', async () => {
    const dir = tempDir('keyward-passwd-crash-');
    cpSync(template, dir, { recursive: true });
    expect((await runUntilKilled(dir, 'rekeyed')).signal).toBe('SIGKILL');
    const services = servicesIn(dir);
    const [backup] = services.vault.backups();
    // The old password is wrong now; the new one finds a vault that opens (and finishes the change).
    expect((await failure(() => services.vault.recover(PASSWORD, backup!.name, 'cli'))).code).toBe('WrongPassword');
    expect((await failure(() => services.vault.recover(NEW_PASSWORD, backup!.name, 'cli'))).code).toBe('Invalid');
    await expectExactlyOnePassword(dir, NEW_PASSWORD);
  });

  it('killed while the rekey runs (0–300 ms into it): one of the two passwords opens everything, never neither', async () => {
    const outcomes: string[] = [];
    for (const delay of [0, 30, 100, 300]) {
      const dir = tempDir('keyward-passwd-crash-');
      cpSync(template, dir, { recursive: true });
      const run = await runUntilKilled(dir, 'none', delay);
      const services = servicesIn(dir);
      let inForce = PASSWORD;
      try {
        await services.vault.unlock(PASSWORD, 'app');
        services.vault.lock('manual');
      } catch {
        inForce = NEW_PASSWORD;
      }
      outcomes.push(`${delay} ms: ${run.signal ?? 'finished'}, ${inForce === PASSWORD ? 'old' : 'new'} password`);
      await expectExactlyOnePassword(dir, inForce);
    }
    console.log(`[passwd-crash] ${outcomes.join('; ')}`);
  });

  async function expectExactlyOnePassword(dir: string, inForce: string) {
    const refused = inForce === PASSWORD ? NEW_PASSWORD : PASSWORD;
    const services = servicesIn(dir);
    expect((await failure(() => services.vault.unlock(refused, 'app'))).code).toBe('WrongPassword');
    await services.vault.unlock(inForce, 'app');
    const { db } = services.vault.session();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const [id, secret] of secrets) expect(services.keys.reveal(id, 'app').secret).toBe(secret);
    // Whatever the unlock found, the change is settled: no pending header is left.
    expect(existsSync(services.vault.files.pendingHeader)).toBe(false);
    services.vault.lock('manual');
    // ... and stays settled for a new process.
    const again = servicesIn(dir);
    expect((await failure(() => again.vault.unlock(refused, 'app'))).code).toBe('WrongPassword');
    await again.vault.unlock(inForce, 'app');
    again.vault.lock('manual');
  }
});
