import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanFinding, ScanReport } from '../../contract/scan.ts';
import { describeReport } from '../../main/cli/commands/scan.ts';
import { listAudit } from '../../main/audit/log.ts';
import { encodedForms } from '../../main/scan/encodings.ts';
import { ScanEngine, type EngineMessage, type ScanJob, type ScanTarget } from '../../main/scan/engine.ts';
import { ExactMatcher } from '../../main/scan/matcher.ts';
import { appLike } from '../support/app.ts';
import { fakeKeys, fill, moreFakeKeys } from '../support/fake-keys.ts';
import { snapshotFiles, tempDir } from '../support/temp.ts';

const WORKER = new URL('../../main/scan/worker.ts', import.meta.url);

/** Runs the engine in this thread over one job, collecting its findings. */
async function engineScan(
  secrets: string[],
  job: Partial<ScanJob>,
): Promise<{ findings: ScanFinding[]; unknown: string[]; done: EngineMessage | undefined }> {
  const targets: ScanTarget[] = secrets.map((_, i) => ({
    keyId: `key-${i}`,
    label: `Key ${i}`,
    inTrash: false,
    masked: `masked-${i}`,
    kind: 'vault',
    historySeq: null,
  }));
  const messages: EngineMessage[] = [];
  const full: ScanJob = {
    paths: [],
    git: false,
    shellHistory: [],
    agents: [],
    respectGitignore: false,
    includeBinary: false,
    maxFileBytes: 10 << 20,
    readBytes: 1 << 20,
    share: { index: 0, of: 1 },
    ...job,
  };
  await new ScanEngine(full, targets, secrets, (m) => messages.push(m)).run();
  return {
    findings: messages.flatMap((m) => (m.type === 'finding' ? [m.finding] : [])),
    unknown: messages.flatMap((m) => (m.type === 'unknown' ? [m.value] : [])),
    done: messages.find((m) => m.type === 'done'),
  };
}

describe('the multi-pattern matcher', () => {
  it('finds every needle wherever it is, however many there are', () => {
    const needles = Array.from({ length: 2000 }, (_, i) => Buffer.from(`FAKE-needle-${String(i).padStart(5, '0')}-example`));
    const matcher = new ExactMatcher(needles);
    const text = Buffer.from(`start ${needles[0]} middle ${needles[1234]}${needles[1999]} end ${needles[42]}`);
    const hits: Array<[number, number]> = [];
    matcher.scan(text, text.length, (needle, start) => hits.push([needle, start]));
    expect(hits.map(([needle]) => needle)).toEqual([0, 1234, 1999, 42]);
    for (const [needle, start] of hits) expect(text.subarray(start, start + needles[needle]!.length)).toEqual(needles[needle]);
  });

  it('gives nothing for near misses: one character changed, one short, another case', () => {
    const secret = fakeKeys.github('near');
    const matcher = new ExactMatcher(encodedForms(secret).map((f) => f.bytes));
    const decoys = [
      secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0'),
      secret.slice(0, -1),
      secret.toLowerCase(),
      secret.replace('ghp_', 'ghp-'),
    ];
    const text = Buffer.from(decoys.join('\n'));
    let hits = 0;
    matcher.scan(text, text.length, () => (hits += 1));
    expect(hits).toBe(0);
  });
});

