import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuditSource } from '../../contract/audit.ts';
import { defineMessages } from '@formatjs/intl';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import { backupDbPath, listBackups } from './backups.ts';
import type { Vault } from './vault.ts';

const errors = defineMessages({
  noSuchBackups: {
    id: 'vault.error.noSuchBackups',
    defaultMessage: 'No backup named {names}; nothing was deleted.',
  },
});

/**
 * Deletes backups for good, each one audited. Needs the vault open: deleting the copies that
 * could bring data back is not for whoever merely reaches the data directory through Keyward.
 * Every name must be a listed backup, or nothing is deleted. Each backup is first renamed to a
 * `.partial-` name, so one interrupted half way is never listed (nor offered for a restore) as
 * whole; the next backup removes what is left of it (see backups.ts).
 */
export function deleteBackups(vault: Vault, clock: Clock, names: readonly string[], source: AuditSource): { deleted: string[] } {
  const { db } = vault.session();
  const backupsDir = vault.files.backups;
  const known = new Set(listBackups(backupsDir).map((backup) => backup.name));
  const unique = [...new Set(names)];
  const missing = unique.filter((name) => !known.has(name));
  if (missing.length > 0) throw phraseError('NotFound', phrase(errors.noSuchBackups, { names: missing.join(', ') }));
  const deleted: string[] = [];
  for (const name of unique) {
    const doomed = join(backupsDir, `.partial-deleting-${randomBytes(4).toString('hex')}`);
    renameSync(dirname(backupDbPath(backupsDir, name)), doomed);
    rmSync(doomed, { recursive: true, force: true });
    appendAudit(db, { at: clock.now().toISOString(), action: 'vault.backup-deleted', source, detail: auditDetail.name(name) });
    deleted.push(name);
  }
  return { deleted };
}
