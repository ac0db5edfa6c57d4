import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contract } from '../../../contract/index.ts';
import type { Services } from '../../../main/services.ts';
import { fakeKeys, fill } from '../../support/fake-keys.ts';
import { createdVault } from '../../support/vault.ts';
import type { ExpectedKey } from './outcome.ts';

const kept: string[] = [];

/** A directory that lives for the whole file (tempDir() is emptied after each test). */
export function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-fixture-'));
  kept.push(dir);
  return dir;
}

export function removeFixtures(): void {
  for (const dir of kept.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function addFake(services: Services, n: number, tag: string): [string, ExpectedKey] {
  const secret = n % 2 ? fakeKeys.github(`${tag}${n}`) : fakeKeys.stripeTest(`${tag}${n}`);
  const notes = fill(`note ${tag} ${n} `, 160);
  const key = services.keys.add(contract.keys.add.input.parse({ label: `${tag} ${n}`, secret, notes }), 'app');
  return [key.id, { label: key.label, provider: key.provider, notes, secret }];
}

export interface VaultFixture {
  dir: string;
  /** Every key, in the order it was committed. */
  keys: Array<[string, ExpectedKey]>;
  /** How many of those were already in vault.db when the write-ahead log was copied (the rest live only in the log). */
  checkpointed: number;
}

/** A locked vault: everything checkpointed into vault.db, no write-ahead log. */
export async function lockedFixture(count = 40): Promise<VaultFixture> {
  const services = await createdVault(fixtureDir());
  const keys = Array.from({ length: count }, (_, i) => addFake(services, i, 'base'));
  services.vault.lock('manual');
  return { dir: services.vault.files.dir, keys, checkpointed: count };
}

/**
 * The files a crash would leave (as in test/unit/wal.test.ts): vault.db with the first keys
 * checkpointed into it, and a write-ahead log holding the later adds, one transaction each.
 */
export async function crashLeftFixture(inFile = 12, inLog = 8): Promise<VaultFixture> {
  const services = await createdVault(fixtureDir());
  const keys = Array.from({ length: inFile }, (_, i) => addFake(services, i, 'file'));
  services.vault.session().db.pragma('wal_checkpoint(TRUNCATE)');
  for (let i = 0; i < inLog; i++) keys.push(addFake(services, i, 'log'));
  const copy = fixtureDir();
  for (const file of ['vault.db', 'vault.db-wal', 'vault.header.json'])
    cpSync(join(services.vault.files.dir, file), join(copy, file));
  services.vault.lock('manual');
  return { dir: copy, keys, checkpointed: inFile };
}
