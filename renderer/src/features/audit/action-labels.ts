import type { AuditAction } from '../../../../contract/audit.ts';

/** What each audit action is called on screen; an action added later shows its code until named here. */
const labels: Partial<Record<AuditAction, string>> = {
  'vault.created': 'Vault created',
  'vault.unlocked': 'Unlocked',
  'vault.unlock-failed': 'Wrong password',
  'vault.password-changed': 'Master password changed',
  'vault.backup-created': 'Backup taken',
  'vault.backup-deleted': 'Backup deleted',
  'vault.restored': 'Backup restored',
  'vault.recovered': 'Recovered from a backup',
  'vault.scanned': 'Scanned for leaks',
  'key.added': 'Key added',
  'key.edited': 'Key edited',
  'key.deleted': 'Key deleted',
  'key.trashed': 'Moved to the trash',
  'key.restored': 'Restored from the trash',
  'key.purged': 'Deleted forever',
  'key.revealed': 'Key revealed',
  'key.copied': 'Key copied',
  'key.rotated': 'Key rotated',
  'key.history-revealed': 'Earlier key revealed',
  'key.history-revoked': 'Earlier key marked revoked',
  'keys.resolved': 'Keys given to a command (keyward run / inject)',
  'key.checked': 'Checked with the provider',
  'usage.added': 'Usage added',
  'usage.deleted': 'Usage deleted',
  'usage.imported': 'Usage imported',
  'usage.import-undone': 'Import undone',
  'usage.exported': 'Usage exported',
  'price.set': 'Price set',
  'price.reset': 'Price reset',
  'budget.set': 'Budget set',
  'budget.deleted': 'Budget deleted',
};

export function actionLabel(action: string): string {
  return labels[action as AuditAction] ?? action;
}