describe('scanning files', () => {
  it('finds a value split across two reads exactly once, at its line and column', async () => {
    const secret = fakeKeys.anthropic('split');
    for (const offset of [0, 1, 30, 63, 64, 65, 100]) {
      const dir = tempDir();
      const before = `${'x'.repeat(offset)}\nKEY=`;
      writeFileSync(join(dir, 'config.env'), `${before}${secret}\ntrailing line\n`);
      const { findings } = await engineScan([secret], { paths: [dir], readBytes: 64 });
      expect(findings, `offset ${offset}`).toHaveLength(1);
      expect(findings[0]).toMatchObject({ keyId: 'key-0', line: 2, column: 5, form: 'raw', path: join(dir, 'config.env') });
    }
  });

  it('finds base64 (any alignment, standard and URL-safe) and URL-encoded forms, and skips binary and oversized files', async () => {
    const secret = `FAKE/example+secret=${fill('0000', 12)}`;
    const dir = tempDir();
    const basic = (user: string) => Buffer.from(`${user}:${secret}`).toString('base64');
    writeFileSync(
      join(dir, 'requests.http'),
      [
        `Authorization: Basic ${basic('a')}`,
        `Authorization: Basic ${basic('ab')}`,
        `Authorization: Basic ${basic('abc')}`,
        `GET /hook?token=${encodeURIComponent(secret)}`,
        `x=${Buffer.from(secret).toString('base64url')}`,
      ].join('\n'),
    );
    writeFileSync(join(dir, 'image.bin'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(secret)]));
    writeFileSync(join(dir, 'big.log'), `${'y'.repeat(3000)}${secret}`);
    const { findings, done } = await engineScan([secret], { paths: [dir], maxFileBytes: 2000 });
    expect(findings.map((f) => [f.line, f.form])).toEqual([
      [1, 'base64'],
      [2, 'base64'],
      [3, 'base64'],
      [4, 'url-encoded'],
      [5, 'base64'],
    ]);
    expect(done).toMatchObject({ summary: { skipped: { binary: 1, tooLarge: 1, unreadable: 0 }, filesScanned: 1 } });
  });

  it('gives nothing for decoys: near misses of a vault value or of its encodings, and strings one character off a key format', async () => {
    // A value in no provider's format, so its near misses are not keys by format either (a GitHub
    // token one character off a vault one is another token, and is rightly reported as unknown).
    const secret = moreFakeKeys.unrecognised('decoy');
    const changed = secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0');
    const dir = tempDir();
    writeFileSync(
      join(dir, 'decoys.txt'),
      [
        changed,
        secret.slice(0, -1),
        secret.toUpperCase(),
        Buffer.from(changed).toString('base64'),
        encodeURIComponent(`${changed}/`),
        `ghp_${fill('FAKE0example', 35)}`, // one character short of a GitHub token
        `xghp_${fill('FAKE0example', 36)}`, // inside a longer word
        `sk_live_${fill('FAKE0', 19)}`, // too short for Stripe
        `AKIA${fill('FAKEEXAMPLE', 15)}`,
      ].join('\n'),
    );
    const { findings } = await engineScan([secret], { paths: [dir] });
    expect(findings).toEqual([]);
  });

  it('reports key-shaped strings that are not in the vault as unknown, once per value, and never a vault value as unknown', async () => {
    const known = fakeKeys.openaiProject('known');
    const stranger = fakeKeys.stripeLive('stranger');
    const dir = tempDir();
    writeFileSync(join(dir, 'a.ts'), `const a = "${known}";\nconst b = "${stranger}";\n`);
    writeFileSync(join(dir, 'b.ts'), `// ${stranger}\nconst hash = "${fill('0123456789abcdef', 40)}";\n`);
    const { findings, unknown } = await engineScan([known], { paths: [dir] });
    const unknownFindings = findings.filter((f) => f.kind === 'unknown');
    expect(unknown).toEqual([stranger]);
    expect(unknownFindings).toHaveLength(2);
    expect(unknownFindings[0]).toMatchObject({
      label: 'Stripe secret key',
      provider: 'stripe',
      keyKind: 'secretKey',
      keyId: null,
      unknownId: 0,
      masked: `sk_live_…${stranger.slice(-4)}`,
    });
    expect(findings.filter((f) => f.kind === 'vault')).toHaveLength(1);
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=Test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'commit.gpgsign=false',
      '-c',
      'init.defaultBranch=main',
      ...args,
    ],
    {
      cwd,
      encoding: 'utf8',
    },
  );
}

const apps: Array<ReturnType<typeof appLike>> = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.services.vault.lock('quit');
});

