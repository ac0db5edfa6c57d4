/**
 * Crash safety: a child process writes to the vault (adds, edits, rotations, deletes, settings, usage
 * imports, backups, restores, lock/unlock, password changes) and is killed with SIGKILL at a random moment, round after
 * round on the same vault. After each kill the vault must unlock, pass `PRAGMA integrity_check`,
 * hold every operation the child acknowledged, and hold the one operation in flight either
 * whole or not at all.
 *
 * Odd rounds check a copy of the files the kill left, so the next child itself meets the
 * crash-left write-ahead log; even rounds check in place (which checkpoints it).
 * KEYWARD_SEED replays a run; 15 rounds in `npm test`, 50 in `npm run test:soak`, KEYWARD_CRASH_ROUNDS
 * any other number.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { KeywardError } from '../../contract/errors.ts';
import { openEncrypted } from '../../main/vault/database.ts';
import { readHeader, unwrapDataKey } from '../../main/vault/header.ts';
import { deriveKek } from '../../main/vault/kdf.ts';
import { readKeyRing } from '../../main/vault/key-ring.ts';
import { BACKUPS_KEPT, listBackups, backupDbPath } from '../../main/vault/backups.ts';
import { historyContext } from '../../main/rotation/service.ts';
import type { Services } from '../../main/services.ts';
import { budget } from '../support/budget.ts';
import { createdVault, PASSWORD, servicesIn } from '../support/vault.ts';
import {
  apply,
  cloneModel,
  dataOf,
  matches,
  type CrashOp,
  type VaultData,
  type VaultModel,
  type WriterLine,
} from './support/crash-model.ts';
import { fixtureDir, removeFixtures } from './support/fixtures.ts';
import { copyOf, integrity, readKeys, record } from './support/outcome.ts';
import { createRng, seedFromEnv } from './support/rng.ts';

const WRITER = fileURLToPath(new URL('./support/crash-writer.ts', import.meta.url));
/** Where the writer puts the export files it imports (a killed writer cannot clean up; removeFixtures does). */
const scratch = fixtureDir();
const OTHER_PASSWORD = 'a second master password';
const ROUNDS = budget('KEYWARD_CRASH_ROUNDS', { pr: 15, soak: 50 });
const seed = seedFromEnv('crash');
const rng = createRng(seed);

afterAll(removeFixtures);

interface Round {
  lines: WriterLine[];
  killedBeforeReady: boolean;
  stderr: string;
  exitedByItself: boolean;
}

/** Starts the writer and kills it with SIGKILL at a random moment: sometimes while it starts and unlocks, mostly while it writes. */
function runAndKill(dir: string, roundSeed: number, password: string): Promise<Round> {
  const other = password === PASSWORD ? OTHER_PASSWORD : PASSWORD;
  const child = spawn(process.execPath, [WRITER, dir, String(roundSeed), scratch], {
    env: { ...process.env, KEYWARD_PASSWORD: password, KEYWARD_OTHER_PASSWORD: other },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const fromSpawn = rng.next() < 0.2;
  const delay = fromSpawn ? rng.int(0, 1500) : rng.int(0, 600);
  let out = '';
  let stderr = '';
  let ready = false;
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    child.kill('SIGKILL');
  };
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (!ready && out.includes('{"t":"ready"}')) {
      ready = true;
      if (!fromSpawn) setTimeout(kill, delay);
    }
  });
  if (fromSpawn) setTimeout(kill, delay);
  return new Promise((resolve) => {
    child.on('close', () => {
      // A line cut by the kill is not an acknowledgement.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      const lines = complete
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as WriterLine);
      resolve({ lines, killedBeforeReady: !ready, stderr, exitedByItself: !killed });
    });
  });
}

