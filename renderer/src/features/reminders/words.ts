import type { IntlShape } from 'react-intl';
import type { DueItem } from '../../../../contract/reminders.ts';
import { environmentShort, formatDay } from '../keys/format.ts';

/** "expires Nov 29, 2026", "rotation due …", "revoke by …": the date and what it is for. */
export function dueWords(intl: IntlShape, item: DueItem): string {
  const day = formatDay(intl, item.dueDate);
  switch (item.reason) {
    case 'expiry':
      return item.daysLeft < 0
        ? intl.formatMessage({ id: 'reminders.due.expired', defaultMessage: 'expired {day}' }, { day })
        : intl.formatMessage({ id: 'reminders.due.expires', defaultMessage: 'expires {day}' }, { day });
    case 'rotation':
      return item.interval === 'environment'
        ? intl.formatMessage(
            { id: 'reminders.due.rotationPolicy', defaultMessage: 'rotation due {day} ({environment} policy)' },
            { day, environment: environmentShort(intl, item.environment) },
          )
        : intl.formatMessage({ id: 'reminders.due.rotation', defaultMessage: 'rotation due {day}' }, { day });
    case 'revoke':
      return intl.formatMessage(
        { id: 'reminders.due.revoke', defaultMessage: 'old key #{seq}: revoke by {day}' },
        { seq: item.historySeq, day },
      );
  }
}

/**
 * The chip's words ("Expires in 2 days"), from the item's reason and days left: main's `summary`
 * is the English of notifications and the tray.
 */
export function summaryWords(intl: IntlShape, { reason, daysLeft }: Pick<DueItem, 'reason' | 'daysLeft'>): string {
  const days = Math.abs(daysLeft);
  switch (reason) {
    case 'expiry':
      if (daysLeft < 0) {
        return intl.formatMessage(
          {
            id: 'reminders.summary.expired',
            defaultMessage: '{days, plural, =1 {Expired yesterday} other {Expired # days ago}}',
          },
          { days },
        );
      }
      return daysLeft === 0
        ? intl.formatMessage({ id: 'reminders.summary.expiresToday', defaultMessage: 'Expires today' })
        : intl.formatMessage(
            {
              id: 'reminders.summary.expires',
              defaultMessage: '{days, plural, =1 {Expires tomorrow} other {Expires in # days}}',
            },
            { days },
          );
    case 'rotation':
      if (daysLeft < 0) {
        return intl.formatMessage(
          {
            id: 'reminders.summary.rotationOverdue',
            defaultMessage: '{days, plural, one {Rotation overdue by # day} other {Rotation overdue by # days}}',
          },
          { days },
        );
      }
      return daysLeft === 0
        ? intl.formatMessage({ id: 'reminders.summary.rotateToday', defaultMessage: 'Rotate today' })
        : intl.formatMessage(
            { id: 'reminders.summary.rotate', defaultMessage: '{days, plural, =1 {Rotate tomorrow} other {Rotate in # days}}' },
            { days },
          );
    case 'revoke':
      if (daysLeft < 0) {
        return intl.formatMessage(
          {
            id: 'reminders.summary.revokeOverdue',
            defaultMessage:
              '{days, plural, =1 {Revoke the old key: grace period ended yesterday} other {Revoke the old key: grace period ended # days ago}}',
          },
          { days },
        );
      }
      return daysLeft === 0
        ? intl.formatMessage({ id: 'reminders.summary.revokeToday', defaultMessage: 'Revoke the old key today' })
        : intl.formatMessage(
            {
              id: 'reminders.summary.revoke',
              defaultMessage: '{days, plural, =1 {Revoke the old key tomorrow} other {Revoke the old key in # days}}',
            },
            { days },
          );
  }
}
