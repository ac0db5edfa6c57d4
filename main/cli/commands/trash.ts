import type { Command } from '@commander-js/extra-typings';
import { TRASH_DAYS } from '../../../contract/trash.ts';
import { usageError, type CliContext } from '../context.ts';
import { table } from '../table.ts';

export function registerTrashCommands(program: Command, context: () => CliContext): void {
  const trash = program.command('trash').description(`deleted keys, kept ${TRASH_DAYS} days before they are purged`);

  trash
    .command('list')
    .description('list keys in the trash, most recently deleted first')
    .action(async () => {
      const ctx = context();
      const keys = await ctx.withVault((api) => api.trash.list());
      if (ctx.json) return ctx.printJson(keys);
      if (keys.length === 0) return ctx.print('The trash is empty.');
      ctx.print(
        table([
          ['ID', 'PROVIDER', 'LABEL', 'KEY', 'DELETED', 'PURGED ON'],
          ...keys.map((k) => [k.id, k.provider, k.label, k.masked, k.deletedAt.slice(0, 10), k.purgeAt.slice(0, 10)]),
        ]),
      );
    });

  trash
    .command('restore')
    .description('put a key from the trash back in the vault, with its history')
    .argument('<id>', 'key id, from `keyward trash list`')
    .action(async (id) => {
      const ctx = context();
      const key = await ctx.withVault((api) => api.trash.restore({ id }));
      if (ctx.json) await ctx.printJson(key);
      else ctx.print(`Restored ${key.label} (${key.id}).`);
    });

  trash
    .command('purge')
    .description('delete keys in the trash forever (their history too); --all empties the trash')
    .argument('[ids...]', 'key ids, from `keyward trash list`')
    .option('--all', 'every key in the trash')
    .action(async (ids, options) => {
      const ctx = context();
      if (options.all && ids.length > 0) throw usageError('Give key ids or --all, not both.');
      if (!options.all && ids.length === 0) throw usageError('Name the keys to purge, or use --all to empty the trash.');
      const { purged } = await ctx.withVault((api) => api.trash.purge(options.all ? {} : { ids }));
      if (ctx.json) await ctx.printJson({ purged });
      else
        ctx.print(
          purged.length === 0
            ? 'The trash was already empty.'
            : `Deleted forever: ${purged.length} key${purged.length === 1 ? '' : 's'}.`,
        );
    });
}
