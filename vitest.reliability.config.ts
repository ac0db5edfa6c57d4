import { defineConfig } from 'vitest/config';

/**
 * `npm run test:reliability` (and `npm test`): crash rounds, tampering, brute force, fuzzing,
 * secret hygiene, two processes, backups. Two files at a time: the crash rounds and the
 * two-process tests spend much of their time waiting on child processes, which leaves a core for
 * the fuzzing; none of the files depends on timing.
 *
 * The randomised tests run pull-request budgets by default; `--mode soak` (`npm run test:soak`)
 * sets KEYWARD_SOAK=1 and they run the full ones (test/support/budget.ts).
 */
export default defineConfig(({ mode }) => ({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    setupFiles: ['test/support/kdf-memo.setup.ts'],
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    env: { KEYWARD_KDF: 'minimum', ...(mode === 'soak' ? { KEYWARD_SOAK: '1' } : {}) },
  },
}));
