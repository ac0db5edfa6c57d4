/**
 * Import: the OpenAI export through the real importer, three ways, and the sqlite3 CLI's `.import`.
 *  - app: through the router exactly as the window calls it (the file's bytes as base64, preview,
 *    then commit), with the import in the worker thread; the event-loop delay of this thread (the
 *    one that owns the window in the app) is recorded meanwhile. Seconds and rows/s are preview +
 *    commit: the user's wait from picking the file to having the rows, whatever each step does.
 *  - the same import job inline on an encrypted vault and on a plain (unencrypted) database with
 *    the same schema and connection settings: the encryption overhead.
 *  - `sqlite3` CLI: `.import --csv` of the same file into a plain table of its columns, in WAL with
 *    synchronous=FULL like the vault: the floor for getting these rows into SQLite at all.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ImportPreview, ImportResult } from '../../contract/costs.ts';
import type { Result } from '../../contract/errors.ts';
import { runImportJob, type ImportJob } from '../../main/costs/import-job.ts';
import type { Call } from '../../main/router.ts';
import { createServices, type Services } from '../../main/services.ts';
import type { Db } from '../../main/vault/database.ts';
import { migrate } from '../../main/vault/migrations/index.ts';
import { OPENAI_ACTIVITY_HEADER } from './data.ts';
import { hasCommand, log, round, time, timedRun } from './stats.ts';

export interface ReimportResult {
  /** Preview + commit of a file whose every row is already in the vault. */
  totalMs: number;
  previewMs: number;
  commitMs: number;
  added: number;
  duplicates: number;
}

/** The same file a second time: nothing to add, which must not cost a full import. */
export async function benchReimport(call: Call, csvPath: string, handover: Handover): Promise<ReimportResult> {
  const file = fileInput(csvPath, handover);
  const preview = await time(async () => unwrap<ImportPreview>(await call('usage.preview', { file }, { source: 'app' })));
  const commit = await time(async () =>
    unwrap<ImportResult>(await call('usage.commit', { token: preview.value.token, skipInvalid: false }, { source: 'app' })),
  );
  if (commit.value.added !== 0) throw new Error(`the re-import added ${commit.value.added} rows`);
  log(`  re-import: preview ${preview.ms.toFixed(0)} ms, commit ${commit.ms.toFixed(0)} ms`);
  return {
    totalMs: round(preview.ms + commit.ms, 1),
    previewMs: round(preview.ms, 1),
    commitMs: round(commit.ms, 1),
    added: commit.value.added,
    duplicates: commit.value.duplicates,
  };
}

export interface AppImportResult {
  rows: number;
  fileBytes: number;
  previewMs: number;
  commitMs: number;
  totalMs: number;
  rowsPerSecond: number;
  /** CPU time of this process (all its threads) over preview + commit: less at the mercy of other load than wall time. */
  cpuMs: number;
  added: number;
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Where the time went, as the import job measured it (ms per stage, preview and commit). */
  stages?: Record<string, number>;
}

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/**
 * How the window hands the picked file to main: its path (Electron's webUtils.getPathForFile, the
 * app's way since issue 19) or its bytes as base64 (the way before, and the browser harness's).
 */
export type Handover = 'path' | 'bytes';

function fileInput(csvPath: string, handover: Handover) {
  return handover === 'path'
    ? { path: csvPath }
    : { name: 'activity_2025-01-01_2026-12-31.csv', base64: readFileSync(csvPath).toString('base64') };
}

