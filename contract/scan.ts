import { z } from 'zod';
import { event, method } from './define.ts';
import type { Phrase } from '../i18n/phrase.ts';
import type { KeyKind } from './key-kinds.ts';
import { environments, type KeySummary } from './keys.ts';
import { schemaText } from './schema-words.ts';

/**
 * The leak scan: looks for the vault's own values (current and rotated-out, as they are and
 * base64- or URL-encoded) and for strings shaped like a known provider's key, in files, git
 * history, shell histories and coding-agent logs. The scan runs in main (a worker thread);
 * what crosses to the window or the CLI is masked values, labels, paths and positions, never a
 * secret.
 */
export type FindingKind = 'vault' | 'historical' | 'unknown';
export type FindingForm = 'raw' | 'base64' | 'url-encoded';
export type FindingSource = 'file' | 'git' | 'shell-history' | 'agent';

export interface ScanFinding {
  /** The vault key whose value was found; null for an unknown key. */
  keyId: string | null;
  /** The key's label, or for an unknown key what it looks like ("OpenAI project key"). */
  label: string;
  /** A vault key the user moved to the trash: still a leak (the provider still accepts it), but not one to rotate here. */
  inTrash: boolean;
  masked: string;
  kind: FindingKind;
  /** The file; for git history the path inside the repository's commit (see `repository`). */
  path: string;
  /** 1-based. For git history: the line in the file as of `commit`. */
  line: number;
  /** 1-based, in characters. */
  column: number;
  /** The commit that added the line (git history only). */
  commit: string | null;
  /** The repository folder, for git history. */
  repository: string | null;
  form: FindingForm;
  source: FindingSource;
  /** Historical values: which of the key's earlier secrets (as in `keys.history`). */
  historySeq: number | null;
  /** Unknown keys: the provider their format belongs to. */
  provider: string | null;
  /** Unknown keys: the kind of key their format is; the window words `label` from it and `provider` in its language. */
  keyKind: KeyKind | null;
  /** Unknown keys: which value of this scan it is, for `scan.addUnknown`. */
  unknownId: number | null;
}

export type ScanState = 'running' | 'done' | 'cancelled' | 'failed';

export interface ScanCounts {
  filesScanned: number;
  bytesScanned: number;
  commitsScanned: number;
}

export interface ScanReport extends ScanCounts {
  scanId: string;
  state: ScanState;
  findings: ScanFinding[];
  /** Files left out: binary, over the size limit, or unreadable (permissions, vanished). */
  skipped: { binary: number; tooLarge: number; unreadable: number };
  repositories: number;
  /** Vault values looked for (current and historical). */
  secretsSearched: number;
  /** Values under 8 bytes, left out because they would match by chance. */
  secretsTooShort: number;
  /** More than MAX findings: the rest were not kept. */
  truncated: boolean;
  startedAt: string;
  finishedAt: string | null;
  /** Why a failed scan failed: a phrase, said in the reader's language (the CLI's in English). */
  error: Phrase | null;
}

export interface ScanProgress extends ScanCounts {
  scanId: string;
  /** What is being read now: a file, a repository's history. */
  phase: 'files' | 'git' | 'shell-history' | 'agents';
  current: string;
  findings: number;
}

export const MAX_FINDINGS = 10_000;
const scanId = z.uuid(schemaText.scanId);

export const scanRequest = z
  .object({
    /** Absolute paths of folders or files to scan. */
    paths: z.array(z.string().min(1).max(4096)).max(100, schemaText.tooManyPaths).default([]),
    /** The full history of every git repository found in `paths`: every commit, branch and stash. */
    git: z.boolean().default(false),
    shellHistory: z.boolean().default(false),
    agents: z.boolean().default(false),
    /** Skip what .gitignore ignores. Off by default: .env files are usually ignored. */
    respectGitignore: z.boolean().default(false),
    includeBinary: z.boolean().default(false),
    /** Larger files are skipped. */
    maxFileMegabytes: z.number().positive(schemaText.sizeAboveZero).max(4096, schemaText.sizeAtMost).default(10),
  })
  .strict()
  .refine((request) => request.paths.length > 0 || request.shellHistory || request.agents, {
    message: schemaText.scanTargetGiven,
    path: ['paths'],
  });

export const scanContract = {
  /** Starts a scan in the background; progress comes as `scanProgress`, the end as `scanFinished`. */
  start: method(scanRequest).returns<{ scanId: string }>(),
  /** The report so far (findings are added as they are found). */
  result: method(z.object({ scanId }).strict()).returns<ScanReport>(),
  /** Resolves when the scan has ended (the CLI's way to wait). */
  wait: method(z.object({ scanId }).strict()).returns<ScanReport>(),
  cancel: method(z.object({ scanId }).strict()).returns<ScanReport>(),
  /** Adds an unknown key found by a scan to the vault; main still holds its value, the caller never sees it. */
  addUnknown: method(
    z
      .object({
        scanId,
        unknownId: z.int().min(0),
        label: z.string().trim().min(1, schemaText.labelGiven).max(120, 'Use at most 120 characters.'),
        environment: z.enum(environments).default('prod'),
      })
      .strict(),
  ).returns<KeySummary>(),
};

export const scanEvents = {
  scanProgress: event<ScanProgress>(),
  scanFinished: event<{ scanId: string; state: ScanState }>(),
};
