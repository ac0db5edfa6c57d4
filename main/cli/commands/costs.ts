import { resolve } from 'node:path';
import { Option, type Command } from '@commander-js/extra-typings';
import { closeSync, existsSync, ftruncateSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import {
  columnMappingSchema,
  groupings,
  importFormats,
  microsToUsd,
  microsToUsdString,
  month,
  usdToMicros,
  type Budget,
  type ColumnMapping,
  type ImportIssue,
  type ImportPreview,
  type ImportResult,
  type ModelPrice,
} from '../../../contract/costs.ts';
import { day, keyId, providerField } from '../../../contract/keys.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { EXIT, ExitWith, parsedBy, usageError, type CliContext } from '../context.ts';
import { table } from '../table.ts';
import { terminalSafe } from '../terminal-safe.ts';
import { registerUsageSyncCommands } from './usage-sync.ts';

const count = parsedBy(z.int('Use a whole number.').min(0, 'Use 0 or more.').max(1e15), Number);
const dollars = parsedBy(z.string().refine((text) => usdToMicros(text) !== null, 'Write dollars, like 12.34.'));

/** `--map day=Date,model=Model,inputTokens=Prompt,…` → a column mapping. */
function parseMapping(text: string): ColumnMapping {
  const entries = text.split(',').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 1) throw usageError(`--map: write field=Column pairs separated by commas (got a pair without =).`);
    return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()] as const;
  });
  const raw: Record<string, unknown> = Object.fromEntries(entries);
  if (raw.inputIncludesCached !== undefined) raw.inputIncludesCached = raw.inputIncludesCached === 'true';
  const parsed = columnMappingSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const unknown = issues.find((issue) => issue.code === 'unrecognized_keys');
    if (unknown) {
      const fields = columnMappingSchema.keyof().options.join(', ');
      throw usageError(`--map: unknown field ${unknown.keys.join(', ')}; the fields are ${fields}.`);
    }
    const issue = issues[0]!;
    const field = issue.path.join('.');
    if (issue.code === 'invalid_type') throw usageError(`--map: name the ${field} column (${field}=Column).`);
    throw usageError(`--map: ${field}: ${issue.message}`);
  }
  return parsed.data;
}

