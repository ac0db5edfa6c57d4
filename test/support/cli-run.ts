import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'main', 'cli.ts');

export interface Run {
  args: string[];
  code: number | null;
  /** The signal that ended it, if one did. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `keyward …` as a real child process, in a home of its own (so no test reaches a real vault),
 * at the KDF floor. stdin is closed after `stdin` is written, as a pipe from a script would be.
 */
export function runKeyward(
  args: string[],
  options: { home: string; stdin?: string; env?: Record<string, string>; cwd?: string; onStart?: (child: ChildProcess, output: () => string) => void },
): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEYWARD_KDF: 'minimum',
    HOME: options.home,
    XDG_CONFIG_HOME: join(options.home, '.config'),
    APPDATA: join(options.home, 'AppData'),
    ...options.env,
  };
  delete env.KEYWARD_DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
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