it(`survives ${ROUNDS} rounds of SIGKILL at random moments with every acknowledged write in place`, async () => {
  const started = performance.now();
  const dir = fixtureDir();
  (await createdVault(dir)).vault.lock('manual');
  const model: VaultModel = {
    keys: new Map(),
    clipboardClearSeconds: 30,
    imports: new Map(),
    history: new Map(),
    password: PASSWORD,
    backups: new Map(),
  };
  const stats = {
    rounds: 0,
    killedWhileStarting: 0,
    acknowledged: {} as Record<string, number>,
    inFlight: { committed: 0, rolledBack: 0, none: 0 },
    inFlightByKind: {} as Record<string, string>,
    savedStatesChecked: 0,
    savedStatesPruned: 0,
    keysAtEnd: 0,
  };
  let newestBackup: string | undefined;

  for (let round = 0; round < ROUNDS; round++) {
    const roundSeed = (seed + round) >>> 0;
    const where = `round ${round} (seed ${seed}, writer seed ${roundSeed})`;
    const result = await runAndKill(dir, roundSeed, model.password);
    expect(result.exitedByItself, `${where}: the writer stopped by itself: ${result.stderr}`).toBe(false);
    if (result.killedBeforeReady) stats.killedWhileStarting++;

    let pending: CrashOp | null = null;
    // Each restore must have saved the state it replaced: [saved backup, the data it must hold].
    const savedStates: Array<[string, VaultData, string]> = [];
    for (const line of result.lines) {
      if (line.t === 'begin') pending = line.op;
      if (line.t === 'ack') {
        if (line.op.kind === 'restore') savedStates.push([line.savedCurrentAs!, dataOf(model), model.password]);
        apply(
          model,
          line.op,
          line.id ? { id: line.id, provider: line.provider! } : undefined,
          line.name ?? line.savedCurrentAs ?? line.importId,
        );
        if (line.name) newestBackup = line.name;
        stats.acknowledged[line.op.kind] = (stats.acknowledged[line.op.kind] ?? 0) + 1;
        pending = null;
      }
    }

    const target = round % 2 ? copyOf(dir) : dir;
    const services = servicesIn(target);
    let pendingApplied = false;
    try {
      await services.vault.unlock(model.password, 'app');
    } catch (error) {
      // Only an unacknowledged password change may have moved the password on.
      const movedOn = error instanceof KeywardError && error.code === 'WrongPassword' && pending?.kind === 'passwd';
      expect(movedOn, `${where}: unlock failed: ${String(error)}`).toBe(true);
      await services.vault.unlock((pending as { to: string }).to, 'app');
      pendingApplied = true;
    }
    expect(integrity(services), where).toBe('ok');
    const observed = observe(services);

    if (!matches(model, observed)) {
      expect(pending, `${where}: the vault differs from the acknowledged writes and nothing was in flight`).not.toBeNull();
      const withPending = cloneModel(model);
      let added: { id: string; provider: string } | undefined;
      if (pending!.kind === 'add') {
        const label = pending!.label;
        const extra = [...observed.keys].find(([id, key]) => !model.keys.has(id) && key.label === label);
        if (extra) added = { id: extra[0], provider: extra[1].provider };
      }
      const newImport =
        pending!.kind === 'import' ? [...observed.imports.keys()].find((id) => !model.imports.has(id)) : undefined;
      if (pending!.kind !== 'add' || added)
        apply(withPending, pending!, added, pending!.kind === 'restore' ? 'pending' : newImport);
      expect(
        matches(withPending, observed),
        `${where}: neither the acknowledged state nor it plus the ${pending!.kind} in flight`,
      ).toBe(true);
      pendingApplied = true;
    }
    const listed = listBackups(services.vault.files.backups);
    if (pending && pendingApplied) {
      if (pending.kind === 'restore') {
        // Restored, so the state it replaced must have been saved first: the newest before-restore backup.
        const saved = listed.filter((b) => b.reason === 'before-restore' && !model.backups.has(b.name)).at(-1);
        expect(saved, `${where}: a restore went through without saving the state it replaced`).toBeDefined();
        savedStates.push([saved!.name, dataOf(model), model.password]);
        apply(model, pending, undefined, saved!.name);
      } else if (pending.kind === 'passwd') model.password = pending.to;
      else if (pending.kind === 'import')
        apply(
          model,
          pending,
          undefined,
          [...observed.imports.keys()].find((id) => !model.imports.has(id)),
        );
      else apply(model, pending, pending.kind === 'add' ? findAdded(model, observed, pending) : undefined);
    }
    if (pending) {
      stats.inFlight[pendingApplied ? 'committed' : 'rolledBack']++;
      stats.inFlightByKind[pending.kind] = `${stats.inFlightByKind[pending.kind] ?? ''}${pendingApplied ? 'c' : 'r'}`;
    } else stats.inFlight.none++;

    // Backups: the newest acknowledged one is listed, a kill mid-backup never leaves a listed one that does not open,
    // and every state a restore replaced is in its before-restore backup.
    // (Imports take backups too and only the last 10 are kept: an older one may have been pruned by newer ones.)
    if (newestBackup && !(listed.length === BACKUPS_KEPT && listed[0]!.name > newestBackup))
      expect(
        listed.map((b) => b.name),
        where,
      ).toContain(newestBackup);
    if (listed.length > 0 && result.lines.some((l) => l.t === 'begin' && l.op.kind === 'backup')) {
      await expectBackupOpens(target, listed.at(-1)!.name, model.password);
    }
    services.vault.lock('manual');
    // Only the newest BACKUPS_KEPT backups are kept (imports and password changes take their own),
    // so a saved state may have been pruned as the oldest: then there is nothing left to check.
    for (const [name] of [...savedStates]) {
      if (listed.some((b) => b.name === name)) continue;
      expect(listed.length, `${where}: ${name} is gone while fewer than ${BACKUPS_KEPT} backups are kept`).toBe(BACKUPS_KEPT);
      expect(name < listed[0]!.name, `${where}: ${name} is gone but newer backups were kept`).toBe(true);
      savedStates.splice(
        savedStates.findIndex(([saved]) => saved === name),
        1,
      );
      stats.savedStatesPruned++;
    }
    for (const [name, data, password] of savedStates) {
      const copy = copyOf(join(target, 'backups', name));
      const saved = servicesIn(copy);
      await saved.vault.unlock(password, 'app');
      const held = observe(saved);
      saved.vault.lock('manual');
      expect(matches(data, held), `${where}: ${name} does not hold the state the restore replaced`).toBe(true);
      stats.savedStatesChecked++;
    }
    stats.rounds++;
  }
  stats.keysAtEnd = model.keys.size;
  record('crash', { seed, ...stats, seconds: Math.round((performance.now() - started) / 1000) });
  expect(stats.rounds).toBe(ROUNDS);
  expect(Object.values(stats.acknowledged).reduce((a, b) => a + b, 0)).toBeGreaterThan(ROUNDS);
});

