/**
 * Tampering: bytes flipped, files cut short and files extended, at hundreds of positions across
 * the header, the database (with and without a write-ahead log beside it) and a crash-left
 * write-ahead log. Every case opens a fresh copy through the real unlock path.
 *
 * What must hold in every case: no crash (anything but a KeywardError fails the test), a
 * refusal leaves every file byte for byte as it was, and an open never returns wrong data.
 * An open may succeed only where the change is one SQLite cannot tell from an interrupted write
 * or never reads (each rule below says which), and then it returns exactly the committed data or
 * a committed prefix of it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotFiles } from '../support/temp.ts';
import { crashLeftFixture, lockedFixture, removeFixtures, type VaultFixture } from './support/fixtures.ts';
import { copyOf, openAndRead, record, type ExpectedKey, type Outcome } from './support/outcome.ts';
import { createRng, seedFromEnv, type Rng } from './support/rng.ts';

type FileName = 'vault.header.json' | 'vault.db' | 'vault.db-wal';
type Op = { op: 'flip'; offset: number; mask: number } | { op: 'truncate'; length: number } | { op: 'extend'; bytes: Buffer };

interface Result {
  /** Which files were there: a locked vault, or the files a crash left. */
  fixture: 'locked' | 'crash-left';
  file: FileName;
  op: Op['op'];
  position: number;
  outcome: 'VaultDamaged' | 'WrongPassword' | 'opened: all data' | 'opened: committed prefix' | 'opened: unchanged file';
}

const seed = seedFromEnv('tamper');
const rng = createRng(seed);
const results: Result[] = [];
let locked: VaultFixture;
let crashed: VaultFixture;

beforeAll(async () => {
  locked = await lockedFixture();
  crashed = await crashLeftFixture();
});

afterAll(() => {
  const summary: Record<string, Record<string, number>> = {};
  for (const r of results) {
    const key = `${r.fixture}: ${r.file} ${r.op}`;
    summary[key] ??= {};
    summary[key][r.outcome] = (summary[key][r.outcome] ?? 0) + 1;
  }
  record('tamper', { seed, cases: results.length, summary });
  removeFixtures();
});

function apply(path: string, change: Op): void {
  if (change.op === 'flip') {
    const bytes = readFileSync(path);
    bytes[change.offset]! ^= change.mask;
    writeFileSync(path, bytes);
  } else if (change.op === 'truncate') truncateSync(path, change.length);
  else appendFileSync(path, change.bytes);
}

function position(change: Op): number {
  return change.op === 'flip' ? change.offset : change.op === 'truncate' ? change.length : change.bytes.length;
}

const nonZeroMask = (r: Rng) => r.int(1, 255);

function sameKeys(actual: Map<string, ExpectedKey>, expected: Array<[string, ExpectedKey]>): boolean {
  return actual.size === expected.length && expected.every(([id, key]) => isDeepStrictEqual(actual.get(id), key));
}

/**
 * Runs one case on a fresh copy and checks the invariants every case shares. `mayOpen` says
 * whether this particular change is one an open may survive; returns how it ended.
 */
