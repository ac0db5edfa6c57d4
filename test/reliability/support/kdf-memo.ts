/**
 * Setup for the in-process reliability tests: Argon2id memoised (test/support/kdf-memo.ts says
 * why that changes nothing but the time). The crash rounds' and the CLI's child processes use the
 * real, unmemoised KDF.
 */
import { vi } from 'vitest';
import type * as Kdf from '../../../main/vault/kdf.ts';

vi.mock('../../../main/vault/kdf.ts', async (importOriginal) => (await import('../../support/kdf-memo.ts')).memoisedKdf(await importOriginal<typeof Kdf>()));
