/**
 * Setup for both Vitest configurations: Argon2id memoised per (password, parameters, salt)
 * (test/support/kdf-memo.ts says why that changes nothing but the time). Each derivation still
 * runs for real the first time; child processes (the crash rounds' writer, the CLI started with
 * `spawn: true`) use the real, unmemoised KDF every time.
 */
import { vi } from 'vitest';
import type * as Kdf from '../../main/vault/kdf.ts';

vi.mock('../../main/vault/kdf.ts', async (importOriginal) =>
  (await import('./kdf-memo.ts')).memoisedKdf(await importOriginal<typeof Kdf>()),
);
