import { Option, type Command } from '@commander-js/extra-typings';
import { day, environments, providerField, rotateDays, type KeySummary } from '../../../contract/keys.ts';
import { TRASH_DAYS } from '../../../contract/trash.ts';
import { parsedBy, type CliContext } from '../context.ts';
import { table } from '../table.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerKeyCommands(program: Command, context: () => CliContext): void {
  program
    .command('add')
    .description('add a key; the secret is read from standard input (or a hidden prompt)')
    .requiredOption('--label <label>', 'a name for the key')
    .option('--provider <id>', 'provider id (recognised from the key when omitted), or custom:Name', parsedBy(providerField))
    .addOption(new Option('--env <environment>', 'environment').choices(environments).default('prod'))
    .option('--expires <date>', 'expiry date, YYYY-MM-DD', parsedBy(day))
    .option('--rotate-days <n>', 'rotate every N days', parsedBy(rotateDays, Number))
    .option('--used-in <name>', 'where the key is used (repeatable)', collect, [])
    .option('--tag <tag>', 'a tag (repeatable)', collect, [])
    .option('--notes <text>', 'scopes, restrictions, anything worth remembering')
    .option('--favourite', 'pin it to the top')
    .action(async (options) => {
      const ctx = context();
      // Read the key before unlocking so a prompt for it never interleaves with the password prompt.
      const secret = await ctx.secretFromStdin('Paste the key (input hidden): ');
      const key = await ctx.withVault((api) =>
        api.keys.add({
          secret,
          label: options.label,
          provider: options.provider,
          environment: options.env,
          expiresAt: options.expires ?? null,
          rotateEveryDays: options.rotateDays ?? null,
          usedIn: options.usedIn,
          tags: options.tag,
          notes: options.notes ?? '',
          favourite: Boolean(options.favourite),
        }),
      );
      if (ctx.json) await ctx.printJson(key);
      else ctx.print(`Added ${key.label} (${key.provider}, ${key.masked}) as ${key.id}`);
    });

  program
    .command('list')
    .description('list keys with masked values')
    .option('--search <text>', 'filter by label, provider, tags, used-in and notes')
    .action(async (options) => {
      const ctx = context();
      const keys = await ctx.withVault((api) => api.keys.list({ search: options.search }));
      if (ctx.json) return ctx.printJson(keys);
      if (keys.length === 0)
        return ctx.print(options.search ? 'No key matches.' : 'The vault has no keys yet: add one with `keyward add`.');
      ctx.print(keyTable(keys));
    });

  program
    .command('reveal')
    .description('print one key in full (recorded in the audit log)')
    .argument('<id>', 'key id, from `keyward list`')
    .action(async (id: string) => {
      const ctx = context();
      const { secret } = await ctx.withVault((api) => api.keys.reveal({ id }));
      if (ctx.json) await ctx.printJson({ id, secret });
      else ctx.printExact(secret);
    });

  program
    .command('rm')
    .description(`move a key to the trash (restore it with \`keyward trash restore\` within ${TRASH_DAYS} days)`)
    .argument('<id>', 'key id, from `keyward list`')
    .action(async (id: string) => {
      const ctx = context();
      const removed = await ctx.withVault(async (api) => {
        const key = await api.keys.get({ id });
        await api.keys.remove({ id });
        return key;
      });
      if (ctx.json) await ctx.printJson({ removed: removed.id, trashed: true });
      else
        ctx.print(
          `Moved ${removed.label} (${removed.id}) to the trash; \`keyward trash restore ${removed.id}\` brings it back within ${TRASH_DAYS} days.`,
        );
    });
}

function keyTable(keys: KeySummary[]): string {
  return table([
    ['ID', 'PROVIDER', 'ENV', 'LABEL', 'KEY', 'EXPIRES'],
    ...keys.map((k) => [k.id, k.provider, k.environment, `${k.favourite ? '★ ' : ''}${k.label}`, k.masked, k.expiresAt ?? '']),
  ]);
}
