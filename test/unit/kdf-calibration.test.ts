import { describe, expect, it } from 'vitest';
import { KDF_FLOOR, MAX_CALIBRATED_MEMORY_KIB, recalibrated, type KdfCost } from '../../main/vault/kdf.ts';

/** Calibration's steps on a simulated machine whose Argon2 takes `msPerMiBPass` per MiB and pass. */
function calibrateOn(msPerMiBPass: number): KdfCost {
  let cost: KdfCost = { ...KDF_FLOOR };
  for (let round = 0; round < 4; round += 1) {
    const next = recalibrated(cost, (cost.memoryKiB / 1024) * cost.iterations * msPerMiBPass);
    if (!next) break;
    cost = next;
  }
  return cost;
}

const seconds = (cost: KdfCost, msPerMiBPass: number) => ((cost.memoryKiB / 1024) * cost.iterations * msPerMiBPass) / 1000;

describe('KDF calibration', () => {
  it('a fast machine gets 128 MiB at most and more passes instead, still about 0.5–1 s', () => {
    // Our benchmark machine idle: 64 MiB × 3 passes in ~95 ms.
    const fast = 95 / (64 * 3);
    const cost = calibrateOn(fast);
    expect(cost.memoryKiB).toBe(MAX_CALIBRATED_MEMORY_KIB);
    expect(cost.iterations).toBeGreaterThan(KDF_FLOOR.iterations);
    expect(seconds(cost, fast)).toBeGreaterThanOrEqual(0.5);
    expect(seconds(cost, fast)).toBeLessThanOrEqual(1);
  });

  it('a middling machine scales memory first, within the cap, at the floor’s passes', () => {
    const middling = 400 / (64 * 3);
    const cost = calibrateOn(middling);
    expect(cost).toMatchObject({ iterations: 3, parallelism: 4 });
    expect(cost.memoryKiB).toBeGreaterThan(KDF_FLOOR.memoryKiB);
    expect(cost.memoryKiB).toBeLessThanOrEqual(MAX_CALIBRATED_MEMORY_KIB);
  });

  it('a slow machine keeps the floor, never less', () => {
    expect(calibrateOn(2000 / (64 * 3))).toEqual(KDF_FLOOR);
  });
});
