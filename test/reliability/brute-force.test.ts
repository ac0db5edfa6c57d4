/**
 * Brute force through Keyward's doors: repeated wrong passwords meet a growing delay that is
 * documented (docs/reliability.md), survives restarts, never locks the owner out, and never
 * writes to the vault's own files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { KeywardError } from '../../contract/errors.ts';
import { delayAfterFailures } from '../../main/vault/throttle.ts';
import { KDF_FLOOR, newSalt } from '../../main/vault/kdf.ts';
import type * as Kdf from '../../main/vault/kdf.ts';
import { runKeyward } from '../support/cli-run.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';
import { createdVault, ManualClock, PASSWORD, servicesIn } from '../support/vault.ts';
import { record } from './support/outcome.ts';

async function attempt(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof KeywardError) return error.code;
    throw error;
  }
}

/** Every file but the attempt counter, which is the one file a wrong password may write. */
function vaultFiles(dir: string) {
  const files = snapshotFiles(dir);
  files.delete('unlock-attempts.json');
  return files;
}

describe('wrong passwords', () => {
  it('wait 0, 0, 0, then 5 s, 10 s, 20 s … capped at 5 minutes; a throttled try is refused before the KDF and not counted', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    (await createdVault(dir, clock)).vault.lock('manual');
    const before = vaultFiles(dir);
    const waits: number[] = [];
    let services = servicesIn(dir, clock);
    for (let failure = 1; failure <= 12; failure++) {
      expect(await attempt(services.vault.unlock(`guess ${failure}`, 'app'))).toBe('WrongPassword');
      const wait = services.vault.status().retryAfterMs;
      waits.push(wait);
      expect(wait).toBe(delayAfterFailures(failure));
      if (wait > 0) {
        // Even the right password is refused while the wait runs, and that try is not a failure.
        expect(await attempt(services.vault.unlock(PASSWORD, 'app'))).toBe('Throttled');
        expect(services.vault.status().failedAttempts).toBe(failure);
        clock.advance(wait - 1);
        expect(await attempt(services.vault.unlock(`guess ${failure}b`, 'app'))).toBe('Throttled');
        clock.advance(1);
      }
      // Restarting (a new process over the same directory) changes nothing.
      if (failure % 4 === 0) services = servicesIn(dir, clock);
    }
    expect(waits).toEqual([0, 0, 5, 10, 20, 40, 80, 160, 300, 300, 300, 300].map((s) => s * 1000));
    expect(vaultFiles(dir)).toEqual(before);

    await services.vault.unlock(PASSWORD, 'app');
    const failed = services.vault
      .session()
      .db.prepare("SELECT count(*) FROM audit_log WHERE action = 'vault.unlock-failed'")
      .pluck()
      .get();
    expect(failed).toBe(12);
    expect(services.vault.status()).toMatchObject({ failedAttempts: 0, retryAfterMs: 0 });
    services.vault.lock('manual');
    record('brute-force', { waitsSeconds: waits.map((w) => w / 1000), failuresAudited: failed });
  });

  it('never locks the owner out: after 1,000 failures the wait is 5 minutes, then the right password opens', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    (await createdVault(dir, clock)).vault.lock('manual');
    const services = servicesIn(dir, clock);
    expect(await attempt(services.vault.unlock('wrong', 'app'))).toBe('WrongPassword');
    const state = JSON.parse(readFileSync(services.vault.files.throttle, 'utf8'));
    writeFileSync(services.vault.files.throttle, JSON.stringify({ ...state, consecutiveFailures: 1000 }));
    expect(services.vault.status().retryAfterMs).toBe(5 * 60_000);
    clock.advance(5 * 60_000);
    await services.vault.unlock(PASSWORD, 'app');
    services.vault.lock('manual');
  });

  it('never locks the owner out when the clock goes back: the wait never exceeds its own delay', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    (await createdVault(dir, clock)).vault.lock('manual');
    const services = servicesIn(dir, clock);
    for (let i = 0; i < 4; i++) {
      expect(await attempt(services.vault.unlock(`wrong ${i}`, 'app'))).toBe(i < 3 ? 'WrongPassword' : 'Throttled');
    }
    // The computer's clock is corrected back by a day (or the counter file came from a machine ahead of this one).
    clock.advance(-24 * 3600_000);
    expect(services.vault.status().retryAfterMs).toBeLessThanOrEqual(delayAfterFailures(3));
    clock.advance(delayAfterFailures(3));
    await services.vault.unlock(PASSWORD, 'app');
    services.vault.lock('manual');
  });

  it('a wrong password through the CLI: exit code 3, one line, nothing written to the vault files', async () => {
    const dir = tempDir();
    (await createdVault(dir)).vault.lock('manual');
    const before = vaultFiles(dir);
    const run = await runKeyward(['list', '--data-dir', dir, '--password-env', 'KW'], {
      env: { KW: 'not the password' },
      spawn: true,
    });
    expect(run.code).toBe(3);
    expect(run.stderr.trim()).toBe('keyward: Wrong master password.');
    expect(vaultFiles(dir)).toEqual(before);
  });

  it('each guess costs one Argon2id derivation at the vault’s own cost (measured here at the floor)', async () => {
    const { deriveKek } = await vi.importActual<typeof Kdf>('../../main/vault/kdf.ts');
    const params = { algorithm: 'argon2id' as const, version: 19 as const, salt: newSalt(), ...KDF_FLOOR };
    const started = performance.now();
    for (let i = 0; i < 3; i++) (await deriveKek(`guess ${i}`, params)).fill(0);
    const perGuessMs = Math.round((performance.now() - started) / 3);
    record('kdf-cost', { floor: KDF_FLOOR, perGuessMs });
    expect(perGuessMs).toBeGreaterThan(20);
  });
});
