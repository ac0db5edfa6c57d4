import { randomUUID } from 'node:crypto';
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { AuditSource } from '../../contract/audit.ts';
import type { ColumnMapping, ImportPreset, ImportPreview, ImportResult, ImportSummary } from '../../contract/costs.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import type { Contract } from '../../contract/index.ts';
import { appendAudit } from '../audit/log.ts';
import { auditDetail } from '../audit/details.ts';
import { keyExists } from '../keys/rows.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { CostContext } from './context.ts';
import { MAX_LISTED_ERRORS, sweepStaging, type JobOutcome } from './import-job.ts';
import type { HeldImport, ImportRunner } from './import-runner.ts';
import type { ImportSource } from './importers/read-file.ts';
import { sharedFromBase64 } from './importers/shared-bytes.ts';
import { deleteImport, deletePreset, importFileName, listImports, listPresets, savePreset } from './imports.ts';
import { reopenForSync } from './sync/store.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';

type PreviewInput = ParsedInputOf<Contract['usage']['preview']>;

/** A preview waits this long for its commit; then the file must be read again. */
const PREVIEW_TTL_MS = 30 * 60_000;

/**
 * Previews held at once (each a worker and a staging file, up to ~250 MB on disk for a million
 * rows); a further preview frees the oldest, whose commit then asks for a new preview.
 */
const MAX_HELD_PREVIEWS = 2;

interface PendingImport {
  outcome: JobOutcome;
  /** The staged rows, while there is something to commit (none when nothing is new or the file was unreadable). */
  held: HeldImport | null;
  expiresAt: number;
  /** Frees the staged rows when the preview expires, even if nothing else happens meanwhile. */
  expiry: ReturnType<typeof setTimeout> | null;
}

/**
 * Imports of provider exports: a preview reads the file, stages its new rows (encrypted, beside
 * the vault) and writes nothing to the vault; its commit writes the staged rows on the runner's
 * own connection (a worker thread in the app), after an encrypted backup. A discard, an expired
 * preview or a lock frees the staged rows. Also the import log (undo) and the saved column
 * mappings of generic CSV files.
 */
export class ImportService {
  readonly #costs: CostContext;
  readonly #runner: ImportRunner;
  readonly #pending = new Map<string, PendingImport>();
  /** The last commit's stage timings (ms), for the benchmark. */
  lastStages: Record<string, number> | undefined;

