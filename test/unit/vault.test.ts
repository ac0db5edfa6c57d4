import { readFileSync, truncateSync, appendFileSync, writeFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeywardError } from '../../contract/errors.ts';
import { KDF_FLOOR } from '../../main/vault/kdf.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';
import { createdVault, ManualClock, PASSWORD, servicesIn } from '../support/vault.ts';

async function failure(promise: Promise<unknown>): Promise<KeywardError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KeywardError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function expectSameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>, ignore: string[] = []) {
  const names = (m: Map<string, Buffer>) => [...m.keys()].filter((n) => !ignore.includes(n)).sort();
  expect(names(after)).toEqual(names(before));
  for (const name of names(before)) expect(after.get(name)!.equals(before.get(name)!), `${name} changed`).toBe(true);
}

describe('vault lifecycle', () => {
  it('creates, locks and unlocks again with the same data', async () => {
    const dir = tempDir();
    const first = await createdVault(dir);
    expect(first.vault.status().state).toBe('unlocked');
    const key = first.keys.add(
      {
        label: 'CI deploy',
        provider: undefined,
        environment: 'prod',
        secret: fakeKeys.github(),
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    first.vault.lock('manual');
    expect(first.vault.status().state).toBe('locked');
    expect(() => first.keys.list()).toThrow(/locked/);

    // A new process: new services over the same directory.
    const second = servicesIn(dir);
    expect(second.vault.status().state).toBe('locked');
    await second.vault.unlock(PASSWORD, 'app');
    expect(second.keys.list().map((k) => k.id)).toEqual([key.id]);
    expect(second.keys.reveal(key.id, 'app').secret).toBe(fakeKeys.github());
    second.vault.lock('quit');
  });

  it('reports an empty directory as uninitialized and refuses to unlock it', async () => {
    const services = servicesIn();
    expect(services.vault.status().state).toBe('uninitialized');
    expect((await failure(services.vault.unlock(PASSWORD, 'app'))).code).toBe('NotInitialized');
  });

  it('refuses to create a second vault over an existing one', async () => {
    const dir = tempDir();
    (await createdVault(dir)).vault.lock('manual');
    const before = snapshotFiles(dir);
    expect((await failure(servicesIn(dir).vault.create('another password', 'app'))).code).toBe('AlreadyExists');
    expectSameFiles(before, snapshotFiles(dir));
  });

  it('writes the database encrypted: the file does not start with the SQLite magic', async () => {
    const services = await createdVault();
    services.vault.lock('manual');
    const head = readFileSync(services.vault.files.db).subarray(0, 16).toString('latin1');
    expect(head).not.toBe('SQLite format 3\0');
  });

  it('stores KDF parameters and salt in the header, never below the floor', async () => {
    const services = await createdVault();
    const header = JSON.parse(readFileSync(services.vault.files.header, 'utf8'));
    expect(header.kdf.algorithm).toBe('argon2id');
    expect(header.kdf.memoryKiB).toBeGreaterThanOrEqual(KDF_FLOOR.memoryKiB);
    expect(header.kdf.iterations).toBeGreaterThanOrEqual(KDF_FLOOR.iterations);
    expect(header.kdf.parallelism).toBeGreaterThanOrEqual(KDF_FLOOR.parallelism);
    expect(Buffer.from(header.kdf.salt, 'base64')).toHaveLength(16);
    services.vault.lock('manual');
  });

  it('the lock event reaches listeners with its reason', async () => {
    const services = await createdVault();
    const reasons: string[] = [];
    services.events.subscribe((name, payload) => {
      if (name === 'locked') reasons.push((payload as { reason: string }).reason);
    });
    services.vault.lock('idle');
    services.vault.lock('idle');
    expect(reasons).toEqual(['idle']);
  });
});

describe('wrong passwords', () => {
  it('rejects a wrong password and changes no vault file', async () => {
    const dir = tempDir();
    (await createdVault(dir)).vault.lock('manual');
    const before = snapshotFiles(dir);
    const services = servicesIn(dir);
    const error = await failure(services.vault.unlock('not the password', 'app'));
    expect(error.code).toBe('WrongPassword');
    expect(error.message).not.toContain('not the password');
    expect(services.vault.status().state).toBe('locked');
    // Only the attempt counter is written; the header and database are untouched.
    expectSameFiles(before, snapshotFiles(dir), ['unlock-attempts.json']);
  });

  it('grows a delay after three failures, survives a restart, and never locks out', async () => {
    const dir = tempDir();
    const clock = new ManualClock();
    (await createdVault(dir, clock)).vault.lock('manual');
    const services = servicesIn(dir, clock);
    for (let i = 0; i < 3; i++) expect((await failure(services.vault.unlock('wrong', 'app'))).code).toBe('WrongPassword');
    const throttled = await failure(services.vault.unlock(PASSWORD, 'app'));
    expect(throttled.code).toBe('Throttled');
    expect(throttled.retryAfterMs).toBe(5_000);

    const restarted = servicesIn(dir, clock);
    expect(restarted.vault.status()).toMatchObject({ failedAttempts: 3, retryAfterMs: 5_000 });
    clock.advance(5_000);
    expect((await failure(restarted.vault.unlock('wrong again', 'app'))).code).toBe('WrongPassword');
    expect(restarted.vault.status().retryAfterMs).toBe(10_000);
    clock.advance(10_000);
    await restarted.vault.unlock(PASSWORD, 'app');
    expect(restarted.vault.status()).toMatchObject({ state: 'unlocked', failedAttempts: 0, retryAfterMs: 0 });

    const actions = restarted.vault.session().db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all();
    expect(actions.filter((a) => a === 'vault.unlock-failed')).toHaveLength(4);
    expect(actions.at(-1)).toBe('vault.unlocked');
    restarted.vault.lock('manual');
  });
});

describe('change password', () => {
  it('keeps every record, and only the new password opens the vault', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    const added = [fakeKeys.github(), fakeKeys.stripeTest()].map((secret, i) =>
      services.keys.add(
        {
          label: `key ${i}`,
          provider: undefined,
          environment: 'dev',
          secret,
          notes: '',
          usedIn: [],
          tags: [],
          expiresAt: null,
          rotateEveryDays: null,
          favourite: false,
        },
        'app',
      ),
    );
    const dbBefore = readFileSync(services.vault.files.db);
    await services.vault.changePassword(PASSWORD, 'a brand new password', 'app');
    services.vault.lock('manual');
    expect(readFileSync(services.vault.files.db).length).toBe(dbBefore.length);

    const again = servicesIn(dir);
    expect((await failure(again.vault.unlock(PASSWORD, 'app'))).code).toBe('WrongPassword');
    await again.vault.unlock('a brand new password', 'app');
    expect(
      again.keys
        .list()
        .map((k) => k.id)
        .sort(),
    ).toEqual(added.map((k) => k.id).sort());
    expect(again.keys.reveal(added[1]!.id, 'app').secret).toBe(fakeKeys.stripeTest());
    again.vault.lock('manual');
  });

  it('refuses when the current password is wrong and leaves the header as it was', async () => {
    const services = await createdVault();
    const header = readFileSync(services.vault.files.header);
    expect((await failure(services.vault.changePassword('wrong', 'a brand new password', 'app'))).code).toBe('WrongPassword');
    expect(readFileSync(services.vault.files.header).equals(header)).toBe(true);
    services.vault.lock('manual');
  });
});

describe('damage and tampering', () => {
  async function lockedVault() {
    const dir = tempDir();
    const services = await createdVault(dir);
    for (let i = 0; i < 40; i++) {
      services.keys.add(
        {
          label: `service ${i}`,
          provider: 'github',
          environment: 'prod',
          secret: fakeKeys.github(),
          notes: 'n'.repeat(200),
          usedIn: [],
          tags: [],
          expiresAt: null,
          rotateEveryDays: null,
          favourite: false,
        },
        'app',
      );
    }
    services.vault.lock('manual');
    return { dir, files: services.vault.files };
  }

  async function expectDamaged(dir: string, expected: 'VaultDamaged' | 'WrongPassword' = 'VaultDamaged') {
    const before = snapshotFiles(dir);
    const services = servicesIn(dir);
    const error = await failure(services.vault.unlock(PASSWORD, 'app'));
    expect(error.code).toBe(expected);
    expect(services.vault.status().state).toBe('locked');
    expectSameFiles(before, snapshotFiles(dir), ['unlock-attempts.json']);
  }

  it('detects a flipped bit at every byte of the header', async () => {
    const { dir, files } = await lockedVault();
    const original = readFileSync(files.header);
    for (let offset = 0; offset < original.length; offset++) {
      const altered = Buffer.from(original);
      altered[offset]! ^= 0x01;
      writeFileSync(files.header, altered);
      const error = await failure(servicesIn(dir).vault.unlock(PASSWORD, 'app'));
      expect(['VaultDamaged'], `offset ${offset}`).toContain(error.code);
      expect(readFileSync(files.header).equals(altered)).toBe(true);
    }
  });

  it('detects a truncated or missing header', async () => {
    const { dir, files } = await lockedVault();
    const original = readFileSync(files.header);
    writeFileSync(files.header, original.subarray(0, original.length >> 1));
    await expectDamaged(dir);
    writeFileSync(files.header, '');
    await expectDamaged(dir);
  });

  it('treats a header whose KDF cost was lowered (checksum recomputed) as damaged', async () => {
    const { dir, files } = await lockedVault();
    const { createHash } = await import('node:crypto');
    const header = JSON.parse(readFileSync(files.header, 'utf8'));
    header.kdf.memoryKiB = 1024;
    const { checksum: _old, ...body } = header;
    void _old;
    header.checksum = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    writeFileSync(files.header, JSON.stringify(header));
    await expectDamaged(dir);
  });

  it('says WrongPassword, not success, when KDF fields are altered with a valid checksum', async () => {
    const { dir, files } = await lockedVault();
    const { createHash } = await import('node:crypto');
    const header = JSON.parse(readFileSync(files.header, 'utf8'));
    header.kdf.iterations += 1;
    const { checksum: _old, ...body } = header;
    void _old;
    header.checksum = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    writeFileSync(files.header, JSON.stringify(header));
    await expectDamaged(dir, 'WrongPassword');
  });

  it('detects flipped bytes across the database file and leaves it as it was', async () => {
    const { dir, files } = await lockedVault();
    const original = readFileSync(files.db);
    const offsets = [0, 8, 15, 16, 20, 100, 1000, 4095, 4096, 4200, 8191];
    for (let i = 1; i <= 14; i++) offsets.push(Math.floor((original.length * i) / 15));
    for (const offset of offsets) {
      const altered = Buffer.from(original);
      altered[offset]! ^= 0x5a;
      writeFileSync(files.db, altered);
      await expectDamaged(dir);
    }
    writeFileSync(files.db, original);
    const services = servicesIn(dir);
    await services.vault.unlock(PASSWORD, 'app');
    expect(services.keys.list()).toHaveLength(40);
    services.vault.lock('manual');
  });

  it('detects a database that was truncated or extended', async () => {
    const { dir, files } = await lockedVault();
    const original = readFileSync(files.db);
    truncateSync(files.db, original.length - 4096);
    await expectDamaged(dir);
    writeFileSync(files.db, original);
    appendFileSync(files.db, Buffer.alloc(4096, 7));
    await expectDamaged(dir);
  });

  it('detects a database emptied to zero bytes (an empty file opens as an empty database under any key)', async () => {
    const { dir, files } = await lockedVault();
    truncateSync(files.db, 0);
    await expectDamaged(dir);
  });

  it('tells a newer header (its own checksum holds) from a damaged version field', async () => {
    const { dir, files } = await lockedVault();
    const { createHash } = await import('node:crypto');
    const original = readFileSync(files.header, 'utf8');
    writeFileSync(files.header, original.replace('"version": 1', '"version": 3'));
    await expectDamaged(dir);
    const header = JSON.parse(original);
    header.version = 2;
    const { checksum: _old, ...body } = header;
    void _old;
    writeFileSync(
      files.header,
      JSON.stringify({ ...body, checksum: createHash('sha256').update(JSON.stringify(body)).digest('hex') }),
    );
    const error = await failure(servicesIn(dir).vault.unlock(PASSWORD, 'app'));
    expect(error.code).toBe('VaultTooNew');
  });

  it('detects a missing database beside a header', async () => {
    const { dir, files } = await lockedVault();
    const { rmSync } = await import('node:fs');
    rmSync(files.db);
    await expectDamaged(dir);
  });

  it('refuses a vault from a newer schema and changes nothing', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    services.vault.session().db.pragma('user_version = 99');
    services.vault.lock('manual');
    const before = snapshotFiles(dir);
    const error = await failure(servicesIn(dir).vault.unlock(PASSWORD, 'app'));
    expect(error.code).toBe('VaultTooNew');
    expectSameFiles(before, snapshotFiles(dir));
    expect(existsSync(`${dir}/backups`)).toBe(false);
  });
});

