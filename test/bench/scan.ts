/**
 * The leak scan against the reference tools, on generated data:
 *  - a tree of source-like text files with N vault secrets, some planted, vs
 *    `rg --no-ignore -uu -F -c -f secrets.txt TREE` (Debian's ripgrep);
 *  - the history of a generated repository (made with `git fast-import`) vs
 *    `git log -p --all | rg -F -f secrets.txt`.
 * Keyward does more than each reference (base64 and URL-encoded forms, key shapes, lines and
 * columns), through its real path: the router, the vault, the worker.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from '../../contract/index.ts';
import type { ScanReport } from '../../contract/scan.ts';
import type { Services } from '../../main/services.ts';
import { hasCommand, log, round, time, timedRun } from './stats.ts';

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number, alphabet = ALPHANUM): string {
  const bytes = randomBytes(length);
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[bytes[i]! % alphabet.length];
  return text;
}

/** Values in the shapes of real keys (random, generated per run, never stored anywhere but the temp dir). */
export function benchSecrets(count: number): string[] {
  const shapes = [
    () => `sk-proj-${randomText(74)}T3BlbkFJ${randomText(74)}`,
    () => `sk-ant-api03-${randomText(93)}AA`,
    () => `ghp_${randomText(36)}`,
    () => `sk_live_${randomText(24)}`,
    () => `AIza${randomText(35)}`,
    () => `xoxb-${randomText(12, '0123456789')}-${randomText(12, '0123456789')}-${randomText(24)}`,
    () => `gsk_${randomText(52)}`,
    () => `hf_${randomText(34)}`,
  ];
  return Array.from({ length: count }, (_, i) => shapes[i % shapes.length]!());
}

const WORDS = [
  'const',
  'function',
  'return',
  'import',
  'export',
  'value',
  'config',
  'let',
  'if',
  'else',
  'for',
  'while',
  'string',
  'number',
  'await',
  'async',
  'process.env',
  'options',
  'result',
  'error',
  'throw',
  'new',
  'this',
  'null',
  'undefined',
  'true',
  'false',
  'items',
  'index',
  'length',
  'map',
  'filter',
];

/** About `bytes` of source-like lines: identifiers, operators, some hex ids and long hashes. */
function sourceLines(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words: string[] = [];
    const count = 3 + Math.floor(Math.random() * 9);
    for (let i = 0; i < count; i += 1) words.push(WORDS[Math.floor(Math.random() * WORDS.length)]!);
    if (Math.random() < 0.05) words.push(`"${randomBytes(20).toString('hex')}"`);
    const line = `  ${words.join(' ')};`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

export interface TreeInfo {
  files: number;
  bytes: number;
  planted: number;
}

/** A tree of ~`totalBytes` in files of 1 KB – 1 MB, 20 to a folder, with `plant` secrets spread in. */
export function writeTree(root: string, totalBytes: number, secrets: readonly string[], plant: number): TreeInfo {
  // A pool of text reused across files, so generating 500 MB is not itself the benchmark.
  const pool = sourceLines(4 << 20);
  let bytes = 0;
  let files = 0;
  let planted = 0;
  while (bytes < totalBytes) {
    const size = Math.min(totalBytes - bytes, Math.floor(1024 * 2 ** (Math.random() * 10)));
    const start = Math.floor(Math.random() * (pool.length - size));
    let text = pool.slice(start, start + size);
    if (planted < plant && files % 7 === 3) {
      text = `${text}\nAPI_KEY="${secrets[(planted * 37) % secrets.length]}"\n`;
      planted += 1;
    }
    const dir = join(root, `d${Math.floor(files / 400)}`, `s${Math.floor(files / 20) % 20}`);
    if (files % 20 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `f${files}.ts`), text);
    bytes += text.length;
    files += 1;
  }
  return { files, bytes, planted };
}

/** A repository of `commits` commits on two branches, made with `git fast-import`, secrets in some. */
export function writeRepository(dir: string, commits: number, secrets: readonly string[], plant: number): { planted: number } {
  mkdirSync(dir, { recursive: true });
  spawnSync('git', ['init', '-q', '-b', 'main', dir]);
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const pool = sourceLines(1 << 20);
  let planted = 0;
  for (let i = 1; i <= commits; i += 1) {
    const branch = i > commits / 2 && i % 3 === 0 ? 'feature' : 'main';
    chunks.push(
      `commit refs/heads/${branch}\nmark :${i}\ncommitter Bench <bench@example.invalid> ${1_700_000_000 + i * 60} +0000\n`,
    );
    chunks.push(data(`change ${i}`));
    const start = Math.floor(Math.random() * (pool.length - 6000));
    let text = pool.slice(start, start + 2000 + Math.floor(Math.random() * 4000));
    if (planted < plant && i % 11 === 5) {
      text += `\nTOKEN=${secrets[(planted * 13) % secrets.length]}\n`;
      planted += 1;
    }
    chunks.push(`M 644 inline src/file${i % 200}.ts\n${data(text)}`);
  }
  const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  if (imported.status !== 0) throw new Error(`git fast-import failed: ${String(imported.stderr)}`);
  return { planted };
}

