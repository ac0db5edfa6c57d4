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
