import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { KeywardError } from '../../../contract/errors.ts';
import { readAll } from '../io.ts';
import { scanWorker, type CliContext } from '../context.ts';

/** Longest a terminal-started agent may hold the key: a week. */
const MAX_TTL_MINUTES = 7 * 24 * 60;
const DEFAULT_TTL_MINUTES = 60;

/** What `agent serve` tells `agent start` on its first line of output. */
type StartReport = { ok: true; locksAt: string } | { ok: false; code: KeywardError['code']; message: string };

export function registerAgentCommands(program: Command, context: () => CliContext): void {
  const agent = program
    .command('agent')
    .description('hold the unlocked vault for other keyward commands, like ssh-agent (for machines without the app)');

  agent
    .command('start')
    .description('unlock once and serve this terminal user’s keyward commands until the TTL ends or `agent stop`')
    .option(
      '--ttl <minutes>',
      `lock after this many minutes (default ${DEFAULT_TTL_MINUTES}, at most ${MAX_TTL_MINUTES})`,
      ttlMinutes,
      DEFAULT_TTL_MINUTES,
    )
    .action(async (options: { ttl: number }) => {
      const ctx = context();
      const running = await ctx.agent();
      if (running) {
        running.close();
        throw new KeywardError(
          'AlreadyExists',
          running.source === 'app'
            ? 'The Keyward app serves this vault while it is unlocked; no agent is needed.'
            : 'A keyward agent already serves this vault: `keyward agent stop` first.',
        );
      }
      const password = await ctx.password();
      const report = await startDetached(ctx, password, options.ttl);
      if (!report.ok) throw new KeywardError(report.code, report.message);
      if (ctx.json) await ctx.printJson({ running: true, source: 'agent', locksAt: report.locksAt });
      else ctx.print(`The keyward agent holds the vault until ${report.locksAt} (or \`keyward agent stop\`).`);
    });

  agent
    .command('stop')
    .description('lock the vault the agent (or the unlocked app) holds')
    .action(async () => {
      const ctx = context();
      const running = await ctx.agent();
      if (running) {
        await running.stop();
        running.close();
      }
      if (ctx.json) await ctx.printJson({ stopped: running !== null, source: running?.source ?? 'none' });
      else
        ctx.print(
          running
            ? `Locked (${running.source === 'app' ? 'the Keyward app' : 'the keyward agent'}).`
            : 'No agent serves this vault.',
        );
    });

  agent
    .command('status')
    .description('whether the app or an agent serves this vault, and when it locks')
    .action(async () => {
      const ctx = context();
      const running = await ctx.agent();
      running?.close();
      const status = { running: running !== null, source: running?.source ?? 'none', locksAt: running?.locksAt ?? null };
      if (ctx.json) return ctx.printJson(status);
      if (!running) return ctx.print('No agent serves this vault: commands ask for the master password.');
      ctx.print(
        `${running.source === 'app' ? 'The Keyward app' : 'The keyward agent'} serves this vault${running.locksAt ? ` until ${running.locksAt}` : ' until it locks'}.`,
      );
    });

  // The detached process itself, started by `agent start`: not for people to run.
  agent.addCommand(
    new Command('serve')
      .option('--ttl <minutes>', 'lock after this many minutes', ttlMinutes, DEFAULT_TTL_MINUTES)
      .action(async (options: { ttl: number }) => {
        const ctx = context();
        const { serveAgent } = await import('../../agent/daemon.ts');
        const given = await readAll(ctx.io.stdin);
        if (given === null) throw new KeywardError('Invalid', 'The master password is not valid UTF-8 text.');
        const password = given.replace(/\r?\n$/, '');
        await serveAgent({
          dataDir: ctx.dataDir(),
          password,
          scanWorker: scanWorker(),
          ttlMs: options.ttl * 60_000,
          report: (line) => ctx.io.stdout.write(`${JSON.stringify(line)}\n`),
        });
      }),
    { hidden: true },
  );
}

function ttlMinutes(raw: string): number {
  const minutes = Number(raw);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_TTL_MINUTES)
    throw new InvalidArgumentError(`Give a whole number of minutes from 1 to ${MAX_TTL_MINUTES}.`);
  return minutes;
}

/**
 * Starts `keyward agent serve` in its own session, hands it the password on a pipe (never on
 * its command line or in its environment, where other processes could read it), and waits for
 * its first line: unlocked and listening, or why not.
 */
function startDetached(ctx: CliContext, password: string, ttl: number): Promise<StartReport> {
  const entry = process.argv[1];
  if (!entry) throw new KeywardError('Internal', 'Cannot tell how this keyward was started.');
  const child = spawn(
    process.execPath,
    [...process.execArgv, entry, '--data-dir', resolve(ctx.dataDir()), 'agent', 'serve', '--ttl', String(ttl)],
    {
      detached: true,
      stdio: ['pipe', 'pipe', 'ignore'],
      env: ctx.io.env,
    },
  );
  return new Promise((resolve) => {
    let output = '';
    const settle = (report: StartReport) => {
      child.stdout.destroy();
      child.unref();
      resolve(report);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const newline = output.indexOf('\n');
      if (newline >= 0) settle(parseReport(output.slice(0, newline)));
    });
    child.on('exit', () => settle({ ok: false, code: 'Internal', message: 'The keyward agent stopped before it was ready.' }));
    child.on('error', () => settle({ ok: false, code: 'Internal', message: 'The keyward agent could not be started.' }));
    child.stdin.on('error', () => {});
    child.stdin.end(`${password}\n`);
  });
}

function parseReport(line: string): StartReport {
  try {
    return JSON.parse(line) as StartReport;
  } catch {
    return { ok: false, code: 'Internal', message: 'The keyward agent answered something unexpected.' };
  }
}