export function registerCostCommands(program: Command, context: () => CliContext): void {
  const usage = program
    .command('usage')
    .description('usage records: add by hand, import exports, sync from the providers, list, export');
  registerUsageSyncCommands(usage, context);

  usage
    .command('add')
    .description('add one usage record; the cost is computed from the price table unless --cost is given')
    .requiredOption('--provider <id>', 'provider id (openai, anthropic, …) or custom:Name', parsedBy(providerField))
    .requiredOption('--model <model>', 'model id or name (dated ids and display names are recognised)')
    .option('--key <id>', 'link to a key in the vault', parsedBy(keyId))
    .option('--date <date>', 'the UTC day, YYYY-MM-DD (default: today)', parsedBy(day))
    .option('--input <n>', 'input tokens, cached ones included', count)
    .option('--output <n>', 'output tokens', count)
    .option('--cached <n>', 'of the input tokens, those read from the cache', count)
    .option('--cache-write <n>', 'of the input tokens, those written to the cache', count)
    .option('--requests <n>', 'requests', count)
    .option('--cost <usd>', 'the cost in dollars, when you know it', dollars)
    .option('--note <text>', 'a note')
    .action(async (options) => {
      const ctx = context();
      const record = await ctx.withVault((api) =>
        api.usage.add({
          provider: options.provider,
          model: options.model,
          keyId: options.key ?? null,
          day: options.date,
          inputTokens: options.input ?? 0,
          outputTokens: options.output ?? 0,
          cachedTokens: options.cached ?? 0,
          cacheWriteTokens: options.cacheWrite ?? 0,
          requests: options.requests ?? 0,
          costUsd: options.cost,
          note: options.note ?? '',
        }),
      );
      if (ctx.json) return ctx.printJson(record);
      const cost =
        record.costMicros === null
          ? `unpriced: ${record.model} has no price (set one with keyward prices set)`
          : `$${microsToUsdString(record.costMicros)}${record.costBasis === 'computed' ? ` at ${record.model} prices` : ''}`;
      ctx.print(`Added usage #${record.id}: ${record.day} ${record.provider} ${record.model}, ${cost}.`);
    });

  usage
    .command('import')
    .description('import a provider export (CSV, or DeepSeek ZIP); the format is recognised from the header')
    .argument('<file>', 'the export file')
    .addOption(new Option('--format <format>', 'force the format').choices(importFormats))
    .option('--dry-run', 'only show what would be imported')
    .option('--skip-invalid', 'import the valid rows of a file that has invalid ones, and list what was skipped')
    .option('--preset <name>', 'read a generic CSV through a saved column mapping')
    .option('--map <pairs>', 'read a generic CSV through this mapping: day=Col,model=Col[,provider=Col,inputTokens=Col,…]')
    .option('--save-preset <name>', 'save the --map mapping under this name')
    .option('--key <id>', 'link every row to this key', parsedBy(keyId))
    .action(async (file, options) => {
      const ctx = context();
      const mapping = options.map ? parseMapping(options.map) : undefined;
      if (options.savePreset && !mapping) throw usageError('--save-preset needs a --map to save.');
      const outcome = await ctx.withVault(async (api) => {
        if (options.savePreset && mapping) await api.usage.savePreset({ name: options.savePreset, mapping });
        const preview = await api.usage.preview({
          // Absolute: through the agent, the file is read by the app or agent, from its own working directory.
          file: { path: resolve(file) },
          format: options.format,
          preset: options.preset,
          mapping,
          keyId: options.key,
        });
        const rejected = preview.errorCount > 0 && !options.skipInvalid;
        if (options.dryRun || rejected) {
          await api.usage.discard({ token: preview.token });
          return { preview, result: null };
        }
        return { preview, result: await api.usage.commit({ token: preview.token, skipInvalid: Boolean(options.skipInvalid) }) };
      });
      const { preview, result } = outcome;
      const rejected = result ? result.rejected : preview.errorCount > 0 && !options.skipInvalid;
      const added = result ? result.added : rejected ? 0 : preview.new;
      const errors = result?.errors ?? preview.errors;
      if (ctx.json)
        await ctx.printJson({ added, duplicates: result?.duplicates ?? preview.duplicates, errors: errors.map(issueJson) });
      else printImport(ctx, file, preview, result, Boolean(options.dryRun));
      if (rejected) {
        const first = errors[0];
        const count = preview.errorCount === 1 ? '1 invalid row' : `${preview.errorCount} invalid rows`;
        ctx.io.stderr.write(
          terminalSafe(
            `keyward: ${file} rejected, nothing added: line ${first?.line ?? 1}: ${first ? issueText(first) : 'invalid.'} (${count}; fix them or use --skip-invalid)`,
          ) + '\n',
        );
        throw new RejectedImport(EXIT.usage);
      }
    });

  usage
    .command('list')
    .description('list usage records, newest first')
    .option('--month <month>', 'YYYY-MM', parsedBy(month))
    .option('--provider <id>', 'only this provider')
    .option('--key <id>', 'only this key', parsedBy(keyId))
    .option('--limit <n>', 'how many', parsedBy(z.int().min(1).max(10_000), Number), 100)
    .action(async (options) => {
      const ctx = context();
      const { records, total } = await ctx.withVault((api) =>
        api.usage.list({ month: options.month, provider: options.provider, keyId: options.key, limit: options.limit }),
      );
      if (ctx.json) return ctx.printJson({ records, total });
      if (records.length === 0) return ctx.print('No usage records.');
      ctx.print(
        table([
          ['ID', 'DAY', 'PROVIDER', 'MODEL', 'KEY', 'INPUT', 'OUTPUT', 'REQUESTS', 'COST'],
          ...records.map((r) => [
            String(r.id),
            r.day,
            r.provider,
            r.model || '(no model)',
            r.keyLabel ?? r.keyHint ?? '',
            String(r.inputTokens),
            String(r.outputTokens),
            String(r.requests),
            r.costMicros === null ? 'unpriced' : `$${microsToUsdString(r.costMicros)}`,
          ]),
        ]),
      );
      if (total > records.length) ctx.print(`… ${total - records.length} more (use --limit).`);
    });

  usage
    .command('export')
    .description('write usage records as CSV (to stdout, or --out FILE)')
    .option('--month <month>', 'YYYY-MM', parsedBy(month))
    .option('--provider <id>', 'only this provider')
    .option('--key <id>', 'only this key', parsedBy(keyId))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options) => {
      const ctx = context();
      // The file is opened before the export, which the audit log records: a path that cannot be
      // written (a directory, a missing folder) is refused with nothing exported or recorded.
      // Opened for appending, so an existing file is untouched until the export has succeeded.
      let fd: number | undefined;
      const existed = options.out !== undefined && existsSync(options.out);
      if (options.out) {
        try {
          fd = openSync(options.out, 'a', 0o600);
        } catch {
          throw usageError(`Cannot write to ${options.out}; nothing was exported.`);
        }
      }
      let exported: { csv: string; records: number };
      try {
        exported = await ctx.withVault((api) =>
          api.usage.exportCsv({ month: options.month, provider: options.provider, keyId: options.key }),
        );
      } catch (error) {
        if (fd !== undefined) {
          closeSync(fd);
          if (!existed) rmSync(options.out!, { force: true });
        }
        throw error;
      }
      const { csv, records } = exported;
      if (fd === undefined) return void ctx.io.stdout.write(csv);
      try {
        ftruncateSync(fd, 0);
        writeFileSync(fd, csv);
      } finally {
        closeSync(fd);
      }
      if (ctx.json) await ctx.printJson({ file: options.out, records });
      else ctx.print(`Wrote ${records} records to ${options.out}.`);
    });

  usage
    .command('rm')
    .description('delete one usage record')
    .argument('<id>', 'record id, from `keyward usage list`', parsedBy(z.int().positive('Not a record id.'), Number))
    .action(async (id: number) => {
      const ctx = context();
      await ctx.withVault((api) => api.usage.remove({ id }));
      if (ctx.json) await ctx.printJson({ removed: id });
      else ctx.print(`Deleted usage record #${id}.`);
    });

  usage
    .command('imports')
    .description('list past imports')
    .action(async () => {
      const ctx = context();
      const imports = await ctx.withVault((api) => api.usage.imports());
      if (ctx.json) return ctx.printJson(imports);
      if (imports.length === 0) return ctx.print('No imports yet.');
      ctx.print(
        table([
          ['ID', 'WHEN', 'FILE', 'FORMAT', 'ADDED', 'COST'],
          ...imports.map((i) => [
            i.id,
            i.at.slice(0, 16).replace('T', ' '),
            i.fileName,
            i.format,
            String(i.records),
            `$${microsToUsdString(i.costMicros)}`,
          ]),
        ]),
      );
    });

  usage
    .command('undo')
    .description('remove every record an import added')
    .argument('<import-id>', 'from `keyward usage imports`', parsedBy(z.uuid('Not an import id.')))
    .action(async (importId: string) => {
      const ctx = context();
      const { removed } = await ctx.withVault((api) => api.usage.undoImport({ importId }));
      if (ctx.json) await ctx.printJson({ removed });
      else ctx.print(`Removed ${removed} records.`);
    });

  program
    .command('costs')
    .description('costs for a month, grouped by provider, key, model or day')
    .option('--month <month>', 'YYYY-MM (default: this month)', parsedBy(month))
    .addOption(new Option('--by <grouping>', 'group rows by').choices(groupings).default('provider'))
    .action(async (options) => {
      const ctx = context();
      const summary = await ctx.withVault((api) => api.costs.summary({ month: options.month, by: options.by }));
      if (ctx.json) {
        return ctx.printJson({
          month: summary.month,
          totalUsd: microsToUsd(summary.totals.costMicros),
          inputTokens: summary.totals.inputTokens,
          outputTokens: summary.totals.outputTokens,
          requests: summary.totals.requests,
          rows: summary.rows.map((row) => ({
            group: row.group,
            costUsd: microsToUsd(row.costMicros),
            inputTokens: row.inputTokens,
            outputTokens: row.outputTokens,
            requests: row.requests,
          })),
        });
      }
      if (summary.rows.length === 0) return ctx.print(`No usage in ${summary.month}.`);
      ctx.print(
        table([
          [options.by.toUpperCase(), 'COST', 'INPUT', 'OUTPUT', 'REQUESTS', ''],
          ...summary.rows.map((row) => [
            phraseText(row.label),
            `$${microsToUsdString(row.costMicros)}`,
            String(row.inputTokens),
            String(row.outputTokens),
            String(row.requests),
            row.unpricedRecords ? `${row.unpricedRecords} unpriced` : '',
          ]),
          [
            'TOTAL',
            `$${microsToUsdString(summary.totals.costMicros)}`,
            String(summary.totals.inputTokens),
            String(summary.totals.outputTokens),
            String(summary.totals.requests),
            summary.totals.unpricedRecords ? `${summary.totals.unpricedRecords} unpriced` : '',
          ],
        ]),
      );
    });

  const prices = program.command('prices').description('the price table (USD per 1M tokens; per request)');
  prices
    .command('list')
    .description('list model prices: the shipped snapshot and your own')
    .option('--provider <id>', 'only this provider')
    .action(async (options) => {
      const ctx = context();
      const priceTable = await ctx.withVault((api) => api.prices.list({ provider: options.provider }));
      if (ctx.json) return ctx.printJson({ ...priceTable, models: priceTable.models.map(priceInUsd) });
      ctx.print(`Prices in USD per 1M tokens (defaults: ${priceTable.source}, snapshot ${priceTable.snapshotDate}).`);
      ctx.print(
        table([
          ['MODEL', 'PROVIDER', 'INPUT', 'OUTPUT', 'CACHED', 'CACHE WRITE', 'PER REQUEST', 'ORIGIN'],
          ...priceTable.models.map((p) => [
            p.model,
            p.provider,
            usd(p.input),
            usd(p.output),
            usd(p.cachedInput),
            usd(p.cacheWrite),
            usd(p.perRequest),
            p.origin,
          ]),
        ]),
      );
    });
  prices
    .command('set')
    .description('set a model’s prices in dollars (per 1M tokens; per request); omitted ones keep their value')
    .argument('<model>', 'model id or name')
    .option('--provider <id>', 'provider (needed for a model not in the table)', parsedBy(providerField))
    .option('--name <name>', 'display name')
    .option('--input <usd>', 'per 1M input tokens', dollars)
    .option('--output <usd>', 'per 1M output tokens', dollars)
    .option('--cached <usd>', 'per 1M cached input tokens', dollars)
    .option('--cache-write <usd>', 'per 1M cache-write tokens', dollars)
    .option('--cache-write-1h <usd>', 'per 1M 1-hour cache-write tokens', dollars)
    .option('--per-request <usd>', 'per request', dollars)
    .action(async (model, options) => {
      const ctx = context();
      const { price, repriced } = await ctx.withVault((api) =>
        api.prices.set({
          model,
          provider: options.provider,
          name: options.name,
          input: options.input,
          output: options.output,
          cachedInput: options.cached,
          cacheWrite: options.cacheWrite,
          cacheWrite1h: options.cacheWrite1h,
          perRequest: options.perRequest,
        }),
      );
      if (ctx.json) return ctx.printJson({ price: priceInUsd(price), repriced });
      ctx.print(
        `${price.model}: input $${usd(price.input)}, output $${usd(price.output)} per 1M tokens.${repriced ? ` Priced ${repriced} unpriced records.` : ''}`,
      );
    });
  prices
    .command('reset')
    .description('drop your own prices for a model; the shipped default applies again')
    .argument('<model>', 'model id or name')
    .action(async (model: string) => {
      const ctx = context();
      const { price } = await ctx.withVault((api) => api.prices.reset({ model }));
      if (ctx.json) return ctx.printJson({ price: price && priceInUsd(price) });
      ctx.print(price ? `${price.model} is back to the shipped price.` : `${model} no longer has a price.`);
    });

  const budget = program.command('budget').description('monthly budgets: total, per provider, per key');
  budget
    .command('set')
    .description('set a monthly budget in dollars (alerts at 50, 80 and 100 %)')
    .requiredOption('--monthly <usd>', 'the monthly amount', dollars)
    .option('--provider <id>', 'a budget for this provider', parsedBy(providerField))
    .option('--key <id>', 'a budget for this key', parsedBy(keyId))
    .action(async (options) => {
      const ctx = context();
      if (options.provider && options.key) throw usageError('Give --provider or --key, not both.');
      const scope = options.key ? 'key' : options.provider ? 'provider' : 'total';
      const saved = await ctx.withVault((api) =>
        api.budgets.set({ scope, provider: options.provider, keyId: options.key, monthlyUsd: options.monthly }),
      );
      if (ctx.json) return ctx.printJson({ ...saved, monthlyUsd: microsToUsd(saved.monthlyMicros) });
      ctx.print(`Budget for ${budgetName(saved)}: $${microsToUsdString(saved.monthlyMicros)} a month (${saved.id}).`);
    });
  budget
    .command('list')
    .description('budgets and this month’s spend against them')
    .option('--month <month>', 'YYYY-MM (default: this month)', parsedBy(month))
    .action(async (options) => {
      const ctx = context();
      const budgets = await ctx.withVault((api) => api.budgets.list({ month: options.month }));
      if (ctx.json) {
        return ctx.printJson(
          budgets.map((b) => ({
            id: b.id,
            scope: b.scope,
            provider: b.provider,
            keyId: b.keyId,
            label: budgetName(b),
            month: b.month,
            monthlyUsd: microsToUsd(b.monthlyMicros),
            spentUsd: microsToUsd(b.spentMicros),
            projectedUsd: microsToUsd(b.projectedMicros),
            percent: Math.round(b.fraction * 1000) / 10,
          })),
        );
      }
      if (budgets.length === 0) return ctx.print('No budgets: set one with keyward budget set --monthly USD.');
      ctx.print(
        table([
          ['ID', 'FOR', 'MONTHLY', 'SPENT', 'USED', 'PROJECTED'],
          ...budgets.map((b) => [
            b.id,
            budgetName(b),
            `$${microsToUsdString(b.monthlyMicros)}`,
            `$${microsToUsdString(b.spentMicros)}`,
            `${Math.round(b.fraction * 100)}%`,
            `$${microsToUsdString(b.projectedMicros)}`,
          ]),
        ]),
      );
    });
  budget
    .command('rm')
    .description('delete a budget')
    .argument('<id>', 'budget id, from `keyward budget list`', parsedBy(z.uuid('Not a budget id.')))
    .action(async (id: string) => {
      const ctx = context();
      await ctx.withVault((api) => api.budgets.remove({ id }));
      if (ctx.json) await ctx.printJson({ removed: id });
      else ctx.print('Budget deleted.');
    });
}

