import { join } from 'node:path';

/** Every file Keyward keeps in its data directory. */
export interface VaultFiles {
  dir: string;
  db: string;
  header: string;
  throttle: string;
  backups: string;
}

export function vaultFiles(dir: string): VaultFiles {
  return {
    dir,
    db: join(dir, 'vault.db'),
    header: join(dir, 'vault.header.json'),
    throttle: join(dir, 'unlock-attempts.json'),
    backups: join(dir, 'backups'),
  };
}
