import type { Command } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import { z } from 'zod';
import { KeywardError } from '../../../contract/errors.ts';
import type { ScanFinding, ScanReport } from '../../../contract/scan.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { ExitWith, parsedBy, type CliContext } from '../context.ts';

/** Exit code of a scan that found something: 1 is "anything else went wrong", so findings get their own. */
export const EXIT_FINDINGS = 5;

/** Thrown after the report is printed, so `runCli` returns EXIT_FINDINGS. */
export class FindingsFound extends ExitWith {
  constructor() {
    super(EXIT_FINDINGS);
    this.name = 'FindingsFound';
  }
}

interface ScanOptions {
  git?: boolean;
  shellHistory?: boolean;
  agents?: boolean;
  respectGitignore?: boolean;
  includeBinary?: boolean;
  maxFileSize: number;
}

export function registerScanCommands(program: Command, context: () => CliContext): void {
  program
    .command('scan')
    .description(
      'look for the vault’s keys (current and rotated-out) and unknown keys where they should not be; exit code 5 when something is found',
    )
    .argument(
      '[paths...]',
      'folders or files to scan (default: the current folder, unless only --shell-history/--agents are given)',
    )
    .option('--git', 'also the full history of git repositories found there: every commit, branch and stash')
    .option('--shell-history', 'also shell histories (bash, zsh, fish, PowerShell, …)')
    .option('--agents', 'also coding-agent transcripts and settings (~/.claude, ~/.codex, ~/.cursor, ~/.continue, …)')
    .option('--respect-gitignore', 'skip what .gitignore ignores (off by default: .env files are usually ignored)')
    .option('--include-binary', 'also read binary files')
    .option(
      '--max-file-size <MB>',
      'skip larger files',
      parsedBy(z.number().positive('Use a size above 0.').max(4096), Number),
      10,
    )
    .action(async (paths: string[], options: ScanOptions) => {
      const ctx = context();
      const onlyOthers = paths.length === 0 && !options.git && (options.shellHistory || options.agents);
      const absolute = (paths.length > 0 ? paths : onlyOthers ? [] : ['.']).map((path) => resolve(path));
      const report = await ctx.withVault(async (api) => {
        const { scanId } = await api.scan.start({
          paths: absolute,
          git: Boolean(options.git),
          shellHistory: Boolean(options.shellHistory),
          agents: Boolean(options.agents),
          respectGitignore: Boolean(options.respectGitignore),
          includeBinary: Boolean(options.includeBinary),
          maxFileMegabytes: options.maxFileSize,
        });
        const done = api.scan.wait({ scanId });
        if ((ctx.io.stderr as { isTTY?: boolean }).isTTY) await showProgress(ctx, done, () => api.scan.result({ scanId }));
        return done;
      });
      if (report.state !== 'done')
        throw new KeywardError('Internal', report.error ? phraseText(report.error) : 'The scan did not finish.');
      if (ctx.json) {
        await ctx.printJson({
          findings: report.findings.map(jsonFinding),
          filesScanned: report.filesScanned,
          bytesScanned: report.bytesScanned,
          commitsScanned: report.commitsScanned,
          skipped: report.skipped,
          truncated: report.truncated,
        });
      } else {
        ctx.print(describeReport(report));
      }
      if (report.findings.length > 0) throw new FindingsFound();
    });
}

/** At a terminal, one line on stderr that counts what has been read, until the scan ends. */
async function showProgress(ctx: CliContext, done: Promise<unknown>, read: () => Promise<ScanReport>): Promise<void> {
  let finished = false;
  const end = () => {
    finished = true;
  };
  done.then(end, end);
  while (!finished) {
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 250))]);
    const report = await read();
    const mb = (report.bytesScanned / 1e6).toFixed(1);
    ctx.io.stderr.write(
      `\rScanning: ${report.filesScanned.toLocaleString('en')} files, ${mb} MB${report.commitsScanned ? `, ${report.commitsScanned.toLocaleString('en')} commits` : ''}, ${report.findings.length} found…`,
    );
  }
  ctx.io.stderr.write('\r\x1b[K');
}

/** A key in the trash says so beside its label (in --json too, as it did before `inTrash`). */
function labelOf(f: ScanFinding): string {
  return f.inTrash ? `${f.label} (in trash)` : f.label;
}

/** The documented --json fields first, then the extra detail. */
function jsonFinding(f: ScanFinding) {
  return {
    keyId: f.keyId,
    label: labelOf(f),
    masked: f.masked,
    kind: f.kind,
    path: f.path,
    line: f.line,
    column: f.column,
    commit: f.commit,
    repository: f.repository,
    source: f.source,
    form: f.form,
    historySeq: f.historySeq,
    provider: f.provider,
    inTrash: f.inTrash,
  };
}

/** Findings grouped by key (unknown keys by value), each place on its own line. */
export function describeReport(report: ScanReport): string {
  const groups = new Map<string, ScanFinding[]>();
  for (const finding of report.findings) {
    const group = finding.keyId ? `${finding.keyId}/${finding.kind}/${finding.historySeq ?? ''}` : `unknown/${finding.unknownId}`;
    groups.set(group, [...(groups.get(group) ?? []), finding]);
  }
  const lines: string[] = [];
  for (const findings of groups.values()) {
    const first = findings[0]!;
    const what = first.inTrash
      ? 'in the trash: revoke it at the provider (the trash does not), then delete it for good'
      : first.kind === 'vault'
        ? 'in the vault: rotate it (`keyward rotate`)'
        : first.kind === 'historical'
          ? `an earlier value (#${first.historySeq}), rotated out: make sure it is revoked at the provider`
          : 'not in Keyward: add it with `keyward add`, then rotate it';
    lines.push(`${labelOf(first)} (${first.masked}) — ${what}; ${findings.length} ${findings.length === 1 ? 'place' : 'places'}`);
    for (const f of findings) lines.push(`  ${place(f)}`);
  }
  const mb = (report.bytesScanned / 1e6).toFixed(1);
  const skipped = report.skipped.binary + report.skipped.tooLarge + report.skipped.unreadable;
  lines.push(
    `Scanned ${report.filesScanned.toLocaleString('en')} files, ${mb} MB${report.commitsScanned ? `, ${report.commitsScanned.toLocaleString('en')} commits` : ''}` +
      `${skipped ? ` (skipped ${report.skipped.binary} binary, ${report.skipped.tooLarge} too large, ${report.skipped.unreadable} unreadable)` : ''}: ` +
      (report.findings.length === 0
        ? 'nothing found.'
        : `${report.findings.length} ${report.findings.length === 1 ? 'finding' : 'findings'}${report.truncated ? ' (more not listed)' : ''}.`),
  );
  if (report.secretsTooShort > 0) lines.push(`${report.secretsTooShort} values under 8 characters were not looked for.`);
  return lines.join('\n');
}

function place(f: ScanFinding): string {
  const form = f.form === 'raw' ? '' : ` (${f.form})`;
  if (f.source === 'git') {
    const file = f.path === '' ? 'commit message' : f.path;
    return `${f.repository} @ ${f.commit?.slice(0, 12)}: ${file}:${f.line}:${f.column}${form}`;
  }
  return `${f.path}:${f.line}:${f.column}${form}`;
}