/** The app's way: the file through the router, the job in the worker, this thread watched. */
export async function benchAppImport(call: Call, csvPath: string, rows: number, handover: Handover): Promise<AppImportResult> {
  const bytes = statSync(csvPath);
  // What the renderer sends; built before the watch starts.
  const file = fileInput(csvPath, handover);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const cpu = process.cpuUsage();
  const preview = await time(async () => unwrap<ImportPreview>(await call('usage.preview', { file }, { source: 'app' })));
  const commit = await time(async () =>
    unwrap<ImportResult>(await call('usage.commit', { token: preview.value.token, skipInvalid: false }, { source: 'app' })),
  );
  histogram.disable();
  const used = process.cpuUsage(cpu);
  if (commit.value.added !== rows) throw new Error(`the import added ${commit.value.added} of ${rows} rows`);
  const totalMs = preview.ms + commit.ms;
  log(
    `  app import: preview ${preview.ms.toFixed(0)} ms, commit ${commit.ms.toFixed(0)} ms, loop p99 ${(histogram.percentile(99) / 1e6).toFixed(1)} ms`,
  );
  return {
    rows,
    fileBytes: bytes.size,
    previewMs: preview.ms,
    commitMs: commit.ms,
    totalMs,
    rowsPerSecond: Math.round((rows / totalMs) * 1000),
    cpuMs: (used.user + used.system) / 1000,
    added: commit.value.added,
    eventLoop: {
      p50Ms: round(histogram.percentile(50) / 1e6),
      p99Ms: round(histogram.percentile(99) / 1e6),
      maxMs: round(histogram.max / 1e6),
    },
  };
}

/** The connection settings openEncrypted applies after keying, on a database with no key. */
function openPlain(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  return db;
}

function commitJob(csvPath: string): ImportJob {
  return {
    mode: 'commit',
    file: { path: csvPath },
    fileName: 'activity.csv',
    skipInvalid: false,
    importId: randomUUID(),
    at: '2026-12-31T12:00:00.000Z',
    door: 'cli',
  };
}

export interface EncryptionResult {
  encryptedMs: number;
  plainMs: number;
  /** encrypted / plain. */
  ratio: number;
}

/** One import job, inline, into a fresh encrypted vault and into a fresh plain database. */
export async function benchEncryptionOverhead(root: string, csvPath: string, rows: number): Promise<EncryptionResult> {
  const services: Services = createServices({ dataDir: join(root, 'enc-vault'), kdfPolicy: 'minimum' });
  await services.vault.create('bench password', 'cli');
  const encrypted = services.vault.openSecondary();
  const plain = openPlain(join(root, 'plain.db'));
  migrate(plain);
  try {
    const enc = await time(() => runImportJob(encrypted, commitJob(csvPath)));
    const pln = await time(() => runImportJob(plain, commitJob(csvPath)));
    if (enc.value.fresh !== rows || pln.value.fresh !== rows) throw new Error('an inline import did not add every row');
    log(`  inline import: encrypted ${enc.ms.toFixed(0)} ms, plain ${pln.ms.toFixed(0)} ms`);
    return { encryptedMs: enc.ms, plainMs: pln.ms, ratio: round(enc.ms / pln.ms) };
  } finally {
    encrypted.close();
    plain.close();
    services.vault.lock('quit');
  }
}

export interface CliImportResult {
  ms: number;
  rowsPerSecond: number;
  version: string;
}

export function benchSqliteCliImport(root: string, csvPath: string, rows: number): CliImportResult | null {
  if (!hasCommand('sqlite3')) return null;
  const columns = OPENAI_ACTIVITY_HEADER.split(',')
    .map((name) => `${name} TEXT`)
    .join(', ');
  const db = join(root, 'cli-import.db');
  timedRun('sqlite3', [db, 'PRAGMA journal_mode = WAL;', 'PRAGMA synchronous = FULL;', `CREATE TABLE activity (${columns});`]);
  const run = timedRun('sqlite3', [db, '-cmd', 'PRAGMA synchronous = FULL;', `.import --csv --skip 1 ${csvPath} activity`]);
  const count = Number(timedRun('sqlite3', [db, 'SELECT count(*) FROM activity;']).stdout.trim());
  if (count !== rows) throw new Error(`sqlite3 .import loaded ${count} of ${rows} rows`);
  log(`  sqlite3 .import: ${run.ms.toFixed(0)} ms (${(statSync(db).size / 1e6).toFixed(0)} MB)`);
  return {
    ms: run.ms,
    rowsPerSecond: Math.round((rows / run.ms) * 1000),
    version: timedRun('sqlite3', ['--version']).stdout.split(' ')[0]!,
  };
}
