import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'main', 'cli.ts');

export interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** A home of its own, so a command without --data-dir cannot reach the user's real vault. */
  home?: string;
  /** Written to stdin, which is then closed, as a pipe from a script would be. */
  stdin?: string;
  env?: Record<string, string>;
  /**
   * A real `node main/cli.ts` child process instead of main/cli.ts's runCli in this process. The
   * output and exit code are the same either way; a process is for what only one can show: the
   * exit code the shell sees, what reaches the real stdout/stderr, two processes on one vault.
   */
  spawn?: boolean;
}

/** The command's environment: ours, at the KDF floor, with the home (if given) in every place a platform looks for it. */
function environment(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYWARD_KDF: 'minimum' };
  delete env.KEYWARD_DATA_DIR;
  if (options.home) Object.assign(env, { HOME: options.home, XDG_CONFIG_HOME: join(options.home, '.config'), APPDATA: join(options.home, 'AppData') });
  return { ...env, ...options.env };
}

/**
 * `keyward <args>`: in this process by default (runCli with captured streams, the same output
 * without paying a process start per command), as a child process with `spawn: true`.
 */
export function runKeyward(args: string[], options: RunOptions = {}): Promise<Run> {
  return options.spawn ? inChildProcess(args, options) : inThisProcess(args, options);
}

async function inThisProcess(args: string[], options: RunOptions): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(args, {
    stdin: Object.assign(Readable.from([Buffer.from(options.stdin ?? '')]), { isTTY: false }),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env: environment(options),
  });
  return { args, code, stdout, stderr };
}

function inChildProcess(args: string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: environment(options), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ args, code, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
  });
}
