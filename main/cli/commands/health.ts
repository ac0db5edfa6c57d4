import type { Command } from '@commander-js/extra-typings';
import type { CheckResult, HealthItem } from '../../../contract/health.ts';
import { providerDisplayName } from '../../../contract/providers.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { usageError, type CliContext } from '../context.ts';
import { table } from '../table.ts';

/** `health`: what the vault alone says is risky about each key. Offline: nothing is sent anywhere. */
export function registerHealthCommands(program: Command, context: () => CliContext): void {
  program
    .command('health')
    .description(
      'list key health problems (duplicates, live keys in dev, no expiry, stale, unused, invalid at the last check); offline',
    )
    .action(async () => {
      const ctx = context();
      const items = await ctx.withVault((api) => api.health.list());
      if (ctx.json) return ctx.printJson(items);
      if (items.length === 0) return ctx.print('No health problems found.');
      ctx.print(items.map(describe).join('\n\n'));
    });

  program
    .command('check')
    .description('ask the provider whether a key is valid (sends the key to that provider’s API only; honours HTTPS_PROXY)')
    .argument('[id]', 'key id, from `keyward list`')
    .option('--all', 'check every key that can be checked')
    .action(async (id, options) => {
      const ctx = context();
      if ((id === undefined) === !options.all) throw usageError('Name one key id, or use --all.');
      const { run, labels } = await ctx.withVault(async (api) => {
        const run = await api.health.check(id === undefined ? {} : { ids: [id] });
        const keys = await api.keys.list();
        return { run, labels: new Map(keys.map((key) => [key.id, key.label])) };
      });
      if (ctx.json) return ctx.printJson(run.results);
      if (run.results.length + run.skipped.length === 0) return ctx.print('No keys to check.');
      ctx.print(
        table([
          ['LABEL', 'RESULT', 'ID'],
          ...run.results.map((result) => [labels.get(result.keyId) ?? '', verdictWords(result), result.keyId]),
          ...run.skipped.map((skipped) => [
            labels.get(skipped.keyId) ?? '',
            `not checked: ${phraseText(skipped.reason)}`,
            skipped.keyId,
          ]),
        ]),
      );
    });
}

/** "valid (scopes: repo, gist; expires 2027-01-31)": the verdict and what the provider told. */
export function verdictWords(result: CheckResult): string {
  const { details } = result;
  const words: Record<CheckResult['verdict'], string> = {
    valid: 'valid',
    invalid: 'invalid or revoked',
    'no-credit': 'valid, but no credit or over quota',
    'not-enabled': 'valid, but the API is not enabled for it',
    unreachable: `could not tell (${typeof details.reason === 'string' ? details.reason : `HTTP ${result.status}`}); nothing changed`,
  };
  const facts: string[] = [];
  if (details.restricted === true) facts.push('restricted');
  if (Array.isArray(details.scopes)) facts.push(`scopes: ${details.scopes.join(', ') || 'none'}`);
  if (Array.isArray(details.acls)) facts.push(`permissions: ${details.acls.join(', ')}`);
  if (typeof details.expiresAt === 'string') {
    const note =
      details.expiryFilled === true ? ', saved as its expiry' : details.expiryDiffers === true ? ', not the expiry you set' : '';
    facts.push(`provider says it expires ${details.expiresAt}${note}`);
  }
  if (typeof details.limit_remaining === 'number') facts.push(`credit left: ${details.limit_remaining}`);
  if (typeof details.usage === 'number') facts.push(`usage: ${details.usage}`);
  return facts.length > 0 ? `${words[result.verdict]} (${facts.join('; ')})` : words[result.verdict];
}

function describe(item: HealthItem): string {
  return `${item.label} (${providerDisplayName(item.provider)}, ${item.environment}) [${item.keyId}]\n  ${phraseText(item.title)}. ${phraseText(item.advice)}`;
}
