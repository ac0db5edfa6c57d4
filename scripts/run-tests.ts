/**
 * `npm test`: every check the project has, in order, then one closing line
 * `N passed, N failed, N skipped`. Exits non-zero when anything failed.
 *   - static checks: typecheck (node + web), lint, format, Electronegativity and the message catalog, one count each, two at a time;
 *   - unit: Vitest under Node (services, vault, the CLI in process and once per exit code as a child process);
 *   - reliability: the suite of docs/reliability.md (its own Vitest config, and a Playwright project);
 *   - browser and Electron: Playwright (e2e and reliability in Chromium; Electron where a binary exists);
 *   - the benchmark at a small size, which must run to the end (one count).
 * The randomised tests run pull-request budgets here; `npm run test:soak` runs the full ones.
 */
import { spawn, spawnSync } from 'node:child_process';
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

interface Check {
  name: string;
  command: string;
  args: string[];
}

/** One check with its output (stdout and stderr, in the order written) held back until it ends. */
function buffered(item: Check): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(item.command, item.args, { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
    child.on('close', (code) => resolve({ status: code ?? 1, output }));
  });
}

/**
 * Single-threaded checks two at a time, so both cores of a small CI machine work; each one's
 * output is printed whole, in the order listed, once it is done.
 */
async function checksInPairs(list: Check[]): Promise<void> {
  type Outcome = { status: number; output: string };
  const done: Array<(outcome: Outcome) => void> = [];
  const outcomes = list.map(() => new Promise<Outcome>((resolve) => done.push(resolve)));
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < list.length; i = next++) done[i]!(await buffered(list[i]!));
  };
  void lane();
  void lane();
  for (const [i, item] of list.entries()) {
    const { status, output } = await outcomes[i]!;
    console.log(`\n▶ ${item.name}`);
    process.stdout.write(output);
    if (status === 0) tally.passed += 1;
    else {
      tally.failed += 1;
      console.log(`✗ ${item.name} failed`);
    }
  }
}

// Lint first: type-aware, it is the longest, and the other three fit beside it.
await checksInPairs([
  { name: 'lint', command: npx, args: ['eslint', '.'] },
  { name: 'format (prettier --check)', command: npx, args: ['prettier', '--check', '--log-level', 'warn', '.'] },
  { name: 'typecheck (node)', command: npx, args: ['tsc', '-p', 'tsconfig.node.json'] },
  { name: 'typecheck (web)', command: npx, args: ['tsc', '-p', 'tsconfig.web.json'] },
  { name: 'electronegativity', command: process.execPath, args: ['scripts/electronegativity.ts'] },
  { name: 'i18n (English and Korean complete)', command: process.execPath, args: ['scripts/i18n-check.ts'] },
]);

/** One Vitest run, its counts added to the tally from its JSON report. */
function vitestRun(name: string, args: string[], report: string): void {
  console.log(`\n▶ ${name}`);
  rmSync(report, { force: true });
  const status = run(npx, ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const counts = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(
    report,
  );
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

// Built once, before the suites: the packaging unit tests read dist/ (KEYWARD_BUILT tells them it
// is fresh), the Playwright suites serve it and the benchmark runs it.
console.log('\n▶ build (main, preload, renderer)');
const built = run(process.execPath, ['scripts/build.ts']) === 0;
if (!built) {
  tally.failed += 1;
  console.log('✗ build failed');
}
process.env.KEYWARD_BUILT = built ? '1' : '';

vitestRun('unit tests (vitest)', [], 'test-results/vitest.json');
// Crash rounds, tampering, brute force, fuzzing, secret hygiene, two processes (docs/reliability.md);
// its browser half runs with the Playwright projects below.
vitestRun('reliability suite (vitest)', ['-c', 'vitest.reliability.config.ts'], 'test-results/vitest-reliability.json');

if (built) {
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
  check('benchmark runs (npm run bench -- --rows 2000 --keys 200 --kdf-runs 1)', process.execPath, [
    'test/bench/index.ts',
    '--rows',
    '2000',
    '--keys',
    '200',
    '--kdf-runs',
    '1',
    '--no-build',
  ]);
}

console.log(`\n${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exitCode = tally.failed > 0 ? 1 : 0;
