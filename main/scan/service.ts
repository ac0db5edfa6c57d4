import { statSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { defineMessages } from '@formatjs/intl';
import type { AuditSource } from '../../contract/audit.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import type { Contract } from '../../contract/index.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { MAX_FINDINGS, type FindingSource, type ScanFinding, type ScanReport, type ScanState } from '../../contract/scan.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Phrase } from '../../i18n/phrase.ts';
import type { Clock } from '../clock.ts';
import { stoppedUnexpectedly } from './failure.ts';
import type { EventBus } from '../events.ts';
import type { KeyService } from '../keys/service.ts';
import { historyContext } from '../rotation/service.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { DEFAULT_READ_BYTES, type EngineMessage, type ScanJob, type ScanSummary, type ScanTarget } from './engine.ts';
import { agentPaths, shellHistoryPaths } from './sources.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';

const errors = defineMessages({
  noWorker: {
    id: 'scan.error.noWorker',
    defaultMessage: 'Leak scanning is not available here: this build has no scan worker.',
  },
  noSuchUnknown: { id: 'scan.error.noSuchUnknown', defaultMessage: 'That scan found no such key.' },
  alreadyInVault: { id: 'scan.error.alreadyInVault', defaultMessage: 'That key is already in Keyward as “{label}”.' },
  noSuchScan: { id: 'scan.error.noSuchScan', defaultMessage: 'No such scan (scans are forgotten when the vault locks).' },
  // `index` is the path's place in the request (paths.0 is the first), as a field's path reads.
  notAbsolute: { id: 'scan.error.notAbsolute', defaultMessage: 'paths.{index}: use an absolute path ({path}).' },
  noSuchPath: { id: 'scan.error.noSuchPath', defaultMessage: 'paths.{index}: no such file or folder: {path}' },
});

const KEPT_SCANS = 4;

type ScanRequest = ParsedInputOf<Contract['scan']['start']>;
type AddUnknownInput = ParsedInputOf<Contract['scan']['addUnknown']>;

interface Running {
  report: ScanReport;
  workers: Worker[];
  /** Values of the unknown keys found, by id: kept in main for "Add to Keyward", dropped on lock. */
  unknown: Map<number, string>;
  done: Promise<ScanReport>;
  cancel: () => void;
}

export interface ScanServiceOptions {
  vault: Vault;
  keys: KeyService;
  clock: Clock;
  events: EventBus;
  /** The scan worker script; without one, scanning is not available (it never runs on the main thread). */
  worker: string | URL | null;
  /** Where shell histories and agent logs are looked for; the user's home by default. */
  home?: string;
  env?: NodeJS.ProcessEnv;
  platform?: string;
  /** Read size; tests make it small to split values across reads. */
  readBytes?: number;
  /** Worker threads per scan; by default one per core, at most four. */
  threads?: number;
}

/**
 * Leak scans. The vault's values (every key's current secret and every earlier one) are
 * decrypted here, handed to a worker thread as bytes and zeroed there once they are needles;
 * the report holds masked values only. A lock stops every scan and forgets the reports.
 */
export class ScanService {
  readonly #options: ScanServiceOptions;
  readonly #scans = new Map<string, Running>();

  constructor(options: ScanServiceOptions) {
    this.#options = options;
    options.vault.onLock(() => {
      for (const scan of this.#scans.values()) for (const worker of scan.workers) void worker.terminate();
      for (const scan of this.#scans.values()) scan.unknown.clear();
      this.#scans.clear();
    });
  }

  start(request: ScanRequest, source: AuditSource): { scanId: string } {
    const { db, box } = this.#options.vault.session();
    const job = this.#job(request);
    const script = this.#options.worker;
    if (!script) throw phraseError('Forbidden', phrase(errors.noWorker));
    const targets: ScanTarget[] = [];
    const values: string[] = [];
    // Keys in the trash are looked for too: deleting a key from Keyward does not revoke it.
    const keys = db.prepare(`SELECT id, label, deleted_at IS NOT NULL AS inTrash, masked, secret FROM keys`).all() as Array<{
      id: string;
      label: string;
      inTrash: number;
      masked: string;
      secret: Buffer;
    }>;
    for (const key of keys) {
      const { id: keyId, label, masked } = key;
      targets.push({ keyId, label, inTrash: key.inTrash === 1, masked, kind: 'vault', historySeq: null });
      values.push(box.open(key.id, key.secret));
    }
    const history = db
      .prepare(
        `SELECT h.key_id AS keyId, h.seq, h.masked, h.secret, k.label, k.deleted_at IS NOT NULL AS inTrash FROM key_history h JOIN keys k ON k.id = h.key_id`,
      )
      .all() as Array<{ keyId: string; seq: number; masked: string; secret: Buffer; label: string; inTrash: number }>;
    for (const entry of history) {
      const { keyId, label, masked, seq } = entry;
      targets.push({ keyId, label, inTrash: entry.inTrash === 1, masked, kind: 'historical', historySeq: seq });
      values.push(box.open(historyContext(entry.keyId, entry.seq), entry.secret));
    }
    const scanId = randomUUID();
    const now = this.#options.clock.now().toISOString();
    inWriteTransaction(db, () =>
      appendAudit(db, { at: now, action: 'vault.scanned', source, detail: describe(request, targets.length) }),
    );
    const report: ScanReport = {
      scanId,
      state: 'running',
      findings: [],
      filesScanned: 0,
      bytesScanned: 0,
      commitsScanned: 0,
      skipped: { binary: 0, tooLarge: 0, unreadable: 0 },
      repositories: 0,
      secretsSearched: targets.length,
      secretsTooShort: 0,
      truncated: false,
      startedAt: now,
      finishedAt: null,
      error: null,
    };
    const unknown = new Map<number, string>();
    const count = this.#options.threads ?? defaultThreads();
    const workers = Array.from({ length: count }, (_, index) => {
      // Each worker gets its own copy of the values as bytes, transferred (not copied) to it.
      const secrets = values.map(ownBytes);
      const workerData = { job: { ...job, share: { index, of: count } }, targets, secrets };
      return new Worker(script, {
        workerData,
        transferList: secrets.map((bytes) => bytes.buffer as ArrayBuffer),
        stdout: true,
        stderr: true,
      });
    });
    const running: Running = { report, workers, unknown, done: Promise.resolve(report), cancel: () => {} };
    running.done = new Promise<ScanReport>((resolve) => {
      const counts = workers.map(() => ({ filesScanned: 0, bytesScanned: 0, commitsScanned: 0 }));
      const summaries: Array<ScanSummary | null> = workers.map(() => null);
      const finish = (state: ScanState, error: ScanReport['error'] = null) => {
        if (report.state !== 'running') return;
        report.state = state;
        report.error = error;
        report.finishedAt = this.#options.clock.now().toISOString();
        report.findings = inReadingOrder(report.findings);
        running.workers = [];
        for (const worker of workers) void worker.terminate();
        this.#options.events.emit('scanFinished', { scanId, state });
        resolve(report);
      };
      const failed = () => finish('failed', stoppedUnexpectedly());
      workers.forEach((worker, index) => {
        worker.on('message', (message: EngineMessage | { type: 'failed' }) => {
          if (report.state !== 'running') return;
          switch (message.type) {
            case 'progress': {
              counts[index] = pick(message.progress);
              Object.assign(report, sum(counts));
              const findings = report.findings.length;
              this.#options.events.emit('scanProgress', { scanId, ...message.progress, ...sum(counts), findings });
              break;
            }
            case 'finding':
              if (report.findings.length >= MAX_FINDINGS) report.truncated = true;
              else report.findings.push(globalUnknownId(message.finding, index, count));
              break;
            case 'unknown':
              unknown.set(message.id * count + index, message.value);
              break;
            case 'done':
              summaries[index] = message.summary;
              counts[index] = pick(message.summary);
              if (summaries.every((summary) => summary !== null)) {
                Object.assign(report, merge(summaries as ScanSummary[]), {
                  truncated: report.truncated || summaries.some((summary) => summary!.truncated),
                });
                finish('done');
              }
              break;
            case 'failed':
              failed();
              break;
          }
        });
        worker.on('error', failed);
        worker.on('exit', () => {
          if (summaries[index] === null) finish('cancelled');
        });
      });
      running.cancel = () => finish('cancelled');
    });
    this.#forgetOldScans();
    this.#scans.set(scanId, running);
    return { scanId };
  }

  result(scanId: string): ScanReport {
    return this.#scan(scanId).report;
  }

  wait(scanId: string): Promise<ScanReport> {
    return this.#scan(scanId).done;
  }

  cancel(scanId: string): ScanReport {
    const scan = this.#scan(scanId);
    scan.cancel();
    return scan.report;
  }

  addUnknown(input: AddUnknownInput, source: AuditSource): KeySummary {
    const scan = this.#scan(input.scanId);
    const secret = scan.unknown.get(input.unknownId);
    if (secret === undefined) throw phraseError('NotFound', phrase(errors.noSuchUnknown));
    const [existing] = this.#options.keys.findDuplicates(secret);
    if (existing) throw phraseError('AlreadyExists', phrase(errors.alreadyInVault, { label: existing.label }));
    const key = this.#options.keys.add(
      {
        secret,
        label: input.label,
        environment: input.environment,
        notes: '',
        usedIn: [],
        tags: [],
        expiresAt: null,
        rotateEveryDays: null,
        favourite: false,
      },
      source,
    );
    // Findings of this value now belong to the vault key.
    for (const finding of scan.report.findings) {
      if (finding.unknownId === input.unknownId)
        Object.assign(finding, {
          kind: 'vault',
          keyId: key.id,
          label: key.label,
          masked: key.masked,
          unknownId: null,
          provider: null,
          keyKind: null,
        });
    }
    scan.unknown.delete(input.unknownId);
    return key;
  }

  /** Reports are kept for the session, but only the last few finished ones: each can hold 10,000 findings. */
  #forgetOldScans(): void {
    const finished = [...this.#scans].filter(([, scan]) => scan.report.state !== 'running');
    for (const [scanId, scan] of finished.slice(0, Math.max(0, finished.length - KEPT_SCANS))) {
      scan.unknown.clear();
      this.#scans.delete(scanId);
    }
  }

  #scan(scanId: string): Running {
    this.#options.vault.session();
    const scan = this.#scans.get(scanId);
    if (!scan) throw phraseError('NotFound', phrase(errors.noSuchScan));
    return scan;
  }

  #job(request: ScanRequest): ScanJob {
    request.paths.forEach((path, index) => {
      const field = { issues: [{ path: `paths.${index}`, message: 'Not found.' }] };
      if (!isAbsolute(path)) throw phraseError('Invalid', phrase(errors.notAbsolute, { index: String(index), path }), field);
      try {
        statSync(path);
      } catch {
        throw phraseError('Invalid', phrase(errors.noSuchPath, { index: String(index), path }), field);
      }
    });
    const home = {
      home: this.#options.home ?? homedir(),
      env: this.#options.env ?? process.env,
      platform: this.#options.platform ?? process.platform,
    };
    return {
      paths: request.paths,
      git: request.git,
      shellHistory: request.shellHistory ? shellHistoryPaths(home) : [],
      agents: request.agents ? agentPaths(home) : [],
      respectGitignore: request.respectGitignore,
      includeBinary: request.includeBinary,
      maxFileBytes: Math.round(request.maxFileMegabytes * 1024 * 1024),
      readBytes: this.#options.readBytes ?? DEFAULT_READ_BYTES,
      share: { index: 0, of: 1 },
    };
  }
}

