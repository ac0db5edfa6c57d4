import { providerDisplayName } from '../../contract/providers.ts';
import type { DueItem } from '../../contract/reminders.ts';
import { mainIntl, type MainIntl } from '../i18n.ts';
import type { Candidate } from './due.ts';

/**
 * What a reminder says in the language main speaks (the tray, OS notifications). The contract's
 * `summary` stays English for `keyward due`; these are built from the same reason and days.
 */

type DueFacts = Pick<DueItem, 'reason' | 'daysLeft'>;

/** A YYYY-MM-DD day as the locale writes it ("Dec 5, 2026", "2026. 12. 5."). */
export function formatDay(day: string, intl: MainIntl = mainIntl()): string {
  return intl.formatDate(`${day}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
}

/** Short words for the tray and a notification's title: "Expires in 2 days", "2일 후 만료". */
export function dueSummary({ reason, daysLeft }: DueFacts, intl: MainIntl = mainIntl()): string {
  // "today", "tomorrow", "yesterday" in the locale's own words (오늘, 내일, 어제), then counted days
  // ("in 3 days", "3일 후"; not 모레 or 그저께), as the window's Needs attention list says them.
  const when = intl.formatRelativeTime(daysLeft, 'day', { numeric: Math.abs(daysLeft) <= 1 ? 'auto' : 'always' });
  const overdue = -daysLeft;
  switch (reason) {
    case 'expiry':
      return daysLeft < 0
        ? intl.formatMessage({ id: 'main.due.expired', defaultMessage: 'Expired {when}' }, { when })
        : intl.formatMessage({ id: 'main.due.expires', defaultMessage: 'Expires {when}' }, { when });
    case 'rotation':
      return daysLeft < 0
        ? intl.formatMessage(
            {
              id: 'main.due.rotationOverdue',
              defaultMessage: '{days, plural, one {Rotation overdue by # day} other {Rotation overdue by # days}}',
            },
            { days: overdue },
          )
        : intl.formatMessage({ id: 'main.due.rotate', defaultMessage: 'Rotate {when}' }, { when });
    case 'revoke':
      return daysLeft < 0
        ? intl.formatMessage(
            { id: 'main.due.revokeOverdue', defaultMessage: 'Revoke the old key: grace period ended {when}' },
            { when },
          )
        : intl.formatMessage({ id: 'main.due.revoke', defaultMessage: 'Revoke the old key {when}' }, { when });
  }
}

/** One reminder's notification. Labels, provider, environment and dates: never a secret, never even a masked value. */
export function noticeFor(item: Candidate, intl: MainIntl = mainIntl()): { title: string; body: string } {
  const values = {
    provider: providerDisplayName(item.provider),
    environment: item.environment,
    date: formatDay(item.dueDate, intl),
  };
  const title = intl.formatMessage(
    { id: 'main.reminder.title', defaultMessage: '{label}: {summary}' },
    { label: item.label, summary: dueSummary(item, intl) },
  );
  switch (item.reason) {
    case 'expiry':
      return {
        title,
        body: intl.formatMessage(
          {
            id: 'main.reminder.expiryBody',
            defaultMessage: '{provider} · {environment} · due {date}. Open Keyward to rotate or replace it.',
          },
          values,
        ),
      };
    case 'rotation':
      return {
        title,
        body: intl.formatMessage(
          {
            id: 'main.reminder.rotationBody',
            defaultMessage: '{provider} · {environment} · due {date}. Open Keyward to rotate it.',
          },
          values,
        ),
      };
    case 'revoke':
      return {
        title,
        body: intl.formatMessage(
          {
            id: 'main.reminder.revokeBody',
            defaultMessage: '{provider} · {environment} · due {date}. Open Keyward to revoke the old key and mark it revoked.',
          },
          values,
        ),
      };
  }
}

/** Many reminders at once: one notification naming the first few. */
export function summaryNotice(labels: readonly string[], intl: MainIntl = mainIntl()): { title: string; body: string } {
  const shown = labels.slice(0, 3);
  return {
    title: intl.formatMessage(
      {
        id: 'main.reminder.manyTitle',
        defaultMessage: '{count, plural, one {# key needs attention} other {# keys need attention}}',
      },
      { count: labels.length },
    ),
    body:
      labels.length === shown.length
        ? intl.formatMessage(
            { id: 'main.reminder.fewBody', defaultMessage: '{names}. Open Keyward to see them.' },
            { names: shown.join(', ') },
          )
        : intl.formatMessage(
            {
              id: 'main.reminder.manyBody',
              defaultMessage: '{names} and {more, plural, one {# more} other {# more}}. Open Keyward to see them.',
            },
            { names: shown.join(', '), more: labels.length - shown.length },
          ),
  };
}
