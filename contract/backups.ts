import { z } from 'zod';
import { method } from './define.ts';
import { givenPassword } from './vault.ts';
import { schemaText } from './schema-words.ts';

export interface BackupInfo {
  /** `<ISO time>-<reason>`, unique in the data directory. */
  name: string;
  createdAt: string;
  /** Why it was taken: manual, before-import, before-schema-N, before-restore. */
  reason: string;
  sizeBytes: number;
}

const backupName = z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-[a-z0-9-]+$/, schemaText.backupName);

export const backupsContract = {
  /** Works while locked too: a damaged vault is recovered from this list. */
  list: method(z.undefined()).returns<BackupInfo[]>(),
  create: method(z.undefined()).returns<BackupInfo>(),
  /**
   * Replaces the vault's data with a backup's, after saving the current state as a backup of its
   * own. The vault locks; it unlocks with the current master password.
   */
  restore: method(z.object({ name: backupName }).strict()).returns<{ restored: string; savedCurrentAs: string }>(),
  /**
   * Deletes backups for good, for instance the ones a changed master password no longer
   * protects (a backup opens with the password of its time). Needs the vault open.
   */
  delete: method(z.object({ names: z.array(backupName).min(1, schemaText.backupsGiven).max(1000) }).strict()).returns<{
    deleted: string[];
  }>(),
  /**
   * While locked, for a vault that no longer opens (VaultDamaged): checks the master password,
   * sets the damaged files aside (never deleted) and puts the backup in their place. Unlock next.
   */
  recover: method(z.object({ password: givenPassword, name: backupName }).strict()).returns<{
    restored: string;
    setAsideIn: string;
  }>(),
};
