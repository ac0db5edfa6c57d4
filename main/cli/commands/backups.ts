import type { Command } from '@commander-js/extra-typings';
import type { CliContext } from '../context.ts';

export function registerBackupCommands(program: Command, context: () => CliContext): void {
  const backup = program.command('backup').description('encrypted backups of the vault (kept in the data directory)');

  backup
    .command('list')
    .description('list backups, oldest first (no password needed: works on a vault that no longer opens)')
    .action(async () => {
      const ctx = context();
      const backups = await ctx.withLockedVault((api) => api.backups.list());
      if (ctx.json) return ctx.printJson(backups);
      if (backups.length === 0) return ctx.print('No backups yet: `keyward backup create` takes one.');
      for (const b of backups) ctx.print(`${b.name}  ${(b.sizeBytes / 1024).toFixed(0).padStart(8)} KiB  ${b.reason}`);
    });

  backup
    .command('create')
    .description('take an encrypted backup now')
    .action(async () => {
      const ctx = context();
      const info = await ctx.withVault((api) => api.backups.create());
      if (ctx.json) await ctx.printJson(info);
      else ctx.print(`Backed up as ${info.name}.`);
    });

  backup
    .command('restore')
    .description('put a backup in place of the current data (the current state is backed up first)')
    .argument('<name>', 'backup name, from `keyward backup list`')
    .action(async (name: string) => {
      const ctx = context();
      // Replacing the data asks for the master password even while an agent holds the vault.
      const result = await ctx.withVault((api) => api.backups.restore({ name }), { agent: false });
      if (ctx.json) await ctx.printJson(result);
      else ctx.print(`Restored ${result.restored}. The state before it is kept as ${result.savedCurrentAs}.`);
    });

  backup
    .command('delete')
    .description('delete backups for good (for instance those that still open with an old master password)')
    .argument('<names...>', 'backup names, from `keyward backup list`')
    .action(async (names: string[]) => {
      const ctx = context();
      const { deleted } = await ctx.withVault((api) => api.backups.delete({ names }));
      if (ctx.json) await ctx.printJson({ deleted });
      else ctx.print(`Deleted ${deleted.length} backup${deleted.length === 1 ? '' : 's'}: ${deleted.join(', ')}.`);
    });

  backup
    .command('recover')
    .description('when the vault no longer opens (damaged): set its files aside and put a backup in their place')
    .argument('<name>', 'backup name, from `keyward backup list`')
    .action(async (name: string) => {
      const ctx = context();
      const result = await ctx.withLockedVault(async (api) => api.backups.recover({ password: await ctx.password(), name }));
      if (ctx.json) await ctx.printJson(result);
      else ctx.print(`Recovered from ${result.restored}. The damaged files are kept in ${result.setAsideIn}. Unlock as usual.`);
    });
}
