import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharedFromBase64 } from '../../../main/costs/importers/shared-bytes.ts';

describe('bytes for the import worker', () => {
  it('decodes base64 slice by slice into shared memory, exactly', async () => {
    for (const size of [0, 1, 2, 3, 4, 786_431, 786_432, 786_433, 3_000_001]) {
      const bytes = randomBytes(size);
      const decoded = await sharedFromBase64(bytes.toString('base64'));
      expect(decoded.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(decoded.equals(bytes)).toBe(true);
    }
  });

  it('refuses text that is not base64, wherever the bad character is', async () => {
    const good = randomBytes(2_000_000).toString('base64');
    for (const at of [0, 1_048_575, 1_048_576, good.length - 3]) {
      const bad = `${good.slice(0, at)}*${good.slice(at + 1)}`;
      await expect(sharedFromBase64(bad)).rejects.toMatchObject({ code: 'Invalid', message: 'file.base64: Not base64.' });
    }
    // Padding only at the very end.
    await expect(sharedFromBase64(`${good.slice(0, 1_048_572)}AA==${good.slice(1_048_576)}`)).rejects.toMatchObject({
      code: 'Invalid',
    });
  });
});
