import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Argon2 at its floor still costs ~0.2 s per derivation; CLI tests spawn processes.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { KEYWARD_KDF: 'minimum' },
  },
});