async function scanApp() {
  const home = tempDir('keyward-scan-home-');
  const app = appLike({ scanWorker: WORKER, homeDir: home });
  apps.push(app);
  await app.create();
  return { ...app, home };
}

async function finished(app: ReturnType<typeof appLike>, scanId: string): Promise<ScanReport> {
  return app.api.scan.wait({ scanId });
}

describe('a leak scan of the vault’s keys (worker, through the router)', () => {
  it('finds current and rotated-out values in files, git history (deleted file, other branch, stash), a zsh history and an agent transcript', async () => {
    const app = await scanApp();
    const old = fakeKeys.openaiProject('old');
    const current = fakeKeys.openaiProject('new');
    const github = fakeKeys.github('hist');
    const stash = moreFakeKeys.google('stash');
    const openai = await app.api.keys.add({ label: 'Chatbot prod', secret: old });
    await app.api.keys.rotate({ id: openai.id, secret: current });
    const gh = await app.api.keys.add({ label: 'CI token', secret: github });
    const google = await app.api.keys.add({ label: 'Maps', secret: stash });

    const project = tempDir();
    writeFileSync(join(project, '.env'), `# settings\nOPENAI_API_KEY=${current}\n`);
    writeFileSync(join(project, 'README.md'), 'nothing here\n');
    git(project, 'init', '-q');
    writeFileSync(join(project, '.gitignore'), '.env\n');
    writeFileSync(join(project, 'old-config.js'), `module.exports = {\n  key: '${old}',\n};\n`);
    git(project, 'add', '.gitignore', 'README.md', 'old-config.js');
    git(project, 'commit', '-q', '-m', 'add config');
    git(project, 'rm', '-q', 'old-config.js');
    git(project, 'commit', '-q', '-m', 'remove config');
    git(project, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(project, 'ci.yml'), `steps:\n  - run: deploy\n    env:\n      TOKEN: ${github}\n`);
    git(project, 'add', 'ci.yml');
    git(project, 'commit', '-q', '-m', 'ci');
    git(project, 'checkout', '-q', 'main');
    writeFileSync(join(project, 'README.md'), `nothing here\nmaps key ${stash}\n`);
    git(project, 'stash', '-q');
    const stashCommit = git(project, 'rev-parse', 'stash@{0}').trim();

    writeFileSync(
      join(app.home, '.zsh_history'),
      `: 1700000000:0;ls\n: 1700000005:0;curl -H "Authorization: Bearer ${current}" https://api.example.invalid\n`,
    );
    mkdirSync(join(app.home, '.claude', 'projects', 'demo'), { recursive: true });
    writeFileSync(
      join(app.home, '.claude', 'projects', 'demo', 'session.jsonl'),
      `${JSON.stringify({ type: 'user', text: 'hi' })}\n${JSON.stringify({ type: 'tool_result', content: `GITHUB_TOKEN=${github}\n` })}\n`,
    );

    const { scanId } = await app.api.scan.start({ paths: [project], git: true, shellHistory: true, agents: true });
    const report = await finished(app, scanId);
    expect(report.state).toBe('done');
    const seen = report.findings.map(
      (f) =>
        `${f.source} ${f.kind} ${f.label} ${f.path.replace(project, '<p>').replace(app.home, '~')}:${f.line}:${f.column}${f.commit ? ` @${f.commit === stashCommit ? 'stash' : 'commit'}` : ''}`,
    );
    expect(seen.sort()).toEqual(
      [
        'file vault Chatbot prod <p>/.env:2:16',
        'git historical Chatbot prod old-config.js:2:9 @commit',
        'git vault CI token ci.yml:4:14 @commit',
        'git vault Maps README.md:2:10 @stash',
        `shell-history vault Chatbot prod ~/.zsh_history:2:${': 1700000005:0;curl -H "Authorization: Bearer '.length + 1}`,
        `agent vault CI token ~/.claude/projects/demo/session.jsonl:2:${'{"type":"tool_result","content":"GITHUB_TOKEN='.length + 1}`,
      ].sort(),
    );
    const historical = report.findings.find((f) => f.kind === 'historical')!;
    expect(historical).toMatchObject({ keyId: openai.id, historySeq: 1, masked: openai.masked, repository: project });
    expect(report).toMatchObject({ secretsSearched: 4, repositories: 1 });
    expect(report.commitsScanned).toBeGreaterThanOrEqual(5);
    expect(report.findings.some((f) => f.keyId === gh.id) && report.findings.some((f) => f.keyId === google.id)).toBe(true);
  });

  it('shares the files among several workers: each file read once, counts added up, places in path order', async () => {
    const home = tempDir('keyward-scan-home-');
    const app = appLike({ scanWorker: WORKER, homeDir: home, scanThreads: 3 });
    apps.push(app);
    await app.create();
    const secret = fakeKeys.stripeLive('shared');
    await app.api.keys.add({ label: 'Stripe', secret });
    const dir = tempDir();
    const names = Array.from({ length: 24 }, (_, i) => `file-${String(i).padStart(2, '0')}.txt`);
    for (const name of names) writeFileSync(join(dir, name), `one\ntwo ${secret}\n`);
    const report = await finished(app, (await app.api.scan.start({ paths: [dir] })).scanId);
    expect(report).toMatchObject({ state: 'done', filesScanned: 24, bytesScanned: 24 * `one\ntwo ${secret}\n`.length });
    expect(report.findings.map((f) => `${f.path}:${f.line}:${f.column}`)).toEqual(names.map((name) => `${join(dir, name)}:2:5`));
  });

  it('skips what .gitignore ignores only when asked to', async () => {
    const app = await scanApp();
    const secret = fakeKeys.stripeLive('ignored');
    await app.api.keys.add({ label: 'Stripe', secret });
    const project = tempDir();
    git(project, 'init', '-q');
    writeFileSync(join(project, '.gitignore'), '.env\nbuild/\n');
    writeFileSync(join(project, '.env'), `STRIPE=${secret}\n`);
    mkdirSync(join(project, 'build'));
    writeFileSync(join(project, 'build', 'bundle.js'), `const k = "${secret}";\n`);
    const plain = await finished(app, (await app.api.scan.start({ paths: [project] })).scanId);
    expect(plain.findings.map((f) => f.path).sort()).toEqual([join(project, '.env'), join(project, 'build', 'bundle.js')]);
    const respecting = await finished(app, (await app.api.scan.start({ paths: [project], respectGitignore: true })).scanId);
    expect(respecting.findings).toHaveLength(0);
  });

  it('never lets a value reach the report, the events, the audit log or a temp file; adds an unknown key without the caller seeing it', async () => {
    const app = await scanApp();
    const canary = fakeKeys.anthropic('CANARY');
    const stranger = fakeKeys.github('stranger');
    await app.api.keys.add({ label: 'Canary', secret: canary });
    // Anything the scan (the worker, git) wrote to a temp file would land here.
    const scratch = tempDir();
    const project = tempDir();
    writeFileSync(join(project, 'leak.txt'), `${canary}\n${Buffer.from(canary).toString('base64')}\n${stranger}\n`);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    const { scanId } = await app.api.scan.start({ paths: [project], git: true, shellHistory: true, agents: true });
    const report = await finished(app, scanId).finally(() => {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    });
    expect(report.findings.map((f) => f.kind)).toEqual(['vault', 'vault', 'unknown']);
    const unknown = report.findings.find((f) => f.kind === 'unknown')!;
    const { unknownId, masked } = { ...unknown } as { unknownId: number; masked: string };
    expect(masked).toBe(`ghp_…${stranger.slice(-4)}`);
    const second = await finished(app, (await app.api.scan.start({ paths: [project] })).scanId);
    const secondUnknownId = second.findings.find((f) => f.kind === 'unknown')!.unknownId!;
    const added = await app.api.scan.addUnknown({ scanId, unknownId, label: 'Found token' });
    expect(added).toMatchObject({ provider: 'github', label: 'Found token', masked });
    expect((await app.api.scan.result({ scanId })).findings.filter((f) => f.kind === 'unknown')).toEqual([]);
    await expect(app.api.scan.addUnknown({ scanId, unknownId, label: 'Again' })).rejects.toMatchObject({ code: 'NotFound' });
    // Another scan found the same value before it was added: it is refused rather than stored twice.
    await expect(
      app.api.scan.addUnknown({ scanId: second.scanId, unknownId: secondUnknownId, label: 'Again' }),
    ).rejects.toMatchObject({
      code: 'AlreadyExists',
      message: 'That key is already in Keyward as “Found token”.',
    });

    const everything = JSON.stringify([
      report,
      await app.api.scan.result({ scanId }),
      app.eventsNamed('scanProgress'),
      app.eventsNamed('scanFinished'),
      added,
    ]);
    const audit = listAudit(app.services.vault.session().db, { limit: 100 });
    expect(audit.map((e) => e.action)).toContain('vault.scanned');
    expect(readdirSync(scratch)).toEqual([]);
    expect(readdirSync(project)).toEqual(['leak.txt']);
    for (const value of [canary, stranger, canary.slice(20, 60), Buffer.from(canary).toString('base64').slice(4, 40)]) {
      expect(everything).not.toContain(value);
      expect(JSON.stringify(audit)).not.toContain(value);
      for (const [name, bytes] of snapshotFiles(app.services.vault.files.dir)) expect(bytes.includes(value), name).toBe(false);
    }
  });

  it('still looks for a key moved to the trash (deleting it from Keyward does not revoke it)', async () => {
    const app = await scanApp();
    const secret = fakeKeys.github('trashed');
    const key = await app.api.keys.add({ label: 'Old CI token', secret });
    await app.api.keys.remove({ id: key.id });
    const dir = tempDir();
    writeFileSync(join(dir, 'ci.env'), `TOKEN=${secret}\n`);
    const report = await finished(app, (await app.api.scan.start({ paths: [dir] })).scanId);
    expect(report.findings).toMatchObject([{ keyId: key.id, kind: 'vault', label: 'Old CI token', inTrash: true }]);
    // The CLI says where it is and what to do: rotating a key in the trash is not the answer.
    expect(describeReport(report)).toContain('Old CI token (in trash) (ghp_');
    expect(describeReport(report)).toContain(
      'in the trash: revoke it at the provider (the trash does not), then delete it for good',
    );
  });

  it('can be cancelled, and a lock forgets every scan', async () => {
    const app = await scanApp();
    await app.api.keys.add({ label: 'Stripe', secret: fakeKeys.stripeLive('cancel') });
    const { scanId } = await app.api.scan.start({ paths: [tempDir()] });
    expect((await app.api.scan.cancel({ scanId })).state).toBe('cancelled');
    expect((await app.api.scan.wait({ scanId })).state).toBe('cancelled');
    await app.api.vault.lock();
    await expect(app.api.scan.result({ scanId })).rejects.toMatchObject({ code: 'Locked' });
  });

  it('rejects a relative or missing path, naming it, before anything runs', async () => {
    const app = await scanApp();
    await expect(app.api.scan.start({ paths: ['relative/dir'] })).rejects.toMatchObject({
      code: 'Invalid',
      message: expect.stringContaining('absolute path'),
    });
    await expect(app.api.scan.start({ paths: ['/no/such/folder/anywhere'] })).rejects.toMatchObject({
      message: expect.stringContaining('/no/such/folder/anywhere'),
    });
    await expect(app.api.scan.start({ paths: [] })).rejects.toMatchObject({ code: 'Invalid' });
    expect(listAudit(app.services.vault.session().db, { limit: 10 }).map((e) => e.action)).not.toContain('vault.scanned');
  });
});