  constructor(costs: CostContext, runner: ImportRunner) {
    this.#costs = costs;
    this.#runner = runner;
    costs.vault.onLock(() => {
      for (const token of [...this.#pending.keys()]) this.#forget(token);
      this.#runner.abortAll();
    });
  }

  async preview(input: PreviewInput, source: AuditSource): Promise<ImportPreview> {
    const db = this.#costs.db();
    const file = await toSource(input.file, source);
    const fileName = 'path' in input.file ? basename(input.file.path) : input.file.name;
    let mapping = input.mapping;
    if (input.preset) {
      const preset = this.presets().find((p) => p.name === input.preset);
      // Errors never quote what was given (a value pasted into the wrong field could be a key).
      if (!preset) throw phraseError('NotFound', phrase(costErrors.noPreset));
      mapping = preset.mapping;
    }
    const format = mapping ? 'generic' : input.format;
    if (input.keyId && !keyExists(db, input.keyId)) throw phraseError('NotFound', phrase(costErrors.noKeyToLink));
    sweepStaging(this.#costs.vault.files.dir);
    const held = await this.#runner.preview({ file, fileName, format, mapping, keyId: input.keyId });
    const { outcome } = held;
    const keep = outcome.fresh > 0 && !outcome.fatal;
    if (!keep) held.discard();
    const token = randomUUID();
    this.#dropExpired();
    const expiry = keep ? setTimeout(() => this.#forget(token), PREVIEW_TTL_MS) : null;
    // A timer must not keep a CLI process alive.
    expiry?.unref();
    this.#pending.set(token, { outcome, held: keep ? held : null, expiresAt: this.#costs.nowMs() + PREVIEW_TTL_MS, expiry });
    const holding = [...this.#pending].filter(([, pending]) => pending.held);
    for (const [oldest] of holding.slice(0, Math.max(0, holding.length - MAX_HELD_PREVIEWS))) this.#forget(oldest);
    return {
      token,
      fileName,
      format: outcome.format,
      formatLabel: outcome.formatLabel,
      rows: outcome.rows,
      new: outcome.fresh,
      duplicates: outcome.duplicates,
      ignored: outcome.ignored,
      errors: outcome.errors,
      errorCount: outcome.errorCount,
      firstDay: outcome.firstDay,
      lastDay: outcome.lastDay,
      costMicros: outcome.costMicros,
      unpricedModels: outcome.unpricedModels,
      warnings: outcome.fatal ? [] : outcome.warnings,
      sample: outcome.sample,
    };
  }

  commit(token: string, skipInvalid: boolean, source: AuditSource): Promise<ImportResult> {
    return this.#costs.write(async () => {
      this.#dropExpired();
      const pending = this.#pending.get(token);
      if (!pending) throw phraseError('NotFound', phrase(costErrors.previewExpired));
      this.#pending.delete(token);
      if (pending.expiry) clearTimeout(pending.expiry);
      // Nothing new (a re-import) or an unreadable file: the preview's answer is the commit's.
      if (!pending.held) return toResult({ ...pending.outcome, fresh: 0 }, null, skipInvalid);
      const importId = randomUUID();
      const outcome = await pending.held.commit({
        skipInvalid,
        importId,
        at: this.#costs.now(),
        door: source,
        backupFiles: this.#costs.vault.files,
      });
      this.lastStages = outcome.stages;
      // A lock that came while the commit was finishing leaves the alerts to the next unlock.
      if (outcome.committed && this.#costs.vault.isUnlocked()) this.#costs.sendDueAlerts();
      return toResult(outcome, outcome.committed ? importId : null, skipInvalid);
    });
  }

  discard(token: string): { discarded: boolean } {
    return { discarded: this.#forget(token) };
  }

  /** Forgets a preview and frees its staged rows. */
  #forget(token: string): boolean {
    const pending = this.#pending.get(token);
    if (pending?.expiry) clearTimeout(pending.expiry);
    pending?.held?.discard();
    return this.#pending.delete(token);
  }

  #dropExpired(): void {
    const now = this.#costs.nowMs();
    for (const [token, pending] of this.#pending) if (pending.expiresAt < now) this.#forget(token);
  }

  list(): ImportSummary[] {
    return listImports(this.#costs.db());
  }

  undo(importId: string, source: AuditSource): Promise<{ removed: number }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const fileName = importFileName(db, importId);
      if (fileName === undefined) throw phraseError('NotFound', phrase(costErrors.noImport));
      const removed = inWriteTransaction(db, () => {
        // The days this import owned are free again: a connected usage sync fetches them at its next run.
        reopenForSync(db, importId, this.#costs.today());
        const count = deleteImport(db, importId);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.import-undone',
          source,
          detail: auditDetail.importUndone(fileName, count),
        });
        return count;
      });
      return { removed };
    });
  }

  presets(): ImportPreset[] {
    return listPresets(this.#costs.db());
  }

  savePreset(name: string, mapping: ColumnMapping): Promise<ImportPreset> {
    return this.#costs.write(() => {
      const at = this.#costs.now();
      const db = this.#costs.db();
      inWriteTransaction(db, () => savePreset(db, name, mapping, at));
      return { name, mapping, updatedAt: at };
    });
  }

  removePreset(name: string): Promise<{ name: string }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      if (!inWriteTransaction(db, () => deletePreset(db, name))) throw phraseError('NotFound', phrase(costErrors.noPreset));
      return { name };
    });
  }
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** Kernel and device file systems: their "files" are not exports, whatever stat says. */
const SYSTEM_ROOTS = ['/proc/', '/sys/', '/dev/'];

/**
 * The CLI names a path; the app hands over the path of a file its user picked (the preload
 * forwards only paths Electron gave it for a picked or dropped file) or, from a browser, the
 * file's bytes. Either way a path must lead to a regular file: not a directory, a FIFO, a device
 * or a kernel file, which could block the import or read something that is not an export.
 */
export async function toSource(file: PreviewInput['file'], source: AuditSource): Promise<ImportSource> {
  if ('path' in file) {
    if (source !== 'cli' && source !== 'app') throw phraseError('Forbidden', phrase(costErrors.pathForbidden));
    const name = source === 'cli' ? file.path : basename(file.path);
    if (!isAbsolute(file.path) && source === 'app') throw phraseError('Invalid', phrase(costErrors.notRegularFile, { name }));
    let stats;
    try {
      stats = statSync(file.path);
    } catch {
      throw phraseError('NotFound', phrase(costErrors.unreadableFile, { name }));
    }
    const real = source === 'app' ? realpathSync(file.path) : file.path;
    if (!stats.isFile() || (source === 'app' && SYSTEM_ROOTS.some((root) => `${real}/`.startsWith(root))))
      throw phraseError('Invalid', phrase(costErrors.notRegularFile, { name }));
    return { path: file.path };
  }
  return { bytes: await sharedFromBase64(file.base64) };
}

function toResult(outcome: JobOutcome, importId: string | null, skipInvalid: boolean): ImportResult {
  const rejected = outcome.fatal || (outcome.errorCount > 0 && !skipInvalid);
  return {
    importId,
    format: outcome.format,
    rows: outcome.rows,
    added: outcome.committed ? outcome.fresh : 0,
    duplicates: outcome.duplicates,
    ignored: outcome.ignored,
    rejected,
    errors: outcome.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: outcome.errorCount,
    backup: outcome.backup,
  };
}
