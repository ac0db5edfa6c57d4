import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability` (and `npm test`): crash rounds, tampering, brute force, fuzzing,
 * secret hygiene, two processes, backups. Files run one at a time: several spawn processes or
 * time themselves, and the build machine has two cores shared with other runs.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    setupFiles: ['test/reliability/support/kdf-memo.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    env: { KEYWARD_KDF: 'minimum' },
  },
});
