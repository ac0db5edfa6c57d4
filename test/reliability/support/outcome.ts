import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeywardError } from '../../../contract/errors.ts';
import type { Services } from '../../../main/services.ts';
import { tempDir } from '../../support/temp.ts';
import { PASSWORD, servicesIn } from '../../support/vault.ts';

/** What a key must read back as, if it is read back at all. */
export interface ExpectedKey {
  label: string;
  provider: string;
  notes: string;
  secret: string;
}

export type Outcome =
  { kind: 'refused'; code: string; message: string } | { kind: 'opened'; integrity: string; keys: Map<string, ExpectedKey> };

/**
 * Unlocks a vault directory with the right password and reads everything back: every key's
 * fields and secret (decrypted straight from its row, so reading writes no audit entry), and
 * `PRAGMA integrity_check`. Any error that is not a KeywardError is rethrown: a crash is a failure.
 */
export async function openAndRead(dir: string, password = PASSWORD): Promise<Outcome> {
  const services = servicesIn(dir);
  try {
    await services.vault.unlock(password, 'app');
  } catch (error) {
    if (error instanceof KeywardError) return { kind: 'refused', code: error.code, message: error.message };
    throw error;
  }
  try {
    return { kind: 'opened', integrity: integrity(services), keys: readKeys(services) };
  } finally {
    services.vault.lock('manual');
  }
}

export function integrity(services: Services): string {
  const rows = services.vault.session().db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((row) => row.integrity_check).join('; ');
}

export function readKeys(services: Services): Map<string, ExpectedKey> {
  const { db, box } = services.vault.session();
  const rows = db.prepare('SELECT id, label, provider, notes, secret FROM keys WHERE deleted_at IS NULL').all() as Array<{
    id: string;
    label: string;
    provider: string;
    notes: string;
    secret: Buffer;
  }>;
  return new Map(
    rows.map((row) => [
      row.id,
      { label: row.label, provider: row.provider, notes: row.notes, secret: box.open(row.id, row.secret) },
    ]),
  );
}

/** A working copy of a fixture directory, removed after the test. */
export function copyOf(dir: string): string {
  const copy = tempDir('keyward-rel-');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** Numbers for docs/reliability.md: each suite writes what it measured to test-results/reliability/. */
export function record(name: string, data: unknown): void {
  const dir = join('test-results', 'reliability');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  console.log(`[${name}] ${JSON.stringify(data)}`);
}