/** What the vault holds: keys and their earlier secrets (decrypted), the clipboard setting, and usage records per import. */
function observe(services: Services): VaultData {
  const { db, box } = services.vault.session();
  const rows = db.prepare('SELECT import_id AS id, count(*) AS n FROM usage_records GROUP BY import_id').all() as Array<{
    id: string;
    n: number;
  }>;
  const history = new Map<string, string[]>();
  // A removed key waits in the trash with its history; the model follows the keys the vault shows.
  const earlier = db
    .prepare(
      'SELECT key_id AS id, seq, secret FROM key_history WHERE key_id IN (SELECT id FROM keys WHERE deleted_at IS NULL) ORDER BY key_id, seq',
    )
    .all() as Array<{ id: string; seq: number; secret: Buffer }>;
  for (const row of earlier)
    history.set(row.id, [...(history.get(row.id) ?? []), box.open(historyContext(row.id, row.seq), row.secret)]);
  return {
    keys: readKeys(services),
    clipboardClearSeconds: services.settings.get().clipboardClearSeconds as number,
    imports: new Map(rows.map((row) => [row.id, row.n])),
    history,
  };
}

function findAdded(
  model: VaultModel,
  observed: { keys: Map<string, { label: string; provider: string }> },
  op: CrashOp,
): { id: string; provider: string } {
  const label = (op as { label: string }).label;
  const [id, key] = [...observed.keys].find(([id, key]) => !model.keys.has(id) && key.label === label)!;
  return { id, provider: key.provider };
}

/**
 * A listed backup is whole: it opens under the vault's key, or under an earlier data key the vault's
 * key ring keeps (a backup from before a password change), and passes the integrity check.
 */
async function expectBackupOpens(dir: string, name: string, password: string): Promise<void> {
  const header = readHeader(join(dir, 'vault.header.json'));
  const kek = await deriveKek(password, header.kdf);
  const dataKey = unwrapDataKey(header, kek)!;
  const keys = [dataKey, ...readKeyRing(join(dir, 'vault.db'), dataKey)];
  const path = backupDbPath(join(dir, 'backups'), name);
  const db = keys.reduce<ReturnType<typeof openEncrypted> | null>((found, key) => {
    if (found) return found;
    try {
      return openEncrypted(path, key, 'open');
    } catch {
      return null;
    }
  }, null);
  expect(db, `${name} opens under none of the vault's keys`).not.toBeNull();
  try {
    expect(db!.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db!.close();
  }
}
