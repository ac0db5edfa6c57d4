import { randomBytes } from 'node:crypto';

/** Argon2id cost. Stored in the vault header so each vault keeps the cost it was created with. */
export interface KdfCost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export interface KdfParams extends KdfCost {
  algorithm: 'argon2id';
  version: 19;
  salt: Buffer;
}

/** Never below Bitwarden's Argon2id defaults (64 MiB, 3 passes, 4 lanes), whatever the machine. */
export const KDF_FLOOR: KdfCost = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 };
/**
 * The most a header may ask for. A header is only checksummed, not authenticated until the
 * password is known, so a tampered one could otherwise make an unlock hang (2³²−1 passes), claim
 * gigabytes, or crash the process. Calibration stays far below (128 MiB, a few passes).
 */
export const KDF_CEILING: KdfCost = { memoryKiB: 4 * 1024 * 1024, iterations: 64, parallelism: 64 };
/**
 * The most memory calibration asks for; past it, a faster machine gets more passes. The KDF's
 * memory is the peak of every unlock (Argon2 fills all of it at once, in the process that
 * unlocks): at 128 MiB the app's peak stays under its 300 MB target (docs/benchmarks.md), twice
 * RFC 9106's memory-constrained choice (64 MiB, t=3, p=4) and Bitwarden's default. Until issue 19
 * calibration went up to 1 GiB (352 MiB on our benchmark machine, a 490 MB peak).
 */
export const MAX_CALIBRATED_MEMORY_KIB = 128 * 1024;
const TARGET_MS = 700;
const ACCEPT_MS: [number, number] = [500, 1000];

/**
 * `calibrate` measures this machine and picks a cost that takes about 0.5–1 s;
 * `minimum` uses the floor directly (tests and the benchmark's fixed runs).
 */
export type KdfPolicy = 'calibrate' | 'minimum';

export function isBelowFloor(cost: KdfCost): boolean {
  return (
    cost.memoryKiB < KDF_FLOOR.memoryKiB || cost.iterations < KDF_FLOOR.iterations || cost.parallelism < KDF_FLOOR.parallelism
  );
}

/** Whether a header's cost is one Keyward would ever write: not below the floor, not above the ceiling. */
export function isOutOfBounds(cost: KdfCost): boolean {
  return (
    isBelowFloor(cost) ||
    cost.memoryKiB > KDF_CEILING.memoryKiB ||
    cost.iterations > KDF_CEILING.iterations ||
    cost.parallelism > KDF_CEILING.parallelism
  );
}

/** The key-encryption key. The password is NFC-normalised so the same password typed on any OS derives the same key. */
export async function deriveKek(password: string, params: KdfParams): Promise<Buffer> {
  // Loaded here, not at the top: the workers share this module's bounds (header.ts) and must not
  // load the native Argon2 binding they never use.
  const { default: argon2 } = await import('argon2');
  return argon2.hash(password.normalize('NFC'), {
    type: argon2.argon2id,
    version: params.version,
    raw: true,
    hashLength: 32,
    salt: params.salt,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
  });
}

export function newSalt(): Buffer {
  return randomBytes(16);
}

export async function chooseKdfCost(policy: KdfPolicy): Promise<KdfCost> {
  return policy === 'minimum' ? { ...KDF_FLOOR } : calibrate();
}

/**
 * Scale memory first (what makes Argon2 expensive on GPUs), then passes once memory is capped.
 * Three or four timed runs: vault creation takes a few seconds once, every unlock ~0.7 s.
 */
async function calibrate(): Promise<KdfCost> {
  let cost: KdfCost = { ...KDF_FLOOR };
  let elapsed = await timeOnce(cost);
  for (let round = 0; round < 3; round++) {
    const next = recalibrated(cost, elapsed);
    if (!next) break;
    cost = next;
    elapsed = await timeOnce(cost);
  }
  return cost;
}

/** The next cost to try after `cost` took `elapsedMs`, or null when it is within 0.5–1 s (or cannot get cheaper). */
export function recalibrated(cost: KdfCost, elapsedMs: number): KdfCost | null {
  if (elapsedMs >= ACCEPT_MS[0] && elapsedMs <= ACCEPT_MS[1]) return null;
  const scale = TARGET_MS / elapsedMs;
  // Already at the floor: slower machines keep it.
  if (scale < 1 && cost.memoryKiB === KDF_FLOOR.memoryKiB && cost.iterations === KDF_FLOOR.iterations) return null;
  if (cost.memoryKiB < MAX_CALIBRATED_MEMORY_KIB || (scale < 1 && cost.iterations === KDF_FLOOR.iterations)) {
    const memoryKiB = Math.floor((cost.memoryKiB * scale) / 16384) * 16384;
    return { ...cost, memoryKiB: clamp(memoryKiB, KDF_FLOOR.memoryKiB, MAX_CALIBRATED_MEMORY_KIB) };
  }
  const iterations = clamp(Math.round(cost.iterations * scale), KDF_FLOOR.iterations, KDF_CEILING.iterations);
  return { ...cost, iterations };
}

async function timeOnce(cost: KdfCost): Promise<number> {
  const started = performance.now();
  const kek = await deriveKek('calibration', { algorithm: 'argon2id', version: 19, salt: newSalt(), ...cost });
  kek.fill(0);
  return performance.now() - started;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
