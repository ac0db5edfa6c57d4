import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Checks a write-ahead log left behind (after a crash, or by another process) before SQLite
 * replays it. SQLite treats the first frame that fails its checksum as the end of the log and
 * silently ignores everything after it, so an altered byte in the middle of the WAL would quietly
 * drop committed transactions. SQLCipher's page HMACs cannot see that: the frames are never read.
 *
 * The rule here: a frame may fail only if no frame of the same log generation (same salts)
 * follows it. A crash can tear only the last frames; old generations left past the end of a
 * reset log carry other salts. A bad WAL header on a log that holds frames is damage too.
 * What no check can tell from a crash: a cut exactly at a frame boundary, or an altered last
 * frame, both of which SQLite rolls back like the interrupted write they resemble.
 */
/** What is wrong, as `damaged()` words it (main/vault/header.ts); `frame` counts from 1. */
export type WalVerdict = { ok: true; frames: number } | { ok: false; cause: 'walCut' | 'walHeader' | 'walFrame'; frame?: number };

const HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;

export function checkWal(path: string): WalVerdict {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return { ok: true, frames: 0 };
  }
  if (size === 0) return { ok: true, frames: 0 };
  const wal = readWhole(path, size);
  if (size < HEADER_BYTES) return { ok: false, cause: 'walCut' };

  const magic = wal.readUInt32BE(0);
  if (magic !== MAGIC_LE && magic !== MAGIC_BE) return { ok: false, cause: 'walHeader' };
  const bigEndian = magic === MAGIC_BE;
  const pageSize = wal.readUInt32BE(8);
  const validPageSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  const headerSum = checksum(wal.subarray(0, 24), [0, 0], bigEndian);
  if (
    !validPageSize ||
    wal.readUInt32BE(4) !== 3007000 ||
    headerSum[0] !== wal.readUInt32BE(24) ||
    headerSum[1] !== wal.readUInt32BE(28)
  ) {
    return { ok: false, cause: 'walHeader' };
  }

  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  let running: [number, number] = headerSum;
  let firstBad = -1;
  let frames = 0;
  for (let offset = HEADER_BYTES; offset + FRAME_HEADER_BYTES <= size; offset += frameBytes, frames++) {
    const sameGeneration = wal.readUInt32BE(offset + 8) === salt1 && wal.readUInt32BE(offset + 12) === salt2;
    if (firstBad >= 0) {
      if (sameGeneration) return { ok: false, cause: 'walFrame', frame: firstBad + 1 };
      continue;
    }
    const whole = offset + frameBytes <= size;
    if (!sameGeneration || !whole || wal.readUInt32BE(offset) === 0) {
      firstBad = frames;
      continue;
    }
    running = checksum(wal.subarray(offset, offset + 8), running, bigEndian);
    running = checksum(wal.subarray(offset + FRAME_HEADER_BYTES, offset + frameBytes), running, bigEndian);
    if (running[0] !== wal.readUInt32BE(offset + 16) || running[1] !== wal.readUInt32BE(offset + 20)) firstBad = frames;
  }
  return { ok: true, frames };
}

/**
 * Another process (the app while the CLI opens the vault) may be appending to or resetting the
 * log while it is read, which can look like damage for an instant. Damage is reported only if
 * it is still there after a few short pauses.
 */
export async function checkWalSettled(path: string, attempts = 4, pauseMs = 50): Promise<WalVerdict> {
  let verdict = checkWal(path);
  for (let attempt = 1; attempt < attempts && !verdict.ok; attempt++) {
    await sleep(pauseMs);
    verdict = checkWal(path);
  }
  return verdict;
}

/** SQLite's WAL checksum: a Fletcher-like sum over 32-bit words, in the byte order the magic names. */
function checksum(data: Buffer, start: [number, number], bigEndian: boolean): [number, number] {
  let s0 = start[0];
  let s1 = start[1];
  for (let i = 0; i + 8 <= data.length; i += 8) {
    const a = bigEndian ? data.readUInt32BE(i) : data.readUInt32LE(i);
    const b = bigEndian ? data.readUInt32BE(i + 4) : data.readUInt32LE(i + 4);
    s0 = (s0 + a + s1) >>> 0;
    s1 = (s1 + b + s0) >>> 0;
  }
  return [s0, s1];
}

function readWhole(path: string, size: number): Buffer {
  const buffer = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
  } finally {
    closeSync(fd);
  }
  return buffer;
}
