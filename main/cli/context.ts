import { InvalidArgumentError } from '@commander-js/extra-typings';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { KeywardError, type ErrorCode } from '../../contract/errors.ts';
import type { Api } from '../../contract/index.ts';
import { defaultDataDir } from '../data-dir.ts';
import { promptHidden, readAll, type CliIo } from './io.ts';

export interface GlobalOptions {
  dataDir?: string;
  passwordFile?: string;
  passwordEnv?: string;
  json?: boolean;
}

/** Exit codes are part of the CLI's contract with scripts. */
export const EXIT = { ok: 0, failure: 1, usage: 2, wrongPassword: 3, damaged: 4 } as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'Invalid':
      return EXIT.usage;
    case 'WrongPassword':
      return EXIT.wrongPassword;
    case 'VaultDamaged':
      return EXIT.damaged;
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

  constructor(io: CliIo, options: GlobalOptions) {
    this.io = io;
    this.options = options;
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

  /** Unlocks with the master password, runs `task`, and always locks again. */
  async withVault<T>(task: (api: Api) => Promise<T>): Promise<T> {
    const { api, close } = await this.open();
    try {
      await api.vault.unlock({ password: await this.password() });
      return await task(api);
    } finally {
      close();
    }
  }

  /** The master password from --password-file, --password-env or a no-echo prompt, in that order. */
  async password(question = 'Master password: '): Promise<string> {
    return this.secretFrom(
      { file: this.options.passwordFile, env: this.options.passwordEnv },
      question,
      'No master password given: use --password-file PATH or --password-env VAR, or run in a terminal.',
    );
  }

  async secretFrom(source: { file?: string | undefined; env?: string | undefined }, question: string, missing: string): Promise<string> {
    if (source.file) {
      let text: string;
      try {
        text = readFileSync(source.file, 'utf8');
      } catch {
        throw usageError(`Cannot read the password file ${source.file}.`);
      }
      return firstLine(text);
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
    const value = text.trim();
    if (!value) throw usageError('No key on standard input.');
    return value;
  }

  print(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  printJson(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}

/**
 * The leak scan's worker thread: from the sources, the TypeScript file itself; from the bundle
 * (scripts/build.ts, every file flat in dist/cli), the worker bundled beside it.
 */
declare const KEYWARD_CLI_BUNDLE: boolean | undefined;
function scanWorker(): URL {
  return typeof KEYWARD_CLI_BUNDLE !== 'undefined' ? new URL('./scan-worker.mjs', import.meta.url) : new URL('../scan/worker.ts', import.meta.url);
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}
