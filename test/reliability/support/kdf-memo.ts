/**
 * Setup for the in-process reliability tests: Argon2id is memoised per (password, parameters,
 * salt). It is a pure function, so the vault's unlock path runs unchanged and returns what it
 * always would; only the repeated cost of one identical derivation (hundreds of tamper cases
 * open the same vault) is paid once. A different password or altered KDF field is a new entry
 * and derives for real. The crash rounds' child processes use the real, unmemoised KDF.
 */
import { vi } from 'vitest';
import type * as Kdf from '../../../main/vault/kdf.ts';

vi.mock('../../../main/vault/kdf.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Kdf>();
  const cache = new Map<string, Buffer>();
  return {
    ...real,
    deriveKek: async (password: string, params: Kdf.KdfParams) => {
      const id = JSON.stringify([password, params.memoryKiB, params.iterations, params.parallelism, params.version, params.salt.toString('hex')]);
      let kek = cache.get(id);
      if (!kek) {
        kek = await real.deriveKek(password, params);
        cache.set(id, Buffer.from(kek));
      }
      // Callers wipe the key they are given: hand out a copy.
      return Buffer.from(kek);
    },
  };
});
