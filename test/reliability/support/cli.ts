import { runKeyward, type Run } from '../../support/cli-run.ts';
import { PASSWORD } from '../../support/vault.ts';

/** A run; `args` as the test gave them, without the --data-dir and --password-env added here. */
export type CliRun = Run;

const against = (dataDir: string, args: string[]) => [...args, '--data-dir', dataDir, '--password-env', 'KW'];

/** `keyward <args>` as its own process against `dataDir`, the password from an environment variable. */
export async function cli(dataDir: string, args: string[], stdin = '', password = PASSWORD): Promise<CliRun> {
  return { ...(await runKeyward(against(dataDir, args), { stdin, env: { KW: password }, spawn: true })), args };
}

/**
 * The same command run inside this process (main/cli.ts's runCli with captured streams): what it
 * prints is exactly what the binary prints, without paying a process start and a real Argon2
 * derivation per command. The hygiene tests use it for the many commands whose output they read.
 */
export async function cliInProcess(dataDir: string, args: string[], stdin = '', password = PASSWORD): Promise<CliRun> {
  return { ...(await runKeyward(against(dataDir, args), { stdin, env: { KW: password } })), args };
}
