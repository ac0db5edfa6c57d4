/**
 * One leak scan, start to end: walks the paths, reads each file in pieces through the Finder,
 * streams each repository's history out of `git log`, and reports findings with their file,
 * line and column. It runs inside the scan worker (main/scan/worker.ts) and talks only through
 * `emit`: findings carry masked values and labels; the one message with a value in it is
 * `unknown`, which stays in the main process (so "Add to Keyward" needs no round trip through
 * the window) and is never printed.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { keyKindEnglish } from '../../contract/key-kinds.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { MAX_FINDINGS, type FindingForm, type FindingSource, type ScanFinding, type ScanProgress } from '../../contract/scan.ts';
import { maskSecret } from '../keys/mask.ts';
import { encodedForms, MIN_NEEDLE_BYTES } from './encodings.ts';
import { Finder, type Hit } from './finder.ts';
import { commitOf, ignoredPaths, locateInCommit, readCommits, repositoryAround } from './git-history.ts';
import { ExactMatcher } from './matcher.ts';
import { linePositions } from './positions.ts';

/** A vault value to look for, without the value (that travels beside it, see ScanInput). */
export interface ScanTarget {
  keyId: string;
  label: string;
  inTrash: boolean;
  masked: string;
  kind: 'vault' | 'historical';
  historySeq: number | null;
}

export interface ScanJob {
  paths: string[];
  git: boolean;
  shellHistory: string[];
  agents: string[];
  respectGitignore: boolean;
  includeBinary: boolean;
  maxFileBytes: number;
  /** How much of a file one read takes; tests make it small to split values across reads. */
  readBytes: number;
  /**
   * Several engines, one per worker, share a scan: each reads the files under `paths` whose
   * path hashes to its `index`; the first also reads git history, shell histories and agents.
   */
  share: { index: number; of: number };
}

export interface ScanSummary {
  filesScanned: number;
  bytesScanned: number;
  commitsScanned: number;
  repositories: number;
  skipped: { binary: number; tooLarge: number; unreadable: number };
  secretsSearched: number;
  secretsTooShort: number;
  truncated: boolean;
}

export type EngineMessage =
  | { type: 'progress'; progress: Omit<ScanProgress, 'scanId'> }
  | { type: 'finding'; finding: ScanFinding }
  | { type: 'unknown'; id: number; value: string; provider: string }
  | { type: 'done'; summary: ScanSummary };

export const DEFAULT_READ_BYTES = 1 << 20;
const BINARY_SNIFF = 8000;
const PROGRESS_EVERY_MS = 100;

interface Needle {
  target: number;
  form: FindingForm;
}

interface Located {
  hit: Hit;
  /** Byte offset in the file. */
  offset: number;
}

export class ScanEngine {
  readonly #job: ScanJob;
  readonly #targets: readonly ScanTarget[];
  readonly #needles: Needle[] = [];
  readonly #finder: Finder;
  readonly #emit: (message: EngineMessage) => void;
  readonly #buffer: Buffer;
  readonly #scannedFiles = new Set<string>();
  readonly #repositories = new Set<string>();
  readonly #ignored = new Set<string>();
  readonly #unknownIds = new Map<string, number>();
  readonly #summary: ScanSummary;
  #findings = 0;
  #phase: ScanProgress['phase'] = 'files';
  #current = '';
  #lastProgress = 0;