async function tamper(fixture: VaultFixture, file: FileName, change: Op, mayOpen: 'never' | 'all' | 'prefix'): Promise<Result> {
  const dir = copyOf(fixture.dir);
  apply(join(dir, file), change);
  const before = snapshotFiles(dir);
  const label = `${file} ${change.op} at ${position(change)} (seed ${seed})`;
  const outcome: Outcome = await openAndRead(dir);
  let result: Result['outcome'];
  if (outcome.kind === 'refused') {
    expect(['VaultDamaged', 'WrongPassword'], label).toContain(outcome.code);
    const after = snapshotFiles(dir);
    if (outcome.code === 'WrongPassword') after.delete('unlock-attempts.json');
    expect([...after.keys()].sort(), `files added or removed: ${label}`).toEqual([...before.keys()].sort());
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), `${name} changed: ${label}`).toBe(true);
    result = outcome.code as 'VaultDamaged' | 'WrongPassword';
  } else {
    expect(outcome.integrity, label).toBe('ok');
    if (sameKeys(outcome.keys, fixture.keys)) result = 'opened: all data';
    else {
      // A rolled-back tail: exactly the keys committed up to some transaction, nothing else.
      const prefix = fixture.keys.slice(0, outcome.keys.size);
      expect(outcome.keys.size, `lost checkpointed data: ${label}`).toBeGreaterThanOrEqual(fixture.checkpointed);
      expect(sameKeys(outcome.keys, prefix), `wrong data returned: ${label}`).toBe(true);
      result = 'opened: committed prefix';
    }
    expect(mayOpen, `opened although the change should have been refused: ${label}`).not.toBe('never');
    if (mayOpen === 'all') expect(result, label).toBe('opened: all data');
  }
  const entry: Result = {
    fixture: fixture === locked ? 'locked' : 'crash-left',
    file,
    op: change.op,
    position: position(change),
    outcome: result,
  };
  results.push(entry);
  return entry;
}

describe('the header', () => {
  it('every byte flipped: damaged, or a byte JSON ignores (whitespace), which opens with all data', async () => {
    const original = readFileSync(join(locked.dir, 'vault.header.json'));
    const parsed = JSON.parse(original.toString('utf8'));
    for (let offset = 0; offset < original.length; offset++) {
      const mask = nonZeroMask(rng);
      const altered = Buffer.from(original);
      altered[offset]! ^= mask;
      let same: boolean;
      try {
        same = isDeepStrictEqual(JSON.parse(altered.toString('utf8')), parsed);
      } catch {
        same = false;
      }
      const result = await tamper(locked, 'vault.header.json', { op: 'flip', offset, mask }, same ? 'all' : 'never');
      if (same) result.outcome = 'opened: unchanged file';
      else expect(result.outcome).toBe('VaultDamaged');
    }
  });

  it('cut short or extended: damaged', async () => {
    const size = readFileSync(join(locked.dir, 'vault.header.json')).length;
    for (let i = 0; i < 24; i++) {
      // At most size - 2: cutting only the final newline leaves the same JSON document, which opens.
      const result = await tamper(
        locked,
        'vault.header.json',
        { op: 'truncate', length: i === 0 ? 0 : rng.int(1, size - 2) },
        'never',
      );
      expect(result.outcome).toBe('VaultDamaged');
    }
    for (let i = 0; i < 12; i++) {
      // Printable, non-whitespace: trailing whitespace is still the same JSON document.
      const bytes = Buffer.from(Array.from({ length: rng.int(1, 64) }, () => rng.int(0x21, 0x7e)));
      const result = await tamper(locked, 'vault.header.json', { op: 'extend', bytes }, 'never');
      expect(result.outcome).toBe('VaultDamaged');
    }
  });

  it('KDF fields or bound fields edited with the checksum recomputed: WrongPassword (or damaged below the floor), never an open', async () => {
    const original = JSON.parse(readFileSync(join(locked.dir, 'vault.header.json'), 'utf8'));
    const edits: Array<[string, (h: typeof original) => void, 'WrongPassword' | 'VaultDamaged']> = [
      [
        'salt',
        (h) => (h.kdf.salt = Buffer.from(Buffer.from(h.kdf.salt, 'base64').map((b: number) => b ^ 1)).toString('base64')),
        'WrongPassword',
      ],
      ['iterations + 1', (h) => (h.kdf.iterations += 1), 'WrongPassword'],
      ['parallelism + 1', (h) => (h.kdf.parallelism += 1), 'WrongPassword'],
      ['memory + 1 MiB', (h) => (h.kdf.memoryKiB += 1024), 'WrongPassword'],
      ['memory below the floor', (h) => (h.kdf.memoryKiB = 1024), 'VaultDamaged'],
      ['vault id', (h) => (h.vaultId = '00000000-0000-4000-8000-000000000000'), 'WrongPassword'],
      ['created at', (h) => (h.createdAt = '2020-01-01T00:00:00.000Z'), 'WrongPassword'],
      [
        'wrapped key byte',
        (h) =>
          (h.wrappedKey.ciphertext = Buffer.from(
            Buffer.from(h.wrappedKey.ciphertext, 'base64').map((b: number, i: number) => (i === 3 ? b ^ 0x80 : b)),
          ).toString('base64')),
        'WrongPassword',
      ],
      [
        'tag byte',
        (h) =>
          (h.wrappedKey.tag = Buffer.from(
            Buffer.from(h.wrappedKey.tag, 'base64').map((b: number, i: number) => (i === 0 ? b ^ 1 : b)),
          ).toString('base64')),
        'WrongPassword',
      ],
    ];
    for (const [name, edit, expected] of edits) {
      const header = structuredClone(original);
      edit(header);
      const { checksum: _old, ...body } = header;
      void _old;
      header.checksum = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      const bytes = Buffer.from(JSON.stringify(header, null, 2) + '\n');
      const dir = copyOf(locked.dir);
      writeFileSync(join(dir, 'vault.header.json'), bytes);
      const before = snapshotFiles(dir);
      const outcome = await openAndRead(dir);
      expect(outcome.kind, name).toBe('refused');
      expect(outcome.kind === 'refused' && outcome.code, name).toBe(expected);
      const after = snapshotFiles(dir);
      after.delete('unlock-attempts.json');
      expect(after, name).toEqual(before);
      results.push({ fixture: 'locked', file: 'vault.header.json', op: 'flip', position: -1, outcome: expected });
    }
  });
});

