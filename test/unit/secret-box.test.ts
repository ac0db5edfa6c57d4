import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../main/vault/crypto.ts';
import { fakeKeys } from '../support/fake-keys.ts';

describe('per-value encryption', () => {
  const secret = fakeKeys.openaiProject();

  it('opens what it sealed, and the sealed bytes do not contain the secret', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('key-1', secret);
    expect(sealed.includes(Buffer.from(secret))).toBe(false);
    expect(box.open('key-1', sealed)).toBe(secret);
  });

  it('is bound to its key id: a value moved to another row does not open', () => {
    const box = new SecretBox(randomBytes(32));
    expect(() => box.open('key-2', box.seal('key-1', secret))).toThrow();
  });

  it('detects any altered byte', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('key-1', secret);
    for (let i = 0; i < sealed.length; i += 7) {
      const altered = Buffer.from(sealed);
      altered[i]! ^= 0x01;
      expect(() => box.open('key-1', altered)).toThrow();
    }
  });

  it('needs the same data key, and sealing twice gives different bytes', () => {
    const dataKey = randomBytes(32);
    const a = new SecretBox(dataKey).seal('key-1', secret);
    expect(new SecretBox(Buffer.from(dataKey)).open('key-1', a)).toBe(secret);
    expect(() => new SecretBox(randomBytes(32)).open('key-1', a)).toThrow();
    expect(new SecretBox(dataKey).seal('key-1', secret).equals(a)).toBe(false);
  });

  it('fingerprints equal secrets equally, under this vault’s key only', () => {
    const dataKey = randomBytes(32);
    const box = new SecretBox(dataKey);
    expect(box.fingerprint(secret)).toBe(new SecretBox(dataKey).fingerprint(secret));
    expect(box.fingerprint(secret)).not.toBe(box.fingerprint(fakeKeys.github()));
    expect(box.fingerprint(secret)).not.toBe(new SecretBox(randomBytes(32)).fingerprint(secret));
  });

  it('refuses to work after wipe', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('key-1', secret);
    box.wipe();
    expect(() => box.open('key-1', sealed)).toThrow();
  });
});
