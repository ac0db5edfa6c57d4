import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability` (and `npm test`): crash rounds, tampering, brute force, fuzzing,
 * secret hygiene, two processes, backups. Two files at a time: the crash rounds and the
 * two-process tests spend much of their time waiting on child processes, which leaves a core for
 * the fuzzing; none of the files depends on timing.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    setupFiles: ['test/reliability/support/kdf-memo.ts'],
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    env: { KEYWARD_KDF: 'minimum' },
  },
});
