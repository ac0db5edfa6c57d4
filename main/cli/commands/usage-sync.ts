import { Argument, type Command } from '@commander-js/extra-typings';
import { formatUsd } from '../../../contract/costs.ts';
import { day, keyId } from '../../../contract/keys.ts';
import { providerDisplayName } from '../../../contract/providers.ts';
import {
  syncProviderField,
  syncProviders,
  type KeyLink,
  type SyncSourceResult,
  type SyncSourceStatus,
} from '../../../contract/usage-sync.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { EXIT, ExitWith, parsedBy, usageError, type CliContext } from '../context.ts';
import { table } from '../table.ts';

/**
 * `keyward usage sync | connect | disconnect | links | link`: usage pulled from the providers'
 * usage APIs (docs/usage-sync.md). Sends only the admin key (OpenRouter: each stored key about
 * itself), only to the provider's own API host, through HTTPS_PROXY when set.
 */
export function registerUsageSyncCommands(usage: Command, context: () => CliContext): void {
  usage
    .command('sync')
    .description(
      'pull usage from the connected providers’ usage APIs (sends the admin key to that provider only; honours HTTPS_PROXY)',
    )
    .option('--provider <id>', `only this provider (${syncProviders.join(', ')})`, parsedBy(providerChoice))
    .option('--since <date>', 'fetch again from this UTC day, YYYY-MM-DD (default: where the last sync stopped)', parsedBy(day))
    .action(async (options) => {
      const ctx = context();
      const run = await ctx.withVault((api) => api.usageSync.sync({ provider: options.provider, since: options.since }));
      if (ctx.json) await ctx.printJson(run);
      else ctx.print(run.results.map(describeResult).join('\n'));
      // Nothing half-written: a failed provider changed nothing, and says so; the exit code tells a script.
      if (run.results.some((result) => result.state !== 'ok')) throw new ExitWith(EXIT.failure);
    });

  usage
    .command('connect')
    .description('connect a provider’s usage sync: OpenAI and Anthropic with an admin key from the vault, OpenRouter with none')
    .addArgument(new Argument('<provider>', syncProviders.join(', ')).argParser(parsedBy(providerChoice)))
    .argument(
      '[key-id]',
      'the admin key’s id, from `keyward list` (OpenAI sk-admin-…, Anthropic sk-ant-admin01-…)',
      parsedBy(keyId),
    )
    .action(async (provider, id) => {
      const ctx = context();
      const status = await ctx.withVault((api) => api.usageSync.connect({ provider, ...(id ? { keyId: id } : {}) }));
      if (ctx.json) return ctx.printJson(status);
      ctx.print(
        `${providerDisplayName(provider)} usage connected${status.adminKeyLabel ? ` with the admin key “${status.adminKeyLabel}”` : ''}. Run \`keyward usage sync\` to fetch it.`,
      );
    });

  usage
    .command('disconnect')
    .description('stop syncing a provider’s usage (what was synced stays)')
    .addArgument(new Argument('<provider>', syncProviders.join(', ')).argParser(parsedBy(providerChoice)))
    .action(async (provider) => {
      const ctx = context();
      const status = await ctx.withVault((api) => api.usageSync.disconnect({ provider }));
      if (ctx.json) return ctx.printJson(status);
      ctx.print(`${providerDisplayName(provider)} usage disconnected; its synced records stay.`);
    });

  usage
    .command('status')
    .description('each provider’s usage sync: connected or not, the admin key, the last sync and its result')
    .action(async () => {
      const ctx = context();
      const status = await ctx.withVault((api) => api.usageSync.status());
      if (ctx.json) return ctx.printJson(status);
      ctx.print(
        table([
          ['PROVIDER', 'CONNECTED', 'ADMIN KEY', 'LAST SYNC', 'RESULT'],
          ...status.sources.map((source) => [
            providerDisplayName(source.provider),
            source.connected ? 'yes' : 'no',
            source.provider === 'openrouter' ? `${source.keysToAsk} stored keys` : (source.adminKeyLabel ?? '-'),
            source.lastSyncAt ? source.lastSyncAt.slice(0, 16).replace('T', ' ') : 'never',
            source.last ? stateWords(source) : '',
          ]),
        ]) + `\nDaily sync in the app: ${status.daily ? 'on' : 'off'}.`,
      );
    });

  usage
    .command('links')
    .description('the providers’ API keys seen by a sync and the vault key each one’s usage is attributed to')
    .option('--provider <id>', 'only this provider', parsedBy(providerChoice))
    .action(async (options) => {
      const ctx = context();
      const links = await ctx.withVault((api) => api.usageSync.links({ provider: options.provider }));
      if (ctx.json) return ctx.printJson(links);
      if (links.length === 0) return ctx.print('No provider keys seen yet: run `keyward usage sync` first.');
      ctx.print(
        table([
          ['PROVIDER', 'PROVIDER KEY', 'NAME', 'REDACTED', 'VAULT KEY', 'HOW'],
          ...links.map((link) => [
            providerDisplayName(link.provider),
            link.apiKeyId,
            link.name,
            link.hint,
            link.keyLabel ?? '-',
            howWords(link),
          ]),
        ]),
      );
    });

  usage
    .command('link')
    .description('attribute a provider key’s usage to a vault key; `none` for no vault key, `auto` to match automatically again')
    .addArgument(new Argument('<provider>', syncProviders.join(', ')).argParser(parsedBy(providerChoice)))
    .argument('<provider-key-id>', 'the provider’s key id, from `keyward usage links`')
    .argument('<key-id>', 'a vault key id, `none` or `auto`')
    .action(async (provider, apiKeyId, target) => {
      const ctx = context();
      if (target !== 'none' && target !== 'auto' && !keyId.safeParse(target).success)
        throw usageError('Name a vault key id (from `keyward list`), none or auto.');
      const link = await ctx.withVault((api) =>
        target === 'auto'
          ? api.usageSync.clearLink({ provider, apiKeyId })
          : api.usageSync.setLink({ provider, apiKeyId, keyId: target === 'none' ? null : target }),
      );
      if (ctx.json) return ctx.printJson(link);
      ctx.print(
        `${link.name || link.apiKeyId}: ${link.keyLabel ? `attributed to “${link.keyLabel}”` : 'attributed to no vault key'} (${howWords(link)}).`,
      );
    });
}

