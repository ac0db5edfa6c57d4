/**
 * `npm test`: every check the project has, in order, then one closing line
 * `N passed, N failed, N skipped`. Exits non-zero when anything failed.
 *   - static checks: typecheck (node + web), lint and Electronegativity, one count each;
 *   - unit: Vitest under Node (services, vault, CLI through child processes);
 *   - reliability: the suite of docs/reliability.md (its own Vitest config, and a Playwright project);
 *   - browser and Electron: Playwright (e2e and reliability in Chromium; Electron where a binary exists);
 *   - the benchmark at a small size, which must run to the end (one count).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
mkdirSync('test-results', { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(name: string, command: string, args: string[]): void {
  console.log(`\n▶ ${name}`);
  if (run(command, args) === 0) tally.passed += 1;
  else {
    tally.failed += 1;
    console.log(`✗ ${name} failed`);
  }
}

function readJson<T>(path: string): T | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

check('typecheck (node)', npx, ['tsc', '-p', 'tsconfig.node.json']);
check('typecheck (web)', npx, ['tsc', '-p', 'tsconfig.web.json']);
check('lint', npx, ['eslint', '.']);
check('electronegativity', process.execPath, ['scripts/electronegativity.ts']);

/** One Vitest run, its counts added to the tally from its JSON report. */
function vitestRun(name: string, args: string[], report: string): void {
  console.log(`\n▶ ${name}`);
  rmSync(report, { force: true });
  const status = run(npx, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const counts = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(report);
  if (counts) {
    tally.passed += counts.numPassedTests;
    tally.failed += counts.numFailedTests;
    tally.skipped += counts.numPendingTests + counts.numTodoTests;
  }
  if (!counts || (status !== 0 && counts.numFailedTests === 0)) {
    tally.failed += 1; // the run itself broke (a file failed to load, a crash)
    console.log(`✗ ${name} did not complete`);
  }
}

vitestRun('unit tests (vitest)', [], 'test-results/vitest.json');
// Crash rounds, tampering, brute force, fuzzing, secret hygiene, two processes (docs/reliability.md);
// its browser half runs with the Playwright projects below.
vitestRun('reliability suite (vitest)', ['-c', 'vitest.reliability.config.ts'], 'test-results/vitest-reliability.json');

console.log('\n▶ build (main, preload, renderer)');
if (run(process.execPath, ['scripts/build.ts']) !== 0) {
  tally.failed += 1;
  console.log('✗ build failed');
} else {
  console.log('\n▶ browser and Electron tests (playwright)');
  rmSync('test-results/playwright.json', { force: true });
  const playwrightStatus = run(npx, ['playwright', 'test'], { CI: 'true' });
  interface Spec {
    title: string;
    tests: Array<{ status: string; annotations: Array<{ type: string; description?: string }> }>;
  }
  interface Suite {
    specs?: Spec[];
    suites?: Suite[];
  }
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: Suite[] }>(
    'test-results/playwright.json',
  );
  if (report) {
    tally.passed += report.stats.expected + report.stats.flaky;
    tally.failed += report.stats.unexpected;
    tally.skipped += report.stats.skipped;
    const walk = (suite: Suite) => {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests) {
          if (test.status !== 'skipped') continue;
          const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'skipped';
          console.log(`skipped: ${spec.title} — ${reason}`);
        }
      }
      for (const child of suite.suites ?? []) walk(child);
    };
    report.suites.forEach(walk);
  }
  if (!report || (playwrightStatus !== 0 && report.stats.unexpected === 0)) {
    tally.failed += 1;
    console.log('✗ playwright did not complete');
  }
  // The benchmark at a small size: it must run to the end (exit 0). Nothing is timed here and a
  // missed target fails nothing; the numbers that count are taken by hand (docs/benchmarks.md).
  check('benchmark runs (npm run bench -- --rows 2000 --keys 200)', process.execPath, [
    'test/bench/index.ts',
    '--rows',
    '2000',
    '--keys',
    '200',
    '--no-build',
  ]);
}

console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exitCode = tally.failed > 0 ? 1 : 0;
