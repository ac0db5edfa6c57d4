import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BackupInfo } from '../../contract/backups.ts';
import type { Clock } from '../clock.ts';
import type { Db } from './database.ts';

/** How many backups are kept; the oldest are removed after a new one is written. */
export const BACKUPS_KEPT = 10;

const NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z0-9-]+)$/;

/**
 * An encrypted snapshot of the open vault, taken before anything that rewrites data in bulk
 * (migrations, imports, restores) and on request. `VACUUM INTO` writes a consistent copy under
 * the same SQLCipher key; SQLite's page-level backup API refuses to copy between encrypted
 * databases. The header in force is copied beside it, so a backup can be opened on its own with
 * the password of that moment. Written under a temporary name and renamed, so a crash never
 * leaves a half backup that looks whole.
 */
export function createBackup(db: Db, files: { header: string; backups: string }, reason: string, clock: Clock): BackupInfo {
  mkdirSync(files.backups, { recursive: true, mode: 0o700 });
  const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
  const slug = reason.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'backup';
  let name = `${stamp}-${slug}`;
  // Two backups in one millisecond (a restore right after an import) get distinct names.
  for (let n = 2; existsSync(join(files.backups, name)); n++) name = `${stamp}-${slug}-${n}`;
  const staging = join(files.backups, `.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { mode: 0o700 });
  try {
    db.prepare('VACUUM INTO ?').run(join(staging, 'vault.db'));
    copyFileSync(files.header, join(staging, 'vault.header.json'));
    // Owner only, like the vault itself (VACUUM INTO creates the file with the process's umask).
    if (process.platform !== 'win32') for (const file of ['vault.db', 'vault.header.json']) chmodSync(join(staging, file), 0o600);
    renameSync(staging, join(files.backups, name));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  pruneBackups(files.backups, BACKUPS_KEPT);
  return describe(files.backups, name)!;
}

/** Oldest first. Partial or foreign directories are not backups and are not listed. */
export function listBackups(backupsDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch {
    return [];
  }
  return names
    .sort()
    .map((name) => describe(backupsDir, name))
    .filter((info): info is BackupInfo => info !== null);
}

export function backupDbPath(backupsDir: string, name: string): string {
  return join(backupsDir, name, 'vault.db');
}

function describe(backupsDir: string, name: string): BackupInfo | null {
  const match = NAME.exec(name);
  const db = backupDbPath(backupsDir, name);
  if (!match || !existsSync(db)) return null;
  const [date, time] = match[1]!.split('T') as [string, string];
  const [h, m, s, ms] = time.replace('Z', '').split('-');
  return { name, createdAt: `${date}T${h}:${m}:${s}.${ms}Z`, reason: match[2]!, sizeBytes: statSync(db).size };
}

/**
 * A backup in progress, here or in another process (the app and the CLI share the directory),
 * takes seconds; one older than this was left by a process killed mid-backup.
 */
const ABANDONED_PARTIAL_MS = 60 * 60_000;

function pruneBackups(backupsDir: string, keep: number): void {
  const all = listBackups(backupsDir);
  for (const old of all.slice(0, Math.max(0, all.length - keep)))
    rmSync(join(backupsDir, old.name), { recursive: true, force: true });
  for (const name of readdirSync(backupsDir)) {
    if (!name.startsWith('.partial-')) continue;
    const path = join(backupsDir, name);
    // File times are the real clock's, so the real clock judges them.
    if (Date.now() - statSync(path).mtimeMs > ABANDONED_PARTIAL_MS) rmSync(path, { recursive: true, force: true });
  }
}
