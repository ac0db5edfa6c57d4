/**
 * Reading a repository's whole history through the git command line, and placing a hit inside
 * it. `git log --all --reflog -p -U0 --diff-merges=first-parent` lists every commit reachable from
 * any ref or reflog entry (branches, tags, remotes, the stash and the stashes below it), each with
 * its message (indented by four spaces) and its diff against its first parent without context
 * lines. Each commit starts with RECORD_MARK at the start of a line, which no diff line (they
 * start with +, -, @, or a header word) and no indented message line can.
 */
import { spawn, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { linePositions } from './positions.ts';

const NEWLINE = 0x0a;
const RECORD_MARK = 0x1e;

/** Calls `onCommit` with each commit's record, in git's order (newest first); resolves at the end. */
export function readCommits(repository: string, onCommit: (record: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    const git = spawn(
      'git',
      [
        '-c',
        'core.quotePath=false',
        '-c',
        'log.showSignature=false',
        'log',
        '--all',
        '--reflog',
        '-p',
        '--unified=0',
        '--diff-merges=first-parent',
        '--no-color',
        '--no-ext-diff',
        '--no-textconv',
        '--format=%x1e%H%n%w(0,4,4)%B',
      ],
      { cwd: repository, stdio: ['ignore', 'pipe', 'ignore'], env: gitEnv() },
    );
    let pending: Buffer[] = [];
    let lastByte = NEWLINE;
    const flush = (tail: Buffer | null) => {
      if (tail && tail.length > 0) pending.push(tail);
      if (pending.length === 0) return;
      const record = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      onCommit(record);
    };
    git.stdout.on('data', (chunk: Buffer) => {
      let from = 0;
      for (let at = chunk.indexOf(RECORD_MARK); at !== -1; at = chunk.indexOf(RECORD_MARK, at + 1)) {
        const atLineStart = at === 0 ? lastByte === NEWLINE : chunk[at - 1] === NEWLINE;
        if (!atLineStart) continue;
        flush(chunk.subarray(from, at));
        from = at;
      }
      if (from < chunk.length) pending.push(chunk.subarray(from));
      lastByte = chunk[chunk.length - 1]!;
    });
    git.on('error', () => resolve()); // no git on PATH: nothing to read
    git.on('close', () => {
      flush(null);
      resolve();
    });
  });
}

/** The commit id a record starts with, or null for what precedes the first record. */
export function commitOf(record: Buffer): string | null {
  return record[0] === RECORD_MARK ? record.toString('latin1', 1, record.indexOf(NEWLINE)) : null;
}

/**
 * Where in the repository a hit inside one commit's `git log -p -U0` record is: the commit
 * message (path ''), or an added line of a file, numbered as in the new file from its hunk
 * header. Removed lines and file headers give null.
 */
export function locateInCommit(
  record: Buffer,
  offset: number,
  firstDiff: number,
): { path: string; line: number; column: number } | null {
  const lineStart = record.lastIndexOf(NEWLINE, offset - 1) + 1;
  if (firstDiff === -1 || offset < firstDiff) {
    // The message, indented by four spaces under the commit id's line.
    const [position] = linePositions(record, [offset]);
    return { path: '', line: position!.line - 1, column: position!.column - 4 };
  }
  if (record[lineStart] !== 0x2b /* + */) return null;
  const fileStart = record.lastIndexOf('\ndiff --git ', offset);
  const hunk = record.lastIndexOf('\n@@ ', offset);
  if (hunk < fileStart) return null; // a header line (+++ b/path)
  const plus = record.indexOf('\n+++ ', fileStart);
  const minus = record.indexOf('\n--- ', fileStart);
  const path = headerPath(record, plus) ?? headerPath(record, minus) ?? '';
  const header = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(record.toString('latin1', hunk + 1, Math.min(record.length, hunk + 80)));
  let line = Number(header?.[1] ?? 0);
  for (
    let at = record.indexOf('\n+', record.indexOf(NEWLINE, hunk + 1));
    at !== -1 && at + 1 < lineStart;
    at = record.indexOf('\n+', at + 1)
  )
    line += 1;
  return { path, line, column: Array.from(record.toString('utf8', lineStart + 1, offset)).length + 1 };
}

function headerPath(record: Buffer, at: number): string | null {
  if (at === -1) return null;
  const text = record.toString('utf8', at + 5, record.indexOf(NEWLINE, at + 5));
  if (text === '/dev/null') return null;
  const unquoted = text.startsWith('"') ? unquote(text) : text;
  return unquoted.replace(/^[ab]\//, '');
}

/** git quotes unusual paths C-style; JSON's escapes cover the ones it uses for text. */
function unquote(text: string): string {
  try {
    return JSON.parse(
      text.replace(/\\([0-7]{3})/g, (_, octal: string) => `\\u00${Number.parseInt(octal, 8).toString(16).padStart(2, '0')}`),
    ) as string;
  } catch {
    return text;
  }
}

/** What .gitignore ignores in a repository, as absolute paths; folders end with a separator. */
export function ignoredPaths(repository: string): string[] {
  const listed = spawnSync('git', ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory'], {
    cwd: repository,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: gitEnv(),
  });
  if (listed.status !== 0) return [];
  return listed.stdout
    .split('\0')
    .filter(Boolean)
    .map((relative) => (relative.endsWith('/') ? join(repository, relative.slice(0, -1)) + sep : join(repository, relative)));
}

/** The repository a path is in, if any. */
export function repositoryAround(path: string): string | null {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: isDirectory(path) ? path : join(path, '..'),
    encoding: 'utf8',
    env: gitEnv(),
  });
  return top.status === 0 ? top.stdout.trim() : null;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** git without prompts, pagers, optional locks or translated output. */
export function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
}
