import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../contract/index.ts';
import { KeywardError } from '../../contract/errors.ts';
import { checkWal } from '../../main/vault/wal-check.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';
import { createdVault, PASSWORD, servicesIn } from '../support/vault.ts';

const LABELS = ['k0', 'k1', 'k2', 'k3', 'k4'];

/** The files a crash would leave: the database plus a write-ahead log holding five committed adds. */
async function crashSnapshot(): Promise<string> {
  const live = await createdVault();
  for (const [i, label] of LABELS.entries()) {
    live.keys.add(contract.keys.add.input.parse({ label, secret: fakeKeys.github(String(i)) }), 'app');
  }
  const copy = tempDir();
  for (const file of ['vault.db', 'vault.db-wal', 'vault.header.json'])
    cpSync(join(live.vault.files.dir, file), join(copy, file));
  live.vault.lock('manual');
  return copy;
}

describe('a write-ahead log left by a crash', () => {
  it('is replayed: every committed write is there', async () => {
    const dir = await crashSnapshot();
    expect(checkWal(join(dir, 'vault.db-wal'))).toMatchObject({ ok: true });
    const services = servicesIn(dir);
    await services.vault.unlock(PASSWORD, 'app');
    expect(
      services.keys
        .list()
        .map((k) => k.label)
        .sort(),
    ).toEqual(LABELS);
    services.vault.lock('manual');
  });

  it('altered anywhere: reported as damaged and left as it was, or never yields wrong data', async () => {
    const dir = await crashSnapshot();
    const walPath = join(dir, 'vault.db-wal');
    const original = readFileSync(walPath);
    const pageSize = original.readUInt32BE(8);
    const frameBytes = 24 + pageSize;
    const frames = (original.length - 32) / frameBytes;
    const offsets = new Set<number>([0, 3, 8, 12, 16, 20, 24, 28, 31]);
    for (const frame of new Set([0, 1, Math.floor(frames / 3), Math.floor(frames / 2), frames - 2, frames - 1])) {
      const start = 32 + frame * frameBytes;
      for (const within of [0, 4, 8, 12, 16, 20, 24, 100, pageSize - 1 + 24]) offsets.add(start + within);
    }
    let detected = 0;
    const lastFrameStart = 32 + (frames - 1) * frameBytes;
    for (const offset of offsets) {
      const copy = tempDir();
      cpSync(dir, copy, { recursive: true });
      const altered = Buffer.from(original);
      altered[offset]! ^= 0x20;
      writeFileSync(join(copy, 'vault.db-wal'), altered);
      const before = snapshotFiles(copy);
      const services = servicesIn(copy);
      try {
        await services.vault.unlock(PASSWORD, 'app');
      } catch (error) {
        expect(error, `offset ${offset}`).toBeInstanceOf(KeywardError);
        expect((error as KeywardError).code, `offset ${offset}`).toBe('VaultDamaged');
        const after = snapshotFiles(copy);
        for (const [name, bytes] of before)
          expect(after.get(name)?.equals(bytes), `${name} changed (offset ${offset})`).toBe(true);
        detected++;
        continue;
      }
      // Accepted only where SQLite cannot tell it from an interrupted last write: the last frame.
      expect(offset, `undetected change at offset ${offset}`).toBeGreaterThanOrEqual(lastFrameStart);
      const labels = services.keys
        .list()
        .map((k) => k.label)
        .sort();
      expect(LABELS.slice(0, labels.length), 'a prefix of the committed writes').toEqual(labels);
      for (const key of services.keys.list()) {
        expect(services.keys.reveal(key.id, 'app').secret).toBe(fakeKeys.github(key.label.slice(1)));
      }
      services.vault.lock('manual');
    }
    // Every change before the last frame was caught (the loop above fails on any that was not).
    expect(detected).toBeGreaterThanOrEqual([...offsets].filter((o) => o < lastFrameStart).length);
  });

  it('beside a damaged database: refused, and the log is not checkpointed into the damaged file', async () => {
    const dir = await crashSnapshot();
    const dbPath = join(dir, 'vault.db');
    const altered = readFileSync(dbPath);
    // The first page is never one the log replaces wholesale here: its salt decides the cipher.
    altered[altered.length - 1]! ^= 0x40;
    writeFileSync(dbPath, altered);
    const before = snapshotFiles(dir);
    const services = servicesIn(dir);
    await expect(services.vault.unlock(PASSWORD, 'app')).rejects.toMatchObject({ code: 'VaultDamaged' });
    expect(snapshotFiles(dir)).toEqual(before);
  });
});
