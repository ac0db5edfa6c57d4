import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { pathToFileURL } from 'node:url';
import { isKeywardError } from '../contract/errors.ts';
import { CliContext, EXIT, exitCodeFor } from './cli/context.ts';
import { processIo, type CliIo } from './cli/io.ts';
import { registerBackupCommands } from './cli/commands/backups.ts';
import { registerCostCommands, RejectedImport } from './cli/commands/costs.ts';
import { registerKeyCommands } from './cli/commands/keys.ts';
import { registerLifecycleCommands } from './cli/commands/lifecycle.ts';
import { registerTrashCommands } from './cli/commands/trash.ts';
import { registerVaultCommands } from './cli/commands/vault.ts';

/**
 * `keyward`: the headless door into the same router the app uses. Global options may come
 * before or after the command. stderr gets one line naming the problem; the exit code says
 * which kind (0 ok, 2 usage, 3 wrong password, 4 vault damaged, 1 anything else).
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('keyward')
    .description('Keyward: an encrypted wallet for API keys.')
    .option('--data-dir <dir>', 'vault directory (default: the desktop app’s; env KEYWARD_DATA_DIR)')
    .option('--password-file <path>', 'read the master password from the first line of a file')
    .option('--password-env <var>', 'read the master password from an environment variable')
    .option('--json', 'machine-readable output')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  const context = () => new CliContext(io, program.opts());
  registerVaultCommands(program, context);
  registerKeyCommands(program, context);
  registerLifecycleCommands(program, context);
  registerTrashCommands(program, context);
  registerBackupCommands(program, context);
  registerCostCommands(program, context);
  const overrideExits = (command: CommandUnknownOpts): void => {
    command.exitOverride();
    command.commands.forEach(overrideExits);
  };
  program.commands.forEach(overrideExits);

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof RejectedImport) return error.exitCode;
    if (isKeywardError(error)) {
      io.stderr.write(`keyward: ${error.message}\n`);
      return exitCodeFor(error.code);
    }
    // Unexpected: say so without the message, which could quote input.
    io.stderr.write(`keyward: unexpected ${error instanceof Error ? error.name : 'failure'}.\n`);
    return EXIT.failure;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
