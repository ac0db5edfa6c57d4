import { defineMessages, type IntlShape, type MessageDescriptor } from 'react-intl';
import type { AuditAction } from '../../../../contract/audit.ts';

/** What each audit action is called on screen; an action added later shows its code until named here. */
const labels: Partial<Record<AuditAction, MessageDescriptor>> = defineMessages({
  'vault.created': { id: 'audit.action.vault-created', defaultMessage: 'Vault created' },
  'vault.unlocked': { id: 'audit.action.vault-unlocked', defaultMessage: 'Unlocked' },
  'vault.unlock-failed': { id: 'audit.action.vault-unlock-failed', defaultMessage: 'Wrong password' },
  'vault.password-changed': { id: 'audit.action.vault-password-changed', defaultMessage: 'Master password changed' },
  'vault.password-change-failed': {
    id: 'audit.action.vault-password-change-failed',
    defaultMessage: 'Wrong current password on a password change',
  },
  'vault.backup-created': { id: 'audit.action.vault-backup-created', defaultMessage: 'Backup taken' },
  'vault.backup-deleted': { id: 'audit.action.vault-backup-deleted', defaultMessage: 'Backup deleted' },
  'vault.restored': { id: 'audit.action.vault-restored', defaultMessage: 'Backup restored' },
  'vault.recovered': { id: 'audit.action.vault-recovered', defaultMessage: 'Recovered from a backup' },
  'vault.scanned': { id: 'audit.action.vault-scanned', defaultMessage: 'Scanned for leaks' },
  'key.added': { id: 'audit.action.key-added', defaultMessage: 'Key added' },
  'key.edited': { id: 'audit.action.key-edited', defaultMessage: 'Key edited' },
  'key.deleted': { id: 'audit.action.key-deleted', defaultMessage: 'Key deleted' },
  'key.trashed': { id: 'audit.action.key-trashed', defaultMessage: 'Moved to the trash' },
  'key.restored': { id: 'audit.action.key-restored', defaultMessage: 'Restored from the trash' },
  'key.purged': { id: 'audit.action.key-purged', defaultMessage: 'Deleted forever' },
  'key.revealed': { id: 'audit.action.key-revealed', defaultMessage: 'Key revealed' },
  'key.copied': { id: 'audit.action.key-copied', defaultMessage: 'Key copied' },
  'key.rotated': { id: 'audit.action.key-rotated', defaultMessage: 'Key rotated' },
  'key.history-revealed': { id: 'audit.action.key-history-revealed', defaultMessage: 'Earlier key revealed' },
  'key.history-revoked': { id: 'audit.action.key-history-revoked', defaultMessage: 'Earlier key marked revoked' },
  'keys.resolved': { id: 'audit.action.keys-resolved', defaultMessage: 'Keys given to a command (keyward run / inject)' },
  'key.checked': { id: 'audit.action.key-checked', defaultMessage: 'Checked with the provider' },
  'usage.added': { id: 'audit.action.usage-added', defaultMessage: 'Usage added' },
  'usage.deleted': { id: 'audit.action.usage-deleted', defaultMessage: 'Usage deleted' },
  'usage.imported': { id: 'audit.action.usage-imported', defaultMessage: 'Usage imported' },
  'usage.import-undone': { id: 'audit.action.usage-import-undone', defaultMessage: 'Import undone' },
  'usage.exported': { id: 'audit.action.usage-exported', defaultMessage: 'Usage exported' },
  'price.set': { id: 'audit.action.price-set', defaultMessage: 'Price set' },
  'price.reset': { id: 'audit.action.price-reset', defaultMessage: 'Price reset' },
  'budget.set': { id: 'audit.action.budget-set', defaultMessage: 'Budget set' },
  'budget.deleted': { id: 'audit.action.budget-deleted', defaultMessage: 'Budget deleted' },
});

export function actionLabel(action: string, intl: IntlShape): string {
  const label = labels[action as AuditAction];
  return label ? intl.formatMessage(label) : action;
}
