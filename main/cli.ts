import { Command, CommanderError, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { pathToFileURL } from 'node:url';
import packageJson from '../package.json' with { type: 'json' };
import { isKeywardError } from '../contract/errors.ts';
import { CliContext, EXIT, exitCodeFor, ExitWith } from './cli/context.ts';
import { processIo, type CliIo } from './cli/io.ts';
import { terminalSafe } from './cli/terminal-safe.ts';

type Register = (program: Command, context: () => CliContext) => void;

/**
 * Every command, by the module that registers it, in the order `--help` lists them. Only the
 * module of the command being run is loaded (each pulls in its own schemas and libraries), so
 * `keyward detect` or `keyward run` does not pay for the costs commands' zod schemas; `--help`
 * and an unknown command load them all. test/unit/cli-start.test.ts checks the names.
 */
export const commandModules: ReadonlyArray<{ names: readonly string[]; load: () => Promise<Register> }> = [
  { names: ['init', 'passwd', 'audit'], load: async () => (await import('./cli/commands/vault.ts')).registerVaultCommands },
  { names: ['add', 'list', 'reveal', 'rm'], load: async () => (await import('./cli/commands/keys.ts')).registerKeyCommands },
  { names: ['detect'], load: async () => (await import('./cli/commands/detect.ts')).registerDetectCommand },
  {
    names: ['due', 'rotate', 'history'],
    load: async () => (await import('./cli/commands/lifecycle.ts')).registerLifecycleCommands,
  },
  { names: ['trash'], load: async () => (await import('./cli/commands/trash.ts')).registerTrashCommands },
  { names: ['backup'], load: async () => (await import('./cli/commands/backups.ts')).registerBackupCommands },
  {
    names: ['usage', 'costs', 'prices', 'budget'],
    load: async () => (await import('./cli/commands/costs.ts')).registerCostCommands,
  },
  { names: ['run', 'inject'], load: async () => (await import('./cli/commands/run.ts')).registerRunCommands },
  { names: ['scan'], load: async () => (await import('./cli/commands/scan.ts')).registerScanCommands },
  { names: ['env'], load: async () => (await import('./cli/commands/env.ts')).registerEnvCommands },
  { names: ['health', 'check'], load: async () => (await import('./cli/commands/health.ts')).registerHealthCommands },
  { names: ['agent'], load: async () => (await import('./cli/commands/agent.ts')).registerAgentCommands },
];

/** Global options that take a value, so the scan for the command's name skips that value. */
const VALUE_OPTIONS = new Set(['--data-dir', '--password-file', '--password-env']);

/** The command named in argv (the first word that is not a global option or its value), if any. */
export function commandName(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') return null;
    if (VALUE_OPTIONS.has(word)) i += 1;
    else if (!word.startsWith('-')) return word;
  }
  return null;
}

/**
 * `keyward`: the headless door into the same router the app uses. Global options may come
 * before or after the command. stderr gets one line naming the problem; the exit code says
 * which kind (0 ok, 2 usage, 3 wrong password, 4 vault damaged, 5 `scan` found leaks, 6 denied in the app or not done by the agent, 1 anything else).
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const program = new Command('keyward')
    .description('Keyward: an encrypted wallet for API keys.')
    .option('--data-dir <dir>', 'vault directory (default: the desktop app’s; env KEYWARD_DATA_DIR)')
    .option('--password-file <path>', 'read the master password from the first line of a file')
    .option('--password-env <var>', 'read the master password from an environment variable')
    .option('--json', 'machine-readable output')
    .option('--no-agent', 'do not ask the running app or `keyward agent`; use the master password')
    .version(packageJson.version, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  const context = () => new CliContext(io, program.opts(), argv);
  const name = commandName(argv);
  const wanted = commandModules.filter((module) => module.names.includes(name ?? ''));
  // `--version` needs no command at all; help and unknown commands need every one.
  const onlyVersion = name === null && (argv.includes('--version') || argv.includes('-V'));
  for (const module of onlyVersion ? [] : wanted.length > 0 ? wanted : commandModules) (await module.load())(program, context);
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
    if (error instanceof ExitWith) return error.exitCode;
    if (isKeywardError(error)) {
      // Messages can name a file or a field the user gave: escaped like any human output.
      io.stderr.write(`keyward: ${terminalSafe(error.message)}\n`);
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