/** A buffer with a memory of its own (never Node's shared pool), so it can be transferred whole to the worker. */
function ownBytes(secret: string): Buffer {
  const bytes = Buffer.alloc(Buffer.byteLength(secret));
  bytes.write(secret, 'utf8');
  return bytes;
}

function defaultThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Each worker numbers its unknown values from 0; interleaved, they stay distinct. */
function globalUnknownId(finding: ScanFinding, index: number, of: number): ScanFinding {
  return finding.unknownId === null ? finding : { ...finding, unknownId: finding.unknownId * of + index };
}

const SOURCE_ORDER: Record<FindingSource, number> = { file: 0, git: 1, 'shell-history': 2, agent: 3 };

/**
 * Workers report files in whatever order they finish; a report lists files by path, line and
 * column. History keeps git's order (newest commit first), which one worker produced.
 */
function inReadingOrder(findings: ScanFinding[]): ScanFinding[] {
  const filePlace = (f: ScanFinding) => (f.source === 'file' ? f : null);
  return [...findings].sort((a, b) => {
    const bySource = SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source];
    if (bySource !== 0) return bySource;
    const x = filePlace(a);
    const y = filePlace(b);
    if (!x || !y) return 0;
    return x.path < y.path ? -1 : x.path > y.path ? 1 : x.line - y.line || x.column - y.column;
  });
}