const providerChoice = syncProviderField;

function describeResult(result: SyncSourceResult): string {
  if (result.state !== 'ok') return `${providerDisplayName(result.provider)}: ${phraseText(result.message)}`;
  const lines = [
    `${providerDisplayName(result.provider)} ${result.from} … ${result.to}: ${result.daysFetched} day${result.daysFetched === 1 ? '' : 's'} fetched, ${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged${result.removed ? `, ${result.removed} removed` : ''}.`,
  ];
  if (result.skippedDays.length > 0)
    lines.push(
      `  ${result.skippedDays.length} day${result.skippedDays.length === 1 ? '' : 's'} skipped because a CSV import owns them: ${result.skippedDays.join(', ')}.`,
    );
  if (result.billedMicros !== null)
    lines.push(
      `  Billed by ${providerDisplayName(result.provider)}: ${formatUsd(result.billedMicros)}; records: ${formatUsd(result.recordedMicros)}.`,
    );
  else lines.push(`  Records: ${formatUsd(result.recordedMicros)}.`);
  for (const key of result.keys)
    lines.push(
      key.answered
        ? `  “${key.label}”: ${formatUsd(key.todayMicros ?? 0)} today, ${formatUsd(key.monthMicros ?? 0)} this month${key.limitMicros === null ? '' : `, limit ${formatUsd(key.limitMicros)} (${formatUsd(key.remainingMicros ?? 0)} left)`}.`
        : `  “${key.label}”: refused by OpenRouter (revoked?).`,
    );
  if (result.cursor) lines.push(`  Next sync starts at ${result.cursor}.`);
  return lines.join('\n');
}

function stateWords(source: SyncSourceStatus): string {
  const last = source.last!;
  if (last.state === 'ok') return `ok: ${last.added} added, ${last.updated} updated`;
  return phraseText(last.message);
}

function howWords(link: KeyLink): string {
  if (link.setBy === 'user') return 'set by you';
  if (link.matchedOn === 'redacted-value') return 'matched on the redacted value';
  if (link.matchedOn === 'name') return 'matched on the name';
  return 'no match';
}