describe('the database, no write-ahead log', () => {
  it('bytes flipped anywhere: damaged', async () => {
    const size = readFileSync(join(locked.dir, 'vault.db')).length;
    const offsets = [0, 1, 15, 16, 17, 20, 24, 100, 4095, 4096, 4097, 8191, 8192, size - 1];
    while (offsets.length < 160) offsets.push(rng.int(0, size - 1));
    for (const offset of offsets) {
      const result = await tamper(locked, 'vault.db', { op: 'flip', offset, mask: nonZeroMask(rng) }, 'never');
      expect(result.outcome).toBe('VaultDamaged');
    }
  });

  it('cut short anywhere, or extended by pages or stray bytes: damaged', async () => {
    const size = readFileSync(join(locked.dir, 'vault.db')).length;
    const lengths = [0, 1, 100, 4096, size - 4096, size - 1];
    while (lengths.length < 30) lengths.push(rng.int(0, size - 1));
    for (const length of lengths) {
      const result = await tamper(locked, 'vault.db', { op: 'truncate', length }, 'never');
      expect(result.outcome).toBe('VaultDamaged');
    }
    const extensions = [Buffer.alloc(1), Buffer.alloc(4096), Buffer.alloc(8192, 0xff), rng.bytes(4096)];
    while (extensions.length < 16) extensions.push(rng.bytes(rng.int(1, 9000)));
    for (const bytes of extensions) {
      const result = await tamper(locked, 'vault.db', { op: 'extend', bytes }, 'never');
      expect(result.outcome).toBe('VaultDamaged');
    }
  });
});

