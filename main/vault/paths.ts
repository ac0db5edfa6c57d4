import { join } from 'node:path';

/** Every file Keyward keeps in its data directory. */
export interface VaultFiles {
  dir: string;
  db: string;
  header: string;
  /** The new header while a password change is under way (see Vault.changePassword). */
  pendingHeader: string;
  throttle: string;
  backups: string;
}

export function vaultFiles(dir: string): VaultFiles {
  return {
    dir,
    db: join(dir, 'vault.db'),
    header: join(dir, 'vault.header.json'),
    pendingHeader: join(dir, 'vault.header.next.json'),
    throttle: join(dir, 'unlock-attempts.json'),
    backups: join(dir, 'backups'),
  };
}
