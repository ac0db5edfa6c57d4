/**
 * `keyward list` (and `keyward run -- true`, where the CLI has it) as a user runs it: a new
 * process each time, through the agent (a services process hosting it, as the unlocked app does)
 * and through the master password (Argon2 at the calibrated cost, as a real vault has). Wall
 * time from spawn to exit, so Node's start-up and module loading are in it.
 *   node test/bench/agent.ts [--runs N] [--keys N] [--cli PATH]   (alone: prints JSON; --cli times
 *   another build of the command, such as a bundle)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import { createServices } from '../../main/services.ts';
import { createApi } from '../../contract/client.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { log, summarize, type Summary } from './stats.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The installed command, whatever it runs (the TypeScript sources, or a bundle). */
const KEYWARD = join(ROOT, 'bin', 'keyward.js');
const HOST = join(ROOT, 'test', 'support', 'agent-host-process.ts');
const PASSWORD = 'bench agent password 0000';

export interface AgentBench {
  keys: number;
  entry: string;
  listViaAgent: Timing;
  listViaPassword: Timing;
  /** null where this CLI has no `run` command. */
  runViaAgent: Timing | null;
  runViaPassword: Timing | null;
}

/** Wall time, and the process's CPU time (user + system, from /usr/bin/time where present): on a busy machine the CPU time says what the wall time cannot. */
interface Timing {
  wall: Summary;
  cpu: Summary | null;
}

export async function benchAgent(root: string, runs: number, keyCount: number, entry = KEYWARD): Promise<AgentBench> {
  const dataDir = join(root, 'agent-vault');
  const passwordFile = join(root, 'agent-password');
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  // A vault as a user's: a calibrated KDF (what the password path pays), a few dozen keys.
  const services = createServices({ dataDir, kdfPolicy: 'calibrate' });
  await services.vault.create(PASSWORD, 'cli');
  const call = createRouter(createHandlers(services));
  const api = createApi((channel, input) => call(channel, input, { source: 'cli' }));
  for (let i = 0; i < keyCount; i++)
    await api.keys.add({ secret: fakeKeys.github(`bench${i}`), label: `Bench key ${i}`, provider: 'github', environment: 'dev' });
  services.vault.lock('quit');

  const env = { ...process.env, KEYWARD_DATA_DIR: dataDir, KEYWARD_KDF: 'calibrate' };
  const gnuTime = existsSync('/usr/bin/time');
  const timed = (args: string[]) => {
    const command = gnuTime ? ['/usr/bin/time', '-f', 'CPU %U %S', process.execPath] : [process.execPath];
    const started = performance.now();
    const result = spawnSync(command[0]!, [...command.slice(1), entry, ...args], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const wall = performance.now() - started;
    if (result.status !== 0) throw new Error(`keyward ${args.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
    const cpu = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr);
    return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
  };
  const sample = (args: string[], n: number): Timing => {
    timed(args);
    const samples = Array.from({ length: n }, () => timed(args));
    const cpu = samples.map((s) => s.cpu).filter((ms): ms is number => ms !== null);
    return { wall: summarize(samples.map((s) => s.wall)), cpu: cpu.length === n ? summarize(cpu) : null };
  };
  const hasRun = /^\s+run\b/m.test(spawnSync(process.execPath, [entry, '--help'], { env, encoding: 'utf8' }).stdout);

  log(`  keyward list through the master password (${Math.max(3, Math.ceil(runs / 4))} runs)…`);
  const listViaPassword = sample(['list', '--no-agent', '--password-file', passwordFile], Math.max(3, Math.ceil(runs / 4)));
  const runViaPassword = hasRun
    ? sample(['run', '--no-agent', '--password-file', passwordFile, '--', 'true'], Math.max(3, Math.ceil(runs / 4)))
    : null;

  const host = spawn(process.execPath, [HOST, dataDir, 'none'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  try {
    await new Promise<void>((resolve, reject) => {
      host.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('ready') && resolve());
      host.once('exit', () => reject(new Error('the agent host exited')));
      host.stdin.write(`${PASSWORD}\n`);
    });
    log(`  keyward list through the agent (${runs} runs)…`);
    const listViaAgent = sample(['list'], runs);
    const runViaAgent = hasRun ? sample(['run', '--', 'true'], runs) : null;
    return { keys: keyCount, entry, listViaAgent, listViaPassword, runViaAgent, runViaPassword };
  } finally {
    host.kill();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20' },
      keys: { type: 'string', default: '30' },
      cli: { type: 'string', default: KEYWARD },
    },
  });
  const root = mkdtempSync(join(tmpdir(), 'keyward-bench-agent-'));
  try {
    process.stdout.write(
      `${JSON.stringify(await benchAgent(root, Number(values.runs), Number(values.keys), values.cli), null, 2)}\n`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
