import type * as Kdf from '../../main/vault/kdf.ts';

/**
 * main/vault/kdf.ts with Argon2id memoised per (password, parameters, salt), installed for every
 * Vitest file by test/support/kdf-memo.setup.ts. It is a pure function, so the vault's unlock
 * path runs unchanged and returns what it always would; only the repeated cost of one identical
 * derivation (hundreds of tamper cases opening the same vault, a CLI test unlocking its vault for
 * every command) is paid once. A different password or an altered KDF field is a new entry and
 * derives for real.
 */
export function memoisedKdf(real: typeof Kdf): typeof Kdf {
  const cache = new Map<string, Buffer>();
  return {
    ...real,
    deriveKek: async (password: string, params: Kdf.KdfParams) => {
      const id = JSON.stringify([
        password,
        params.memoryKiB,
        params.iterations,
        params.parallelism,
        params.version,
        params.salt.toString('hex'),
      ]);
      let kek = cache.get(id);
      if (!kek) {
        kek = await real.deriveKek(password, params);
        cache.set(id, Buffer.from(kek));
      }
      // Callers wipe the key they are given: hand out a copy.
      return Buffer.from(kek);
    },
  };
}
