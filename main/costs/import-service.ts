import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { AuditSource } from '../../contract/audit.ts';
import type { ColumnMapping, ImportPreset, ImportPreview, ImportResult, ImportSummary } from '../../contract/costs.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import { KeywardError } from '../../contract/errors.ts';
import type { Contract } from '../../contract/index.ts';
import { appendAudit } from '../audit/log.ts';
import { keyExists } from '../keys/rows.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { CostContext } from './context.ts';
import { MAX_LISTED_ERRORS, type ImportJob, type JobOutcome } from './import-job.ts';
import type { ImportRunner } from './import-runner.ts';
import type { ImportSource } from './importers/read-file.ts';
import { sharedFromBase64 } from './importers/shared-bytes.ts';
import { deleteImport, deletePreset, importFileName, listImports, listPresets, savePreset } from './imports.ts';
import { reopenForSync } from './sync/store.ts';

type PreviewInput = ParsedInputOf<Contract['usage']['preview']>;

/** A preview waits this long for its commit; then the file must be read again. */
const PREVIEW_TTL_MS = 30 * 60_000;

const NO_PRESET = 'No import preset has that name; the Import dialog lists the saved ones.';

interface PendingImport {
  job: Omit<ImportJob, 'mode' | 'importId' | 'at' | 'door' | 'skipInvalid' | 'expectDigest' | 'backupFiles'>;
  digest: string;
  fresh: number;
  expiresAt: number;
}

/**
 * Imports of provider exports: a preview reads the file and writes nothing; its commit writes
 * it on the runner's own connection (a worker thread in the app), after an encrypted backup.
 * Also the import log (undo) and the saved column mappings of generic CSV files.
 */
export class ImportService {
  readonly #costs: CostContext;
  readonly #runner: ImportRunner;
  readonly #pending = new Map<string, PendingImport>();

  constructor(costs: CostContext, runner: ImportRunner) {
    this.#costs = costs;
    this.#runner = runner;
    costs.vault.onLock(() => {
      this.#pending.clear();
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
      if (!preset) throw new KeywardError('NotFound', NO_PRESET);
      mapping = preset.mapping;
    }
    const format = mapping ? 'generic' : input.format;
    if (input.keyId && !keyExists(db, input.keyId))
      throw new KeywardError('NotFound', 'No key with that id to link the import to.');
    const job = { file, fileName, format, mapping, keyId: input.keyId };
    const outcome = await this.#runner.run({
      ...job,
      mode: 'preview',
      skipInvalid: false,
      importId: '',
      at: this.#costs.now(),
      door: source,
    });
    const token = randomUUID();
    this.#dropExpired();
    this.#pending.set(token, {
      job: { ...job, format: outcome.format },
      digest: outcome.digest,
      fresh: outcome.fresh,
      expiresAt: this.#costs.nowMs() + PREVIEW_TTL_MS,
    });
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
      if (!pending) throw new KeywardError('NotFound', 'That preview has expired or was already used; preview the file again.');
      this.#pending.delete(token);
      const importId = randomUUID();
      const outcome = await this.#runner.run({
        ...pending.job,
        mode: pending.fresh === 0 ? 'preview' : 'commit',
        skipInvalid,
        expectDigest: pending.digest,
        importId,
        at: this.#costs.now(),
        door: source,
        backupFiles: this.#costs.vault.files,
      });
      // A lock that came while the commit was finishing leaves the alerts to the next unlock.
      if (outcome.committed && this.#costs.vault.isUnlocked()) this.#costs.sendDueAlerts();
      return toResult(outcome, outcome.committed ? importId : null, skipInvalid);
    });
  }

  discard(token: string): { discarded: boolean } {
    return { discarded: this.#pending.delete(token) };
  }

  #dropExpired(): void {
    const now = this.#costs.nowMs();
    for (const [token, pending] of this.#pending) if (pending.expiresAt < now) this.#pending.delete(token);
  }

  list(): ImportSummary[] {
    return listImports(this.#costs.db());
  }

  undo(importId: string, source: AuditSource): Promise<{ removed: number }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const fileName = importFileName(db, importId);
      if (fileName === undefined) throw new KeywardError('NotFound', 'No import with that id.');
      const removed = inWriteTransaction(db, () => {
        // The days this import owned are free again: a connected usage sync fetches them at its next run.
        reopenForSync(db, importId, this.#costs.today());
        const count = deleteImport(db, importId);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.import-undone',
          source,
          detail: `${fileName}: ${count} records removed`,
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
      if (!inWriteTransaction(db, () => deletePreset(db, name))) throw new KeywardError('NotFound', NO_PRESET);
      return { name };
    });
  }
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * A path is read only for the CLI: a page in the app hands over the bytes of a file its user
 * picked, and must not be able to make main read any file it names.
 */
async function toSource(file: PreviewInput['file'], source: AuditSource): Promise<ImportSource> {
  if ('path' in file) {
    if (source !== 'cli')
      throw new KeywardError('Forbidden', 'Only the command line imports by path; the app sends the file itself.');
    let stats;
    try {
      stats = statSync(file.path);
    } catch {
      throw new KeywardError('NotFound', `${file.path} was not found or cannot be read.`);
    }
    if (!stats.isFile()) throw new KeywardError('Invalid', `${file.path} is not a file.`);
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