describe('a crash-left write-ahead log', () => {
  let wal: Buffer;
  let frameBytes: number;
  let frames: number;
  let pagesInLog: Set<number>;
  let pageSize: number;
  beforeAll(() => {
    wal = readFileSync(join(crashed.dir, 'vault.db-wal'));
    pageSize = wal.readUInt32BE(8);
    frameBytes = 24 + pageSize;
    frames = (wal.length - 32) / frameBytes;
    pagesInLog = new Set(Array.from({ length: frames }, (_, i) => wal.readUInt32BE(32 + i * frameBytes)));
  });

  it('the untouched copy opens with every committed key', async () => {
    expect(Number.isInteger(frames) && frames > 8).toBe(true);
    const outcome = await openAndRead(copyOf(crashed.dir));
    expect(outcome.kind === 'opened' && sameKeys(outcome.keys, crashed.keys)).toBe(true);
  });

  it('bytes flipped in the log: damaged, except in its last frame, which rolls back like an interrupted write', async () => {
    const lastFrame = 32 + (frames - 1) * frameBytes;
    const offsets = Array.from({ length: 32 }, (_, i) => i);
    for (let frame = 0; frame < frames; frame++)
      offsets.push(32 + frame * frameBytes + rng.int(0, 23), 32 + frame * frameBytes + 24 + rng.int(0, pageSize - 1));
    while (offsets.length < 150) offsets.push(rng.int(32, wal.length - 1));
    for (const offset of offsets) {
      const result = await tamper(
        crashed,
        'vault.db-wal',
        { op: 'flip', offset, mask: nonZeroMask(rng) },
        offset >= lastFrame ? 'prefix' : 'never',
      );
      if (offset < lastFrame) expect(result.outcome).toBe('VaultDamaged');
    }
  });

  it('the log cut short: damaged inside its header; past it, a committed prefix, never wrong data', async () => {
    const lengths = [1, 8, 16, 24, 31, 32, 33, 32 + frameBytes, 32 + frameBytes - 1, wal.length - frameBytes, wal.length - 1];
    while (lengths.length < 36) lengths.push(rng.int(1, wal.length - 1));
    for (const length of lengths) {
      const result = await tamper(crashed, 'vault.db-wal', { op: 'truncate', length }, length >= 32 ? 'prefix' : 'never');
      if (length < 32) expect(result.outcome).toBe('VaultDamaged');
    }
  });

  it('garbage appended to the log: ignored like a torn last write; all data', async () => {
    for (let i = 0; i < 12; i++) {
      const bytes = i === 0 ? Buffer.alloc(frameBytes) : rng.bytes(rng.int(1, 2 * frameBytes));
      await tamper(crashed, 'vault.db-wal', { op: 'extend', bytes }, 'all');
    }
  });

  it('bytes flipped in the database beside it: damaged, unless the page is one the log replaces', async () => {
    const size = readFileSync(join(crashed.dir, 'vault.db')).length;
    const offsets = [0, 16, 100, size - 1];
    while (offsets.length < 70) offsets.push(rng.int(0, size - 1));
    for (const offset of offsets) {
      const replaced = pagesInLog.has(Math.floor(offset / pageSize) + 1);
      const result = await tamper(
        crashed,
        'vault.db',
        { op: 'flip', offset, mask: nonZeroMask(rng) },
        replaced ? 'all' : 'never',
      );
      if (!replaced) expect(result.outcome).toBe('VaultDamaged');
    }
  });

  it('the database beside it cut short or extended: damaged, or all data where only pages the log replaces were touched', async () => {
    const size = readFileSync(join(crashed.dir, 'vault.db')).length;
    const lengths = [0, 4096, size - 4096, size - 1];
    while (lengths.length < 14) lengths.push(rng.int(0, size - 1));
    for (const length of lengths) {
      let replaced = true;
      for (let page = Math.floor(length / pageSize) + 1; page <= size / pageSize; page++) replaced &&= pagesInLog.has(page);
      await tamper(crashed, 'vault.db', { op: 'truncate', length }, replaced ? 'all' : 'never');
    }
    for (let i = 0; i < 12; i++) {
      const bytes = i % 2 ? Buffer.alloc(pageSize * rng.int(1, 3)) : rng.bytes(rng.int(1, 9000));
      // Bytes past the file's end that land in pages the log supplies are never read, like the flips above.
      let replaced = true;
      for (let page = Math.floor(size / pageSize) + 1; page <= Math.ceil((size + bytes.length) / pageSize); page++)
        replaced &&= pagesInLog.has(page);
      await tamper(crashed, 'vault.db', { op: 'extend', bytes }, replaced ? 'all' : 'never');
    }
  });
});

it('covers at least 200 positions outside the header', () => {
  expect(results.filter((r) => r.file !== 'vault.header.json').length).toBeGreaterThanOrEqual(200);
});
