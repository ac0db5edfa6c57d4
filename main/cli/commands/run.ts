import type { Command } from '@commander-js/extra-typings';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { constants as osConstants } from 'node:os';
import { envVarFor, isReference } from '../../../contract/references.ts';
import type { ResolvedReference } from '../../../contract/references-contract.ts';
import { ExitWith, usageError, type CliContext } from '../context.ts';
import { readEnvFile, readText } from '../env-files.ts';
import { maskingStream, MIN_MASKED_LENGTH } from '../masker.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** `{{ keyward://… }}` in a template; spaces inside the braces are optional. */
const PLACEHOLDER = /\{\{\s*(keyward:\/\/[^\s{}]+)\s*\}\}/g;

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/**
 * A terminal sends Ctrl-C (SIGINT) and its hang-up (SIGHUP) to its whole foreground process group,
 * and the command shares keyward's: forwarding them too would deliver each twice, and a second
 * Ctrl-C makes many tools (npm, dev servers) quit at once without cleaning up. From a terminal,
 * keyward only outlives them until the command has acted on them; SIGTERM, which no terminal
 * sends, is always forwarded, and so is every signal when keyward does not run at a terminal.
 */
const TERMINAL_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(['SIGINT', 'SIGHUP']);

export function registerRunCommands(program: Command, context: () => CliContext): void {
  program
    .command('run')
    .description('run a command with the keys its environment and .env files refer to (keyward://…)')
    .usage('[--env-file FILE]... [--key REF]... [--no-mask] -- COMMAND [ARGS...]')
    .option(
      '--env-file <file>',
      'a dotenv file to load (repeatable; later files win over earlier ones and over the environment)',
      collect,
      [],
    )
    .option('--key <ref>', 'a key to pass under its provider’s variable (OPENAI_API_KEY…), or NAME=REF (repeatable)', collect, [])
    .option('--no-mask', 'do not conceal the keys in the command’s output when it goes to a pipe or a file')
    .argument('<command...>', 'the command and its arguments, after --')
    // Without `--`, the command's own options would be read as keyward's.
    .showHelpAfterError('Put the command after --: keyward run [options] -- COMMAND [ARGS...]')
    .action(async (argv: string[], options: { envFile: string[]; key: string[]; mask: boolean }) => {
      const ctx = context();
      const [command, ...args] = argv;
      if (!command) throw usageError('Name the command to run after --.');
      const env = await resolvedEnvironment(ctx, options, basename(command));
      const code = await runChild(ctx, command, args, env.values, options.mask ? env.secrets : []);
      throw new ExitWith(code);
    });

  program
    .command('inject')
    .description('fill {{ keyward://… }} placeholders in a template with the keys they name')
    .requiredOption('-i, --in <template>', 'the template file')
    .option(
      '-o, --out <file>',
      'write here (mode 0600, replaced atomically); without it, to standard output when that is not a terminal',
    )
    .action(async (options: { in: string; out?: string }) => {
      const ctx = context();
      const stdout = ctx.io.stdout as Writable & { isTTY?: boolean };
      if (!options.out && stdout.isTTY) {
        throw usageError('keyward inject would print keys on the terminal: give -o FILE, or pipe the output.');
      }
      const template = readText(options.in, 'template');
      const references = [...template.matchAll(PLACEHOLDER)].map((match) => match[1]!);
      const keys =
        references.length === 0
          ? new Map<string, ResolvedReference>()
          : await resolveAll(ctx, references, 'inject', basename(options.in));
      const filled = template.replace(PLACEHOLDER, (_whole, reference: string) => keys.get(reference)!.secret);
      if (options.out) {
        const { writeFileAtomic } = await import('../../vault/atomic-file.ts');
        writeFileAtomic(options.out, filled);
        ctx.io.stderr.write(
          `keyward: wrote ${options.out} (${references.length} ${references.length === 1 ? 'key' : 'keys'}, mode 0600).\n`,
        );
      } else {
        stdout.write(filled);
      }
    });
}

interface Environment {
  values: NodeJS.ProcessEnv;
  secrets: string[];
}

/**
 * The child's environment: ours, then each --env-file in order, then each --key; every value
 * that is a reference replaced by its key. Fails before anything starts if one cannot be.
 */
