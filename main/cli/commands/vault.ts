import { Option, type Command } from '@commander-js/extra-typings';
import { auditActions } from '../../../contract/audit.ts';
import type { CliContext } from '../context.ts';
import { usageError } from '../context.ts';
import { newPassword as newPasswordSchema } from '../../../contract/vault.ts';

export function registerVaultCommands(program: Command, context: () => CliContext): void {
  program
    .command('init')
    .description('create a new vault in the data directory')
    .action(async () => {
      const ctx = context();
      const password = await newPassword(ctx, ctx.options.passwordFile, ctx.options.passwordEnv);
      const { api, close } = await ctx.open();
      try {
        await api.vault.create({ password });
      } finally {
        close();
      }
      if (ctx.json) await ctx.printJson({ created: true, dataDir: ctx.dataDir() });
      else ctx.print(`Created a new vault in ${ctx.dataDir()}. Keep the master password safe: it cannot be recovered.`);
    });

  program
    .command('passwd')
    .description('change the master password (the vault gets a new encryption key; older backups keep the old password)')
    .option('--new-password-file <path>', 'read the new master password from the first line of a file')
    .option('--new-password-env <var>', 'read the new master password from an environment variable')
    .action(async (options) => {
      const ctx = context();
      const current = await ctx.password('Current master password: ');
      const next = await newPassword(ctx, options.newPasswordFile, options.newPasswordEnv);
      const { api, close } = await ctx.open();
      let olderBackups: number;
      try {
        await api.vault.unlock({ password: current });
        ({ olderBackups } = await api.vault.changePassword({ current, next }));
      } finally {
        close();
      }
      if (ctx.json) return ctx.printJson({ changed: true, olderBackups });
      ctx.print('Master password changed.');
      if (olderBackups > 0) {
        ctx.print(
          `${olderBackups === 1 ? '1 backup' : `${olderBackups} backups`} taken before the change still open with the old password on their own (restoring them needs only the new one); delete them if the old password may be known.`,
        );
      }
    });

  program
    .command('audit')
    .description('show the audit log, newest first (never shows a key)')
    .option('--limit <n>', 'how many entries', (value) => Number.parseInt(value, 10), 100)
    .option('--key <id>', 'only entries about this key')
    .addOption(new Option('--action <action>', 'only entries of this action').choices(auditActions))
    .action(async (options) => {
      const ctx = context();
      const entries = await ctx.withVault((api) =>
        api.audit.list({ limit: options.limit, keyId: options.key, action: options.action }),
      );
      // The stored English detail is what scripts read; its phrase is the window's.
      if (ctx.json) return ctx.printJson(entries.map(({ detailPhrase: _forTheWindow, ...entry }) => entry));
      for (const entry of entries) {
        const key = entry.keyLabel ? ` ${entry.keyLabel}` : '';
        const detail = entry.detail ? ` (${entry.detail})` : '';
        ctx.print(`${entry.at}  ${entry.source.padEnd(4)}  ${entry.action}${key}${detail}`);
      }
    });
}

/** A new password is typed twice at a prompt; from a file or variable it is taken as given. */
async function newPassword(ctx: CliContext, file: string | undefined, env: string | undefined): Promise<string> {
  const missing =
    'No new master password given: use --password-file/--new-password-file PATH or the -env variants, or run in a terminal.';
  const first = await ctx.secretFrom({ file, env }, 'New master password: ', missing);
  // Checked here, before any unlock, so a too-short password costs nothing and leaves no audit entry.
  const checked = newPasswordSchema.safeParse(first);
  if (!checked.success) throw usageError(`New master password: ${checked.error.issues[0]?.message ?? 'not accepted.'}`);
  if (file || env) return first;
  const again = await ctx.secretFrom({}, 'Repeat the new master password: ', missing);
  if (first !== again) throw usageError('The two passwords differ; nothing was changed.');
  return first;
}
