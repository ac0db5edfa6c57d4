import { InvalidArgumentError } from '@commander-js/extra-typings';
import { readBounded } from '../bounded-read.ts';
import type { z } from 'zod';
import { KeywardError, type ErrorCode } from '../../contract/errors.ts';
import { isPhrase } from '../../i18n/phrase.ts';
import type { Api } from '../../contract/index.ts';
import { agentApi, connectAgent, type AgentSession } from '../agent/client.ts';
import { describeThisProcess } from '../agent/client-info.ts';
import { agentEndpoint } from '../agent/endpoint.ts';
import { defaultDataDir } from '../data-dir.ts';
import { promptHidden, readAll, type CliIo } from './io.ts';
import { terminalSafe } from './terminal-safe.ts';

export interface GlobalOptions {
  dataDir?: string;
  passwordFile?: string;
  passwordEnv?: string;
  json?: boolean;
  /** false with --no-agent: always use the master password. */
  agent?: boolean;
}

/** Exit codes are part of the CLI's contract with scripts. */
export const EXIT = { ok: 0, failure: 1, usage: 2, wrongPassword: 3, damaged: 4, denied: 6 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'Invalid':
      return EXIT.usage;
    case 'WrongPassword':
      return EXIT.wrongPassword;
    case 'VaultDamaged':
      return EXIT.damaged;
    case 'Forbidden':
      return EXIT.denied;
    default:
      return EXIT.failure;
  }
}

/**
 * A commander argument parser that checks a flag's value with the contract's own schema, so a
 * bad `--expires` is a usage error naming the flag before anything is read or unlocked.
 */
export function parsedBy<T>(schema: z.ZodType<T>, convert: (raw: string) => unknown = (raw) => raw): (raw: string) => T {
  return (raw) => {
    const parsed = schema.safeParse(convert(raw));
    if (!parsed.success) throw new InvalidArgumentError(parsed.error.issues[0]?.message ?? 'Invalid value.');
    return parsed.data;
  };
}

export function usageError(message: string): KeywardError {
  return new KeywardError('Invalid', message);
}

/** Ends the command with this exit code after it has said what it had to (a child's code, a rejected import). */
export class ExitWith extends Error {
  readonly exitCode: number;
  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitWith';
    this.exitCode = exitCode;
  }
}

/** What every command gets: the streams, the global options, and the vault through the router. */
export class CliContext {
  readonly io: CliIo;
  readonly options: GlobalOptions;
  /** The command line after `keyward`: what the app's approval prompt shows. */
  readonly argv: readonly string[];

  constructor(io: CliIo, options: GlobalOptions, argv: readonly string[] = []) {
    this.io = io;
    this.options = options;
    this.argv = argv;
  }

  get json(): boolean {
    return Boolean(this.options.json);
  }

  dataDir(): string {
    return this.options.dataDir ?? defaultDataDir(process.platform, this.io.env);
  }

  /**
   * The same services and router the app uses, entered through the CLI door: the one place the
   * CLI reaches the vault. Loaded on demand, so commands that need no vault (`--version`,
   * `--help`, `run` without references) never load SQLite, Argon2 or the schemas.
   */
  async open(): Promise<{ api: Api; close: () => void }> {
    const [{ createServices }, { createHandlers }, { createRouter }, { createApi }] = await Promise.all([
      import('../services.ts'),
      import('../handlers.ts'),
      import('../router.ts'),
      import('../../contract/client.ts'),
    ]);
    // Checks go out through undici, loaded on the first check only (see cliTransport).
    const { cliTransport } = await import('../health/transport.ts');
    const services = createServices({ dataDir: this.dataDir(), scanWorker: scanWorker(), checkTransport: cliTransport() });
    const call = createRouter(createHandlers(services));
    const api = createApi((channel, input) => call(channel, input, { source: 'cli' }));
    return { api, close: () => services.vault.lock('quit') };
  }

  /** Runs `task` against the locked vault: for what needs no unlock (the backup list, recovering a damaged vault). */
  async withLockedVault<T>(task: (api: Api) => Promise<T>): Promise<T> {
    const { api, close } = await this.open();
    try {
      return await task(api);
    } finally {
      close();
    }
  }