async function resolvedEnvironment(
  ctx: CliContext,
  options: { envFile: string[]; key: string[] },
  commandName: string,
): Promise<Environment> {
  const values: NodeJS.ProcessEnv = { ...ctx.io.env };
  for (const file of options.envFile) Object.assign(values, readEnvFile(file));
  const keyFlags = options.key.map(parseKeyFlag);
  const references = [
    ...Object.values(values).filter((value): value is string => value !== undefined && isReference(value)),
    ...keyFlags.map((flag) => flag.reference),
  ];
  if (references.length === 0) return { values, secrets: [] };
  const resolved = await resolveAll(ctx, references, 'run', commandName);
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && isReference(value)) values[name] = resolved.get(value)!.secret;
  }
  const setBy = new Map<string, string>();
  for (const flag of keyFlags) {
    const key = resolved.get(flag.reference)!;
    const name = flag.name ?? envVarFor(key.provider);
    const earlier = setBy.get(name);
    if (earlier !== undefined && earlier !== flag.reference)
      throw usageError(
        `--key ${earlier} and --key ${flag.reference} would both set ${name}: write --key NAME=REF for one of them.`,
      );
    setBy.set(name, flag.reference);
    values[name] = key.secret;
  }
  const secrets = [...new Set([...resolved.values()].map((key) => key.secret))];
  const short = secrets.filter((secret) => secret.length < MIN_MASKED_LENGTH).length;
  if (short > 0) {
    ctx.io.stderr.write(
      `keyward: ${short} ${short === 1 ? 'key is' : 'keys are'} shorter than ${MIN_MASKED_LENGTH} characters and will not be concealed in the output.\n`,
    );
  }
  return { values, secrets };
}

interface KeyFlag {
  /** The variable to set; null: the provider's (OPENAI_API_KEY…). */
  name: string | null;
  reference: string;
}

function parseKeyFlag(flag: string): KeyFlag {
  if (isReference(flag)) return { name: null, reference: flag };
  const equals = flag.indexOf('=');
  const name = flag.slice(0, equals);
  const reference = flag.slice(equals + 1);
  if (equals > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && isReference(reference)) return { name, reference };
  // Only something reference-shaped is quoted back: a key typed here by mistake is not.
  throw usageError(`--key takes keyward://… or NAME=keyward://…; got ${flag.startsWith('keyward:') ? flag : 'something else'}.`);
}

/** Every reference's key, from the vault in one audited call (keys.resolve, the CLI's door only). */
async function resolveAll(
  ctx: CliContext,
  references: string[],
  kind: 'run' | 'inject',
  command: string,
): Promise<Map<string, ResolvedReference>> {
  const { resolved } = await ctx.withVault((api) =>
    api.keys.resolve({ references: [...new Set(references)], purpose: { kind, command } }),
  );
  return new Map(resolved.map((entry) => [entry.reference, entry]));
}

/**
 * Starts the command without a shell (cross-spawn finds `.cmd` shims on Windows), stdin passed
 * through untouched, the signals we get forwarded (once: see TERMINAL_SIGNALS). Output goes straight to a terminal; to a
 * pipe or a file it passes through the masker. Resolves with the exit code to return: the
 * child's own, or 128 + the signal's number when a signal ended it (re-raised on ourselves
 * when we are the real process, so a shell sees the same death).
 */
async function runChild(
  ctx: CliContext,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  secrets: string[],
): Promise<number> {
  const { default: spawn } = await import('cross-spawn');
  const outputs = [ctx.io.stdout, ctx.io.stderr] as Array<Writable & { isTTY?: boolean; fd?: number }>;
  const masked = outputs.map((stream) => secrets.length > 0 && !stream.isTTY);
  const child = spawn(command, args, {
    env,
    stdio: ['inherit', masked[0] ? 'pipe' : passThrough(outputs[0]!), masked[1] ? 'pipe' : passThrough(outputs[1]!)],
  });
  const drained: Array<Promise<void>> = [];
  for (const [index, source] of [child.stdout, child.stderr].entries()) {
    if (!source) continue;
    const target = outputs[index]!;
    const stage = source.pipe(maskingStream(masked[index] ? secrets : []));
    drained.push(
      new Promise((resolve) => {
        stage.on('data', (chunk: Buffer) => target.write(chunk));
        stage.on('end', resolve);
      }),
    );
  }
  const atTerminal = ctx.io.stdin.isTTY === true;
  const forward = (signal: NodeJS.Signals) => () => {
    if (!(atTerminal && TERMINAL_SIGNALS.has(signal))) child.kill(signal);
  };
  const handlers = FORWARDED_SIGNALS.map((signal) => [signal, forward(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  try {
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | Error>((resolve) => {
      child.on('error', resolve);
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    await Promise.all(drained);
    if (ended instanceof Error) {
      const code = (ended as { code?: string }).code;
      ctx.io.stderr.write(
        `keyward: cannot start ${command}: ${code === 'ENOENT' ? 'command not found' : code === 'EACCES' ? 'permission denied' : 'it failed to start'}.\n`,
      );
      return code === 'ENOENT' ? 127 : 126;
    }
    if (ended.signal) {
      if (ctx.io.stdout === process.stdout) {
        for (const [signal, handler] of handlers) process.off(signal, handler);
        process.kill(process.pid, ended.signal);
      }
      return 128 + (osConstants.signals[ended.signal] ?? 0);
    }
    return ended.code ?? 1;
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

/** A stream with a file descriptor (our stdout, a terminal) is handed to the child as is; others are piped through. */
function passThrough(stream: Writable & { fd?: number }): 'pipe' | number {
  return typeof stream.fd === 'number' ? stream.fd : 'pipe';
}
