import { defineMessages, type IntlShape, type NoMessageValues } from 'react-intl';
import type { BackupInfo } from '../../../contract/backups.ts';
import { getIntl } from '../i18n/current.ts';
import { dateTime } from './time.ts';

/*
 * How a backup is named on screen: when it was taken, why, how big. Shared by Settings and the
 * recovery on the unlock screen. Each takes the intl to format with (components pass useIntl()).
 */

const messages = defineMessages<{
  manual: NoMessageValues;
  beforeImport: NoMessageValues;
  beforeRestore: NoMessageValues;
  beforeUpgrade: NoMessageValues;
  afterPasswordChange: NoMessageValues;
  kib: { size: number };
  mib: { size: string };
}>({
  manual: { id: 'common.backup.reason.manual', defaultMessage: 'Taken by hand' },
  beforeImport: { id: 'common.backup.reason.beforeImport', defaultMessage: 'Before an import' },
  beforeRestore: { id: 'common.backup.reason.beforeRestore', defaultMessage: 'Before a restore' },
  beforeUpgrade: { id: 'common.backup.reason.beforeUpgrade', defaultMessage: 'Before an upgrade' },
  afterPasswordChange: { id: 'common.backup.reason.afterPasswordChange', defaultMessage: 'After a password change' },
  kib: { id: 'common.backup.sizeKib', defaultMessage: '{size} KiB' },
  mib: { id: 'common.backup.sizeMib', defaultMessage: '{size} MiB' },
});

export const backupWhen = (backup: BackupInfo, intl: IntlShape = getIntl()) => dateTime(backup.createdAt, intl, 'medium');

export function backupReason(reason: string, intl: IntlShape = getIntl()): string {
  if (reason === 'manual') return intl.formatMessage(messages.manual);
  if (reason === 'before-import') return intl.formatMessage(messages.beforeImport);
  if (reason === 'before-restore') return intl.formatMessage(messages.beforeRestore);
  if (reason === 'after-password-change') return intl.formatMessage(messages.afterPasswordChange);
  if (reason.startsWith('before-schema')) return intl.formatMessage(messages.beforeUpgrade);
  return reason;
}

export const backupSize = (bytes: number, intl: IntlShape = getIntl()) =>
  bytes < 1024 * 1024
    ? intl.formatMessage(messages.kib, { size: Math.max(1, Math.round(bytes / 1024)) })
    : intl.formatMessage(messages.mib, {
        size: intl.formatNumber(bytes / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      });