export async function timedScan(
  api: Api,
  request: Parameters<Api['scan']['start']>[0],
): Promise<{ ms: number; report: ScanReport }> {
  const { ms, value } = await time(async () => api.scan.wait(await api.scan.start(request)));
  return { ms, report: value };
}

export interface ScanBench {
  tree: TreeInfo & {
    keywardMs: number;
    ripgrepMs: number | null;
    ratio: number | null;
    found: number;
    ripgrepFiles: number | null;
    mbPerSecond: number;
  };
  history: {
    commits: number;
    planted: number;
    keywardMs: number;
    referenceMs: number | null;
    ratio: number | null;
    found: number;
    referenceLines: number | null;
  };
}

/** Both comparisons, on a vault that already holds `secrets` (see addSecrets). */
export async function benchScan(
  api: Api,
  root: string,
  secrets: readonly string[],
  sizes: { treeBytes: number; commits: number },
): Promise<ScanBench> {
  mkdirSync(root, { recursive: true });
  const secretsFile = join(root, 'secrets.txt');
  writeFileSync(secretsFile, `${secrets.join('\n')}\n`);
  const rg = hasCommand('rg');

  log(`scan: generating a ${(sizes.treeBytes / 1e6).toFixed(0)} MB tree…`);
  const treeDir = join(root, 'tree');
  const tree = writeTree(treeDir, sizes.treeBytes, secrets, 200);
  log(`  ${tree.files.toLocaleString('en')} files, ${tree.planted} secrets planted`);
  // Both read the tree once first, so neither pays for the cold page cache.
  if (rg) timedRun('rg', ['--no-ignore', '-uu', '-F', '-c', '-f', secretsFile, treeDir]);
  const ripgrep = rg ? timedRun('rg', ['--no-ignore', '-uu', '-F', '-c', '-f', secretsFile, treeDir]) : null;
  await timedScan(api, { paths: [treeDir] });
  const ours = await timedScan(api, { paths: [treeDir] });
  log(`  keyward ${round(ours.ms)} ms, ripgrep ${ripgrep ? round(ripgrep.ms) : 'n/a'} ms`);

  if (!hasCommand('git')) {
    log('  no git on PATH: the history comparison is skipped');
    return {
      tree: treeResult(tree, ours, ripgrep),
      history: {
        commits: sizes.commits,
        planted: 0,
        keywardMs: 0,
        referenceMs: null,
        ratio: null,
        found: 0,
        referenceLines: null,
      },
    };
  }
  log(`scan: generating a ${sizes.commits.toLocaleString('en')}-commit repository…`);
  const repo = join(root, 'repo');
  const { planted } = writeRepository(repo, sizes.commits, secrets, 100);
  const pipeline = `git -C '${repo}' log -p --all | rg -F -f '${secretsFile}'`;
  const reference = rg ? timedRun('sh', ['-c', `${pipeline} | wc -l`]) : null;
  await timedScan(api, { paths: [repo], git: true });
  const history = await timedScan(api, { paths: [repo], git: true });
  log(`  keyward ${round(history.ms)} ms, git log -p --all | rg ${reference ? round(reference.ms) : 'n/a'} ms`);

  return {
    tree: treeResult(tree, ours, ripgrep),
    history: {
      commits: sizes.commits,
      planted,
      keywardMs: round(history.ms),
      referenceMs: reference && round(reference.ms),
      ratio: reference && round(history.ms / reference.ms),
      found: history.report.findings.length,
      referenceLines: reference && Number(reference.stdout.trim()),
    },
  };
}

function treeResult(
  tree: TreeInfo,
  ours: { ms: number; report: ScanReport },
  ripgrep: { ms: number; stdout: string } | null,
): ScanBench['tree'] {
  return {
    ...tree,
    keywardMs: round(ours.ms),
    ripgrepMs: ripgrep && round(ripgrep.ms),
    ratio: ripgrep && round(ours.ms / ripgrep.ms),
    found: ours.report.findings.length,
    ripgrepFiles: ripgrep && ripgrep.stdout.trim().split('\n').filter(Boolean).length,
    mbPerSecond: round(tree.bytes / 1e3 / ours.ms, 1),
  };
}

/** The vault's side: `secrets` as keys of their recognised providers, in one transaction. */
export function addSecrets(services: Services, secrets: readonly string[]): void {
  const { db } = services.vault.session();
  db.transaction(() => {
    secrets.forEach((secret, i) => {
      services.keys.add(
        {
          label: `Scan bench ${i}`,
          secret,
          environment: 'prod',
          notes: '',
          usedIn: [],
          tags: [],
          expiresAt: null,
          rotateEveryDays: null,
          favourite: false,
        },
        'cli',
      );
    });
  })();
}