function sum(counts: ReadonlyArray<{ filesScanned: number; bytesScanned: number; commitsScanned: number }>) {
  return counts.reduce(
    (total, c) => ({
      filesScanned: total.filesScanned + c.filesScanned,
      bytesScanned: total.bytesScanned + c.bytesScanned,
      commitsScanned: total.commitsScanned + c.commitsScanned,
    }),
    { filesScanned: 0, bytesScanned: 0, commitsScanned: 0 },
  );
}

/** One summary for the scan: counts added up; the values searched are the same in every worker. */
function merge(summaries: readonly ScanSummary[]): Omit<ScanSummary, 'truncated'> {
  const first = summaries[0]!;
  return {
    ...sum(summaries),
    repositories: first.repositories,
    skipped: {
      binary: summaries.reduce((n, s) => n + s.skipped.binary, 0),
      tooLarge: summaries.reduce((n, s) => n + s.skipped.tooLarge, 0),
      unreadable: summaries.reduce((n, s) => n + s.skipped.unreadable, 0),
    },
    secretsSearched: first.secretsSearched,
    secretsTooShort: first.secretsTooShort,
  };
}

function pick({
  filesScanned,
  bytesScanned,
  commitsScanned,
}: {
  filesScanned: number;
  bytesScanned: number;
  commitsScanned: number;
}) {
  return { filesScanned, bytesScanned, commitsScanned };
}

/** The audit entry says what was scanned, never a value. */
function describe(request: ScanRequest, secrets: number): Phrase {
  return auditDetail.scanned(secrets, request.paths, { git: request.git, shell: request.shellHistory, agents: request.agents });
}