/** Thrown after a rejected import has printed its report and its one stderr line. */
export class RejectedImport extends ExitWith {
  constructor(exitCode: number) {
    super(exitCode);
    this.name = 'RejectedImport';
  }
}

/** A row's problem as the CLI always said it: the archive entry first, for a ZIP export. */
function issueText(issue: ImportIssue): string {
  return `${issue.entry === undefined ? '' : `${issue.entry}: `}${phraseText(issue.message)}`;
}

/** `--json` keeps the shape scripts read: `{ line, message }` with the message in English. */
function issueJson(issue: ImportIssue): { line: number; message: string } {
  return { line: issue.line, message: issueText(issue) };
}

function printImport(
  ctx: CliContext,
  file: string,
  preview: Pick<
    ImportPreview,
    'formatLabel' | 'rows' | 'new' | 'duplicates' | 'ignored' | 'errors' | 'errorCount' | 'warnings' | 'costMicros'
  >,
  result: ImportResult | null,
  dryRun: boolean,
): void {
  const errors = result?.errors ?? preview.errors;
  const rejected = result ? result.rejected : preview.errorCount > 0;
  const counts = `${preview.rows} rows, ${preview.new} new, ${result?.duplicates ?? preview.duplicates} duplicates, ${preview.ignored} without usage`;
  if (rejected) ctx.print(`${file} (${preview.formatLabel}): ${counts}. Invalid rows:`);
  else if (dryRun || !result)
    ctx.print(
      `Dry run, nothing written. ${file} (${preview.formatLabel}): ${counts}; new cost $${microsToUsdString(preview.costMicros)}.`,
    );
  else
    ctx.print(
      `Imported ${file} (${preview.formatLabel}): ${result.added} added, ${result.duplicates} duplicates, ${result.ignored} without usage${result.backup ? `; backup ${result.backup}` : ''}.`,
    );
  if (!rejected && errors.length) ctx.print(`${dryRun ? 'Would skip' : 'Skipped'} ${preview.errorCount} invalid rows:`);
  for (const error of errors) ctx.print(`  line ${error.line}: ${issueText(error)}`);
  if (preview.errorCount > errors.length) ctx.print(`  … and ${preview.errorCount - errors.length} more.`);
  for (const warning of preview.warnings) ctx.print(`Note: ${phraseText(warning)}`);
}

function usd(micros: number | null): string {
  return micros === null ? '' : microsToUsdString(micros);
}

function priceInUsd(price: ModelPrice) {
  const rate = (micros: number | null) => (micros === null ? null : microsToUsd(micros));
  return {
    model: price.model,
    provider: price.provider,
    name: price.name,
    origin: price.origin,
    inputPer1M: rate(price.input),
    outputPer1M: rate(price.output),
    cachedInputPer1M: rate(price.cachedInput),
    cacheWritePer1M: rate(price.cacheWrite),
    cacheWrite1hPer1M: rate(price.cacheWrite1h),
    perRequest: rate(price.perRequest),
    deprecationDate: price.deprecationDate,
  };
}

/** A key's budget whose key is in the trash says so, as the CLI always printed it. */
function budgetName(budget: Budget): string {
  return budget.keyInTrash ? `${budget.label} (in trash)` : budget.label;
}
