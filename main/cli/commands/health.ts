import type { Command } from 'commander';
import type { HealthItem } from '../../../contract/health.ts';
import { providerDisplayName } from '../../../contract/providers.ts';
import type { CliContext } from '../context.ts';

/** `health`: what the vault alone says is risky about each key. Offline: nothing is sent anywhere. */
export function registerHealthCommands(program: Command, context: () => CliContext): void {
  program
    .command('health')
    .description('list key health problems (duplicates, live keys in dev, no expiry, stale, unused, invalid at the last check); offline')
    .action(async () => {
      const ctx = context();
      const items = await ctx.withVault((api) => api.health.list());
      if (ctx.json) return ctx.printJson(items);
      if (items.length === 0) return ctx.print('No health problems found.');
      ctx.print(items.map(describe).join('\n\n'));
    });
}

function describe(item: HealthItem): string {
  return `${item.label} (${providerDisplayName(item.provider)}, ${item.environment}) [${item.keyId}]\n  ${item.title}. ${item.advice}`;
}