describe('nothing readable at rest', () => {
  it('no label, provider name, note or secret appears in any file of the data dir', async () => {
    const dir = tempDir();
    const services = await createdVault(dir);
    const secret = fakeKeys.anthropic();
    const needles = ['Zebra-Payments-Label', 'custom:Quokka Internal', 'Ocelot restricted note', 'wombat-project', secret];
    services.keys.add(
      {
        label: needles[0]!,
        provider: needles[1]!,
        environment: 'prod',
        secret,
        notes: needles[2]!,
        usedIn: [needles[3]!],
        tags: ['capybara-tag'],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      'app',
    );
    needles.push('capybara-tag');
    const check = () => {
      for (const [name, bytes] of snapshotFiles(dir)) {
        for (const needle of needles) {
          expect(bytes.includes(Buffer.from(needle, 'utf8')), `${needle} in ${name}`).toBe(false);
          expect(bytes.includes(Buffer.from(needle, 'utf16le')), `${needle} (utf16) in ${name}`).toBe(false);
        }
      }
    };
    check(); // while unlocked: WAL and shared memory files exist
    services.vault.lock('manual');
    check();
  });
});

describe('permissions (issue 18, item 9)', () => {
  it('an unlock tightens a data directory, its files and its backups that were left loose', async () => {
    const { chmodSync, lstatSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const services = await createdVault();
    const { files } = services.vault;
    const backup = services.vault.backup('manual', 'app').name;
    services.vault.lock('manual');
    const loose = [
      files.dir,
      files.db,
      files.header,
      files.backups,
      join(files.backups, backup),
      join(files.backups, backup, 'vault.db'),
    ];
    for (const path of loose) chmodSync(path, lstatSync(path).isDirectory() ? 0o755 : 0o644);
    await servicesIn(files.dir).vault.unlock(PASSWORD, 'app');
    const walk = (path: string): void => {
      const stats = lstatSync(path);
      expect(stats.mode & 0o777, path).toBe(stats.isDirectory() ? 0o700 : 0o600);
      if (stats.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
    };
    walk(files.dir);
  });
});

describe('planted links (issue 18, items 5 and 7)', () => {
  it('an attempt counter linked to /dev/zero neither hangs the status nor is followed; the unlock refuses the link', async () => {
    const { symlinkSync } = await import('node:fs');
    const services = await createdVault();
    const { files } = services.vault;
    services.vault.lock('manual');
    symlinkSync('/dev/zero', files.throttle);
    const again = servicesIn(files.dir);
    expect(again.vault.status()).toMatchObject({ state: 'locked', failedAttempts: 0 });
    const error = await failure(again.vault.unlock(PASSWORD, 'app'));
    expect(error.code).toBe('VaultDamaged');
    expect(error.message).toMatch(/unlock-attempts\.json in the data directory is a symbolic link/);
  });
});
