import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PASSWORD } from '../../support/vault.ts';

export const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));

export interface CliRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `keyward <args>` as its own process against `dataDir`, the password from an environment variable. */
export function cli(dataDir: string, args: string[], stdin = '', password = PASSWORD): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args, '--data-dir', dataDir, '--password-env', 'KW'], {
      env: { ...process.env, KW: password },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ args, code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * The same command run inside this process (main/cli.ts's runCli with captured streams): what it
 * prints is exactly what the binary prints, without paying a process start and a real Argon2
 * derivation per command. The hygiene tests use it for the many commands whose output they read.
 */
export async function cliInProcess(dataDir: string, args: string[], stdin = '', password = PASSWORD): Promise<CliRun> {
  const { runCli } = await import('../../../main/cli.ts');
  const { Readable, Writable } = await import('node:stream');
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const input = Object.assign(Readable.from([Buffer.from(stdin)]), { isTTY: false });
  const code = await runCli([...args, '--data-dir', dataDir, '--password-env', 'KW'], {
    stdin: input,
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
    env: { ...process.env, KW: password },
  });
  return { args, code, stdout, stderr };
}
