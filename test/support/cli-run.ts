import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../main/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, 'main', 'cli.ts');

export interface Run {
  args: string[];
  code: number | null;
  /** The signal that ended the child process, if one did (always null in this process). */
  signal: NodeJS.Signals | null;
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
  /** The child process's working directory (with `spawn: true`; in this process it is the test's). */
  cwd?: string;
  /** Called once the child process has started, with a read-out of its output so far (with `spawn: true`). */
  onStart?: (child: ChildProcess, output: () => string) => void;
}

/** The command's environment: ours, at the KDF floor, with the home (if given) in every place a platform looks for it. */
function environment(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYWARD_KDF: 'minimum' };
  delete env.KEYWARD_DATA_DIR;
  if (options.home)
    Object.assign(env, {
      HOME: options.home,
      XDG_CONFIG_HOME: join(options.home, '.config'),
      APPDATA: join(options.home, 'AppData'),
    });
  return { ...env, ...options.env };
}

/**
 * `keyward <args>`: in this process by default (runCli with captured streams, the same output
 * without paying a process start per command), as a child process with `spawn: true`.
 */
export function runKeyward(args: string[], options: RunOptions = {}): Promise<Run> {
  if (!options.spawn && (options.cwd !== undefined || options.onStart))
    throw new Error('cwd and onStart need a child process: pass spawn: true.');
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
  return { args, code, signal: null, stdout, stderr };
}

function inChildProcess(args: string[], options: RunOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: environment(options),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ args, code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? '');
    options.onStart?.(child, () => stdout + stderr);
  });
}
