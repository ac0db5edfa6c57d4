import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import type { Db } from './database.ts';

/** How many automatic backups are kept; older ones are removed after a new one is written. */
export const BACKUPS_KEPT = 10;

export interface BackupInfo {
  name: string;
  path: string;
}

/**
 * An encrypted snapshot of the open vault, taken before anything that rewrites data in bulk
 * (migrations, imports). `VACUUM INTO` writes a consistent copy under the same SQLCipher key;
 * SQLite's page-level backup API refuses to copy between encrypted databases. The header in
 * force at the time is copied beside it, so the backup opens with the password of that moment.
 */
export function createBackup(db: Db, files: { header: string; backups: string }, reason: string, clock: Clock): BackupInfo {
  const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
  const name = `${stamp}-${reason.replace(/[^a-z0-9-]/gi, '')}`;
  const dir = join(files.backups, name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  db.prepare('VACUUM INTO ?').run(join(dir, 'vault.db'));
  copyFileSync(files.header, join(dir, 'vault.header.json'));
  pruneBackups(files.backups, BACKUPS_KEPT);
  return { name, path: dir };
}

export function listBackups(backupsDir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch {
    return [];
  }
  // Names start with an ISO timestamp, so lexical order is chronological.
  return names.sort().map((name) => ({ name, path: join(backupsDir, name) }));
}

function pruneBackups(backupsDir: string, keep: number): void {
  const all = listBackups(backupsDir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old.path, { recursive: true, force: true });
}