  /**
   * Runs `task` against the unlocked vault: through the agent (the unlocked app or `keyward
   * agent`) when one serves this vault, else by unlocking with the master password, and always
   * locking again.
   */
  async withVault<T>(task: (api: Api) => Promise<T>, options: { agent?: boolean } = {}): Promise<T> {
    const agent = options.agent === false ? null : await this.agent();
    if (agent) {
      try {
        return await task(agentApi(agent));
      } finally {
        agent.close();
      }
    }
    const { api, close } = await this.open();
    try {
      await api.vault.unlock({ password: await this.password() });
      return await task(api);
    } finally {
      close();
    }
  }

  /** A session with the agent serving this vault, or null (none, or --no-agent). */
  async agent(): Promise<AgentSession | null> {
    if (this.options.agent === false) return null;
    const stderr = this.io.stderr as CliIo['stderr'] & { isTTY?: boolean };
    return connectAgent(agentEndpoint(this.dataDir()), describeThisProcess(this.argv), {
      // On a terminal, say why nothing happens yet; a script's stderr stays one line per problem.
      onAsking: () => stderr.isTTY && stderr.write('keyward: waiting for your answer in the Keyward app…\n'),
    });
  }

  /** The master password from --password-file, --password-env or a no-echo prompt, in that order. */
  async password(question = 'Master password: '): Promise<string> {
    return this.secretFrom(
      { file: this.options.passwordFile, env: this.options.passwordEnv },
      question,
      'No master password given: use --password-file PATH or --password-env VAR, or run in a terminal.',
    );
  }

  async secretFrom(
    source: { file?: string | undefined; env?: string | undefined },
    question: string,
    missing: string,
  ): Promise<string> {
    if (source.file) {
      let bytes: Buffer | null;
      try {
        // Bounded: `--password-file /dev/zero` (or a symlink to it) must not read forever.
        bytes = readBounded(source.file, MAX_PASSWORD_FILE_BYTES);
      } catch {
        throw usageError(`Cannot read the password file ${source.file}.`);
      }
      if (!bytes)
        throw usageError(
          `The password file ${source.file} is larger than ${MAX_PASSWORD_FILE_BYTES / 1024} KiB; it should hold the password on its first line.`,
        );
      return firstLine(bytes.toString('utf8'));
    }
    if (source.env) {
      const value = this.io.env[source.env];
      if (value === undefined) throw usageError(`The environment variable ${source.env} is not set.`);
      return value;
    }
    if (!this.io.stdin.isTTY) throw usageError(missing);
    return promptHidden(this.io, question);
  }

  /** A secret value from stdin: piped, or typed at a no-echo prompt. */
  async secretFromStdin(question: string): Promise<string> {
    const text = this.io.stdin.isTTY ? await promptHidden(this.io, question) : await readAll(this.io.stdin);
    if (text === null)
      throw usageError('The key on standard input is not valid UTF-8 text; it would be stored changed. Nothing was saved.');
    const value = text.trim();
    if (!value) throw usageError('No key on standard input.');
    return value;
  }

  /** Human output: terminal control characters in it are shown escaped (terminal-safe.ts). */
  print(text: string): void {
    const safe = terminalSafe(text);
    this.io.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  }

  /** A revealed secret: exactly as stored, since it is what the user asked to copy. */
  printExact(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  /**
   * A contract value as JSON, each phrase in it (a sentence main words for the window,
   * i18n/phrase.ts) as its English text, as scripts have always read it. FormatJS, which words
   * them, is loaded only when there is one: most commands print none.
   */
  async printJson(value: unknown): Promise<void> {
    // One pass in the common case: the text is written as it is when it held no phrase.
    let phrased = false;
    const plain = JSON.stringify(
      value,
      (_key, item: unknown) => {
        if (!phrased && isPhrase(item)) phrased = true;
        return item;
      },
      2,
    );
    const text = phrased ? (await import('./in-english.ts')).englishJson(value) : plain;
    this.io.stdout.write(`${text}\n`);
  }
}

/** Passwords are at most 1024 characters; a password file is a line, perhaps with a comment after it. */
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

/**
 * The leak scan's worker thread: from the sources, the TypeScript file itself; from the bundle
 * (scripts/build.ts, every file flat in dist/cli), the worker bundled beside it.
 */
declare const KEYWARD_CLI_BUNDLE: boolean | undefined;
export function scanWorker(): URL {
  return typeof KEYWARD_CLI_BUNDLE !== 'undefined'
    ? new URL('./scan-worker.mjs', import.meta.url)
    : new URL('../scan/worker.ts', import.meta.url);
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}
