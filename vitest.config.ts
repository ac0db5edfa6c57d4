import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Two files at a time (Vitest's default is one fewer than the cores: one on a 2-core CI
    // machine); no unit test depends on timing.
    maxWorkers: 2,
    // Argon2 at its floor still costs ~0.2 s per derivation, paid once per password and vault
    // (test/support/kdf-memo.setup.ts); a few tests start processes.
    setupFiles: ['test/support/kdf-memo.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { KEYWARD_KDF: 'minimum' },
  },
});
