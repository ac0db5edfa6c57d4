import type { Command } from '@commander-js/extra-typings';
import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { EnvImportReport } from '../../../contract/references-contract.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import type { CliContext } from '../context.ts';
import { readText, rewriteEnvValues } from '../env-files.ts';

export function registerEnvCommands(program: Command, context: () => CliContext): void {
  const env = program.command('env').description('move the keys in .env files into the vault');

  env
    .command('import')
    .description('add the keys in a .env file to the vault (values that are not keys are left alone)')
    .argument('<file>', 'the .env file')
    .option('--rewrite', 'replace each moved value in the file by its reference (same mode, replaced atomically)')
    .option('--dry-run', 'show what would be added and rewritten; change nothing')
    .action(async (file: string, options: { rewrite?: boolean; dryRun?: boolean }) => {
      const ctx = context();
      const text = readText(file, '.env file');
      const path = resolve(file);
      const report = await ctx.withVault((api) =>
        api.keys.importEnv({
          text,
          fileName: basename(path),
          usedIn: basename(dirname(path)).slice(0, 80) || undefined,
          dryRun: Boolean(options.dryRun),
        }),
      );
      const moved = new Map(
        report.items
          .filter((item) => item.reference !== null && item.status !== 'skipped')
          .map((item) => [item.variable, item.reference!]),
      );
      let rewritten = false;
      if (options.rewrite && moved.size > 0) {
        const next = rewriteEnvValues(text, moved);
        if (!options.dryRun) {
          const { writeFileAtomic } = await import('../../vault/atomic-file.ts');
          const { chmodSync } = await import('node:fs');
          const mode = statSync(path).mode & 0o777;
          writeFileAtomic(path, next);
          chmodSync(path, mode);
          rewritten = true;
        }
      }
      if (ctx.json) {
        return ctx.printJson({
          added: report.added,
          existing: report.existing,
          skipped: report.skipped,
          items: report.items.map(({ variable, provider, reference, status }) => ({ variable, provider, reference, status })),
        });
      }
      printReport(ctx, file, report, { rewrite: Boolean(options.rewrite), rewritten });
    });
}

function printReport(
  ctx: CliContext,
  file: string,
  report: EnvImportReport,
  rewrite: { rewrite: boolean; rewritten: boolean },
): void {
  const verb = report.dryRun ? 'would be' : 'were';
  for (const item of report.items) {
    const note = item.note && phraseText(item.note);
    if (item.status === 'skipped') ctx.print(`skipped   ${item.variable}: ${note ?? 'not a key'}`);
    else
      ctx.print(
        `${item.status.padEnd(9)} ${item.variable}: ${item.provider} ${item.masked} -> ${item.reference}${note ? ` (${note})` : ''}`,
      );
  }
  ctx.print(
    `${report.added} ${report.added === 1 ? 'key' : 'keys'} ${verb} added (environment ${report.environment}), ${report.existing} already in the vault, ${report.skipped} values left alone.`,
  );
  const moved = report.added + report.existing;
  if (moved === 0) return;
  if (rewrite.rewritten)
    ctx.print(
      `${file} now holds references instead of the keys; run your command with: keyward run --env-file ${file} -- COMMAND`,
    );
  else if (rewrite.rewrite) ctx.print(`${file} would hold references instead of the keys (dry run: nothing written).`);
  else ctx.print(`The keys are still in ${file}: add --rewrite to replace them by references.`);
  ctx.print(
    `If ${file} was ever committed to git, the old values are still in its history: rotate those keys (keyward rotate ID).`,
  );
}