  /** `secrets[i]` is the value of `targets[i]`. */
  constructor(job: ScanJob, targets: readonly ScanTarget[], secrets: readonly string[], emit: (message: EngineMessage) => void) {
    this.#job = job;
    this.#targets = targets;
    this.#emit = emit;
    const needles: Buffer[] = [];
    let tooShort = 0;
    secrets.forEach((secret, target) => {
      if (Buffer.byteLength(secret) < MIN_NEEDLE_BYTES) {
        tooShort += 1;
        return;
      }
      for (const { form, bytes } of encodedForms(secret)) {
        needles.push(bytes);
        this.#needles.push({ target, form });
      }
    });
    this.#finder = new Finder(new ExactMatcher(needles), new Set(secrets), { shapes: true });
    this.#buffer = Buffer.allocUnsafe(this.#finder.carry + job.readBytes);
    this.#summary = {
      filesScanned: 0,
      bytesScanned: 0,
      commitsScanned: 0,
      repositories: 0,
      skipped: { binary: 0, tooLarge: 0, unreadable: 0 },
      secretsSearched: secrets.length - tooShort,
      secretsTooShort: tooShort,
      truncated: false,
    };
  }

  async run(): Promise<ScanSummary> {
    for (const path of this.#job.paths) this.#walk(path, 'file');
    if (this.#job.share.index !== 0) return this.#finish();
    if (this.#job.git) {
      for (const path of this.#job.paths) {
        const top = repositoryAround(path);
        if (top) this.#repositories.add(top);
      }
      this.#phase = 'git';
      for (const repository of this.#repositories) await this.#scanHistory(repository);
    }
    this.#phase = 'shell-history';
    for (const path of this.#job.shellHistory) this.#walk(path, 'shell-history');
    this.#phase = 'agents';
    for (const path of this.#job.agents) this.#walk(path, 'agent');
    this.#summary.repositories = this.#repositories.size;
    return this.#finish();
  }

  #finish(): ScanSummary {
    this.#progress(true);
    this.#emit({ type: 'done', summary: this.#summary });
    return this.#summary;
  }

  /** Whether this engine reads `path` (see ScanJob.share): an FNV-1a hash of the path. */
  #mine(path: string, source: FindingSource): boolean {
    const { index, of } = this.#job.share;
    if (of === 1) return true;
    if (source !== 'file') return index === 0;
    let hash = 0x811c9dc5;
    for (let i = 0; i < path.length; i += 1) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
    return (hash >>> 0) % of === index;
  }

  // ---- files ---------------------------------------------------------------------------------

  #walk(root: string, source: FindingSource): void {
    let rootStat;
    try {
      rootStat = statSync(root);
    } catch {
      return; // a history or agent folder this machine does not have
    }
    if (rootStat.isFile()) return this.#scanFile(root, source);
    if (!rootStat.isDirectory()) return;
    const stack = [root];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        if (this.#job.share.index === 0) this.#summary.skipped.unreadable += 1;
        continue;
      }
      if (entries.some((entry) => entry.name === '.git')) {
        if (this.#job.git && source === 'file') this.#repositories.add(dir);
        if (this.#job.respectGitignore) this.#learnIgnored(dir);
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (this.#ignored.has(path) || this.#ignored.has(path + sep)) continue;
        // Links are not followed: they lead out of what was asked for, or round in a loop.
        if (entry.isSymbolicLink()) continue;
        if (entry.isDirectory()) {
          // A repository's objects are compressed: its history is read through git (--git).
          // Its config is plain text and may hold a token in a remote's URL.
          if (entry.name === '.git') this.#scanFile(join(path, 'config'), source, true);
          else stack.push(path);
        } else if (entry.isFile()) {
          this.#scanFile(path, source);
        }
      }
    }
  }

  #learnIgnored(repository: string): void {
    for (const path of ignoredPaths(repository)) this.#ignored.add(path);
  }

  #scanFile(path: string, source: FindingSource, quietlyMissing = false): void {
    if (this.#scannedFiles.has(path) || !this.#mine(path, source)) return;
    this.#scannedFiles.add(path);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      if (!quietlyMissing) this.#summary.skipped.unreadable += 1;
      return;
    }
    const located: Located[] = [];
    try {
      const size = fstatSync(fd).size;
      if (size > this.#job.maxFileBytes) {
        this.#summary.skipped.tooLarge += 1;
        return;
      }
      // Agents keep chats in SQLite files, which store text as it is: those are read whole.
      const includeBinary = this.#job.includeBinary || source === 'agent';
      const buf = this.#buffer;
      const carry = this.#finder.carry;
      let kept = 0;
      let base = 0;
      for (let first = true; ; first = false) {
        const read = readSync(fd, buf, kept, this.#job.readBytes, null);
        const end = kept + read;
        if (first && !includeBinary && buf.subarray(0, Math.min(end, BINARY_SNIFF)).includes(0)) {
          this.#summary.skipped.binary += 1;
          return;
        }
        const final = read < this.#job.readBytes;
        this.#finder.find(buf, end, kept, final, (hit) => located.push({ hit, offset: base + hit.start }));
        this.#summary.bytesScanned += read;
        if (final) break;
        const next = Math.min(carry, end);
        buf.copy(buf, 0, end - next, end);
        base += end - next;
        kept = next;
      }
      this.#summary.filesScanned += 1;
    } catch {
      this.#summary.skipped.unreadable += 1;
      return;
    } finally {
      closeSync(fd);
      this.#current = path;
      this.#progress();
    }
    if (located.length > 0) this.#reportFileHits(path, source, located);
  }

  /** Lines and columns are worked out only for files with hits, from a second read. */
  #reportFileHits(path: string, source: FindingSource, located: Located[]): void {
    let data: Buffer;
    try {
      data = readFileSync(path);
    } catch {
      return;
    }
    located.sort((a, b) => a.offset - b.offset);
    const positions = linePositions(
      data,
      located.map((l) => l.offset),
    );
    located.forEach(({ hit }, i) => {
      const { line, column } = positions[i]!;
      this.#report(hit, { path, line, column, commit: null, repository: null, source });
    });
  }

  // ---- git history ---------------------------------------------------------------------------

  /** Every commit of the repository (see git-history.ts), each scanned as one record. */
  async #scanHistory(repository: string): Promise<void> {
    this.#current = repository;
    this.#progress(true);
    await readCommits(repository, (record) => this.#scanCommit(repository, record));
  }

  #scanCommit(repository: string, record: Buffer): void {
    const commit = commitOf(record);
    if (commit === null) return;
    this.#summary.commitsScanned += 1;
    this.#summary.bytesScanned += record.length;
    const firstDiff = record.indexOf('\ndiff --git ');
    this.#finder.find(record, record.length, 0, true, (hit) => {
      const where = locateInCommit(record, hit.start, firstDiff);
      if (where) this.#report(hit, { ...where, commit, repository, source: 'git' });
    });
    this.#progress();
  }

  // ---- reporting -----------------------------------------------------------------------------

  #report(
    hit: Hit,
    where: {
      path: string;
      line: number;
      column: number;
      commit: string | null;
      repository: string | null;
      source: FindingSource;
    },
  ): void {
    if (this.#findings >= MAX_FINDINGS) {
      this.#summary.truncated = true;
      return;
    }
    this.#findings += 1;
    if (hit.kind === 'exact') {
      const needle = this.#needles[hit.needle]!;
      const target = this.#targets[needle.target]!;
      this.#emit({
        type: 'finding',
        finding: {
          keyId: target.keyId,
          label: target.label,
          inTrash: target.inTrash,
          masked: target.masked,
          kind: target.kind,
          ...where,
          form: needle.form,
          historySeq: target.historySeq,
          provider: null,
          keyKind: null,
          unknownId: null,
        },
      });
      return;
    }
    let unknownId = this.#unknownIds.get(hit.text);
    if (unknownId === undefined) {
      unknownId = this.#unknownIds.size;
      this.#unknownIds.set(hit.text, unknownId);
      this.#emit({ type: 'unknown', id: unknownId, value: hit.text, provider: hit.provider });
    }
    this.#emit({
      type: 'finding',
      finding: {
        keyId: null,
        label: `${providerDisplayName(hit.provider)} ${keyKindEnglish(hit.keyKind)}`,
        inTrash: false,
        masked: maskSecret(hit.text),
        kind: 'unknown',
        ...where,
        form: 'raw',
        historySeq: null,
        provider: hit.provider,
        keyKind: hit.keyKind,
        unknownId,
      },
    });
  }

  #progress(force = false): void {
    const now = Date.now();
    if (!force && now - this.#lastProgress < PROGRESS_EVERY_MS) return;
    this.#lastProgress = now;
    const { filesScanned, bytesScanned, commitsScanned } = this.#summary;
    this.#emit({
      type: 'progress',
      progress: {
        phase: this.#phase,
        current: this.#current,
        filesScanned,
        bytesScanned,
        commitsScanned,
        findings: this.#findings,
      },
    });
  }
}
