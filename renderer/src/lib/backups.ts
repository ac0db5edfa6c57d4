import type { BackupInfo } from '../../../contract/backups.ts';

/** How a backup is named on screen: when it was taken, why, how big. Shared by Settings and the recovery on the unlock screen. */
export const backupWhen = (backup: BackupInfo) =>
  new Date(backup.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function backupReason(reason: string): string {
  if (reason === 'manual') return 'Taken by hand';
  if (reason === 'before-import') return 'Before an import';
  if (reason === 'before-restore') return 'Before a restore';
  if (reason.startsWith('before-schema')) return 'Before an upgrade';
  return reason;
}

export const backupSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
