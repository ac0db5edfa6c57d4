/**
 * `keyward`'s start-up, side by side with what a command cannot be faster than: `keyward
 * --version` and `keyward detect` beside `node -e 0` (Node starting and doing nothing), and
 * `keyward run -- true` beside `sh -c true` (a shell starting a program). Each pair runs in turn
 * (A B A B …) after a warm-up, so the ratio holds when the machine's speed drifts; the median
 * of the per-pair ratios is quoted. Runs what a user runs: bin/keyward.js, which takes the
 * bundle from `npm install` (scripts/build.ts --cli) and the sources when there is none.
 *
 * Alone: `node test/bench/cli.ts [--runs N] [--json]`; `npm run bench` includes it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { table, target, type Target } from './report.ts';
import { hasCommand, round, summarize, type Summary } from './stats.ts';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(projectRoot, 'bin', 'keyward.js');

interface Command {
  file: string;
  args: string[];
  input?: string;
  env?: NodeJS.ProcessEnv;
}

interface Pair {
  a: Summary;
  b: Summary;
  /** Median of the per-pair ratios A/B. */
  ratio: number;
}

function once(command: Command): number {
  const started = performance.now();
  const result = spawnSync(command.file, command.args, {
    input: command.input ?? '',
    env: command.env ?? process.env,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command.file} ${command.args.join(' ')} exited ${result.status ?? result.signal}`);
  return ms;
}

function pair(a: Command, b: Command, runs: number): Pair {
  once(a);
  once(b);
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const ms = once(a);
    const reference = once(b);
    as.push(ms);
    bs.push(reference);
    ratios.push(ms / reference);
  }
  return { a: summarize(as), b: summarize(bs), ratio: round(summarize(ratios).p50) };
}

export interface CliBench {
  bundled: boolean;
  version: Pair;
  detect: Pair;
  run: Pair | null;
  runVsNode: Pair | null;
}

export function benchCli(runs: number): { measurements: CliBench; targets: Target[] } {
  const home = mkdtempSync(join(tmpdir(), 'keyward-bench-cli-'));
  try {
    // A home of its own: nothing here may touch the user's vault (none of these opens one).
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, '.config'),
      APPDATA: join(home, 'AppData'),
    };
    delete env.KEYWARD_DATA_DIR;
    const node = process.execPath;
    const nothing: Command = { file: node, args: ['-e', '0'], env };
    const keyward = (args: string[], input?: string): Command => ({
      file: node,
      args: [BIN, ...args],
      env,
      ...(input === undefined ? {} : { input }),
    });
    const version = pair(keyward(['--version']), nothing, runs);
    const detect = pair(keyward(['detect'], 'sk_test_FAKE0bench0FAKE0bench0FAKE\n'), nothing, runs);
    const shell = hasCommand('sh') && hasCommand('true');
    const run = shell ? pair(keyward(['run', '--', 'true']), { file: 'sh', args: ['-c', 'true'], env }, runs) : null;
    const runVsNode = shell ? pair(keyward(['run', '--', 'true']), nothing, runs) : null;
    const measurements = {
      bundled: existsSync(join(projectRoot, 'dist', 'cli', 'keyward.mjs')),
      version,
      detect,
      run,
      runVsNode,
    };
    const targets = [
      target('cli: keyward --version vs node -e 0', version.ratio, '×', '<=', 4),
      target('cli: keyward detect vs node -e 0', detect.ratio, '×', '<=', 4),
      // A shell starts `true` in about a millisecond; what `run` adds is Node's own start and
      // ours, so its bound is the same as a command's start-up: 4× Node doing nothing.
      target('cli: keyward run -- true vs node -e 0 (sh -c true beside it)', runVsNode?.ratio, '×', '<=', 4),
    ];
    return { measurements, targets };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export function describeCli(m: CliBench): string[] {
  const line = (name: string, p: Pair, other: string) =>
    `  ${name}: p50 ${p.a.p50} ms (min ${p.a.min}, max ${p.a.max}); ${other} p50 ${p.b.p50} ms; ratio ${p.ratio}×`;
  return [
    `  CLI (${m.bundled ? 'bundle dist/cli' : 'no bundle: TypeScript sources'}, bin/keyward.js):`,
    line('keyward --version', m.version, 'node -e 0'),
    line('keyward detect', m.detect, 'node -e 0'),
    ...(m.run
      ? [line('keyward run -- true', m.run, 'sh -c true'), line('keyward run -- true', m.runVsNode!, 'node -e 0')]
      : ['  keyward run -- true: no sh here, not measured']),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '15' }, json: { type: 'boolean', default: false } },
  });
  const { measurements, targets } = benchCli(Number(values.runs));
  if (values.json) console.log(JSON.stringify({ targets, measurements }, null, 2));
  else {
    console.log(table(targets));
    console.log(describeCli(measurements).join('\n'));
  }
}
