import type { Command } from '@commander-js/extra-typings';
import { z } from 'zod';
import { day } from '../../../contract/keys.ts';
import { providerDisplayName } from '../../../contract/providers.ts';
import type { DueItem } from '../../../contract/reminders.ts';
import { graceDays, type HistoryEntry } from '../../../contract/rotation.ts';
import { parsedBy, usageError, type CliContext } from '../context.ts';
import { table } from '../table.ts';

const days = z.int('Use a whole number of days.').min(0, 'At least 0 days.').max(3650, 'At most 10 years.');
const seq = z.int('Use a history number from `keyward history`.').min(1, 'History numbers start at 1.');

/** `due`, `rotate` and `history`: the key lifecycle for scripts and cron. */
export function registerLifecycleCommands(program: Command, context: () => CliContext): void {
  program
    .command('due')
    .description('list expired keys and keys due for rotation (or for revoking an old key), overdue first')
    .option('--within <days>', 'look this many days ahead (default: the largest reminder lead time, 14)', parsedBy(days, Number))
    .action(async (options) => {
      const ctx = context();
      const items = await ctx.withVault((api) => api.reminders.due({ withinDays: options.within }));
      if (ctx.json) return ctx.printJson(items);
      if (items.length === 0)
        return ctx.print(options.within === undefined ? 'Nothing is due.' : `Nothing is due within ${options.within} days.`);
      ctx.print(dueTable(items));
    });

  program
    .command('rotate')
    .description('replace a key’s secret with a new one from standard input; the old one is kept in its history')
    .argument('<id>', 'key id, from `keyward list`')
    .option(
      '--keep-old <days>',
      'the old key stays valid this many days: remind me to revoke it then',
      parsedBy(graceDays, Number),
    )
    .option('--expires <date>', 'the new key’s expiry date, YYYY-MM-DD', parsedBy(day))
    .option('--no-expires', 'the new key does not expire')
    .action(async (id, options) => {
      const ctx = context();
      // Piped: read the key before unlocking, as `add` does. At a terminal: unlock first, so the
      // console link can be shown before asking for the key it is where you create.
      const piped = ctx.io.stdin.isTTY ? null : await ctx.secretFromStdin('');
      const result = await ctx.withVault(async (api) => {
        let secret = piped;
        if (secret === null) {
          const link = await api.keys.openConsole({ id }).catch(() => null);
          if (link) ctx.io.stderr.write(`Create the new key at ${link.url}\n`);
          secret = await ctx.secretFromStdin('Paste the new key (input hidden): ');
        }
        const expiresAt = options.expires === false ? null : options.expires;
        const rotated = await api.keys.rotate({ id, secret, keepOldForDays: options.keepOld ?? null, expiresAt });
        return { rotated, key: await api.keys.get({ id }) };
      });
      if (ctx.json) return ctx.printJson(result.rotated);
      const { previous } = result.rotated;
      const revoke = previous.revokeBy ? ` Revoke it at the provider by ${previous.revokeBy}.` : '';
      ctx.print(
        `Rotated ${result.key.label}: now ${result.rotated.masked}; the old key is #${previous.seq} in its history.${revoke}`,
      );
    });

  program
    .command('history')
    .description('list a key’s earlier secrets, masked, newest first')
    .argument('<id>', 'key id, from `keyward list`')
    .option('--reveal <n>', 'print earlier secret #n in full (recorded in the audit log)', parsedBy(seq, Number))
    .option('--mark-revoked <n>', 'record that earlier secret #n is revoked at the provider', parsedBy(seq, Number))
    .action(async (id, options) => {
      const ctx = context();
      if (options.reveal !== undefined && options.markRevoked !== undefined) {
        throw usageError('Use --reveal or --mark-revoked, not both.');
      }
      if (options.reveal !== undefined) {
        const n = options.reveal;
        const { secret } = await ctx.withVault((api) => api.keys.revealHistory({ id, seq: n }));
        return ctx.json ? ctx.printJson({ id, seq: n, secret }) : ctx.printExact(secret);
      }
      if (options.markRevoked !== undefined) {
        const n = options.markRevoked;
        const entry = await ctx.withVault((api) => api.keys.markRevoked({ id, seq: n }));
        return ctx.json ? ctx.printJson(entry) : ctx.print(`Marked #${entry.seq} (${entry.masked}) as revoked.`);
      }
      const entries = await ctx.withVault((api) => api.keys.history({ id }));
      if (ctx.json) return ctx.printJson(entries);
      if (entries.length === 0) return ctx.print('This key has not been rotated yet.');
      ctx.print(historyTable(entries));
    });
}

function dueTable(items: DueItem[]): string {
  return table([
    ['DUE', 'REASON', 'PROVIDER', 'LABEL', 'STATUS', 'ID'],
    ...items.map((item) => [
      item.dueDate,
      item.reason === 'revoke' ? `revoke #${item.historySeq}` : item.reason,
      providerDisplayName(item.provider),
      item.label,
      item.snoozedUntil ? `${item.summary} (snoozed)` : item.summary,
      item.keyId,
    ]),
  ]);
}

function historyTable(entries: HistoryEntry[]): string {
  const status = (entry: HistoryEntry) =>
    entry.revokedAt ? `revoked ${entry.revokedAt.slice(0, 10)}` : entry.revokeBy ? `revoke by ${entry.revokeBy}` : '';
  return table([
    ['#', 'KEY', 'ADDED', 'REPLACED', 'STATUS'],
    ...entries.map((entry) => [
      String(entry.seq),
      entry.masked,
      entry.addedAt.slice(0, 10),
      entry.replacedAt.slice(0, 10),
      status(entry),
    ]),
  ]);
}
