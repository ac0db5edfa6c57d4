import type { IntlShape } from 'react-intl';
import { dayNumber } from '../../../../contract/days.ts';
import type { KeyStatus } from '../../../../contract/key-status.ts';
import type { Environment } from '../../../../contract/keys.ts';

/**
 * Days, environments and status words of the keys, rotation and reminder screens, in the
 * language in force (each takes the intl: `useIntl()` in a component). Relative times, full dates
 * and countdowns are lib/time.ts's.
 */

/** A YYYY-MM-DD day, read in UTC so no time zone moves it by one: "Dec 2, 2026". */
export function formatDay(intl: IntlShape, day: string): string {
  return intl.formatDate(new Date(`${day}T00:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** An environment as its badge shows it: "prod" (Korean: "운영"). */
export function environmentShort(intl: IntlShape, environment: Environment): string {
  switch (environment) {
    case 'dev':
      return intl.formatMessage({ id: 'keys.environment.devShort', defaultMessage: 'dev' });
    case 'staging':
      return intl.formatMessage({ id: 'keys.environment.stagingShort', defaultMessage: 'staging' });
    case 'prod':
      return intl.formatMessage({ id: 'keys.environment.prodShort', defaultMessage: 'prod' });
    case 'other':
      return intl.formatMessage({ id: 'keys.environment.otherShort', defaultMessage: 'other' });
  }
}

/** An environment by its full name, as a choice in a list: "Production" (Korean: "운영"). */
export function environmentName(intl: IntlShape, environment: Environment): string {
  switch (environment) {
    case 'dev':
      return intl.formatMessage({ id: 'keys.environment.dev', defaultMessage: 'Development' });
    case 'staging':
      return intl.formatMessage({ id: 'keys.environment.staging', defaultMessage: 'Staging' });
    case 'prod':
      return intl.formatMessage({ id: 'keys.environment.prod', defaultMessage: 'Production' });
    case 'other':
      return intl.formatMessage({ id: 'keys.environment.other', defaultMessage: 'Other' });
  }
}

/**
 * The status chip's words (contract/key-status.ts decides the status; its `label` is the
 * English for the CLI and tests). Whether the status is about the expiry or the rotation follows
 * from its date: keyStatus settles a tie between the two for the expiry, so a status dated on
 * the key's expiry day is about the expiry.
 */
export function statusWords(intl: IntlShape, status: KeyStatus, expiresAt: string | null, today: string): string {
  const days = dayNumber(status.date) - dayNumber(today);
  const expiry = status.date === expiresAt;
  if (days < 0) {
    return expiry
      ? intl.formatMessage(
          {
            id: 'keys.status.expiredAgo',
            defaultMessage: '{days, plural, =1 {Expired yesterday} other {Expired # days ago}}',
          },
          { days: -days },
        )
      : intl.formatMessage(
          { id: 'keys.status.rotationOverdue', defaultMessage: 'Rotation overdue by {days} d' },
          { days: -days },
        );
  }
  if (days === 0) {
    return expiry
      ? intl.formatMessage({ id: 'keys.status.expiresToday', defaultMessage: 'Expires today' })
      : intl.formatMessage({ id: 'keys.status.rotateToday', defaultMessage: 'Rotate today' });
  }
  // As in key-status.ts: days up to two months, then months, then years.
  if (days <= 60) {
    return expiry
      ? intl.formatMessage(
          { id: 'keys.status.expiresInDays', defaultMessage: '{days, plural, =1 {Expires tomorrow} other {Expires in # days}}' },
          { days },
        )
      : intl.formatMessage(
          { id: 'keys.status.rotateInDays', defaultMessage: '{days, plural, =1 {Rotate tomorrow} other {Rotate in # days}}' },
          { days },
        );
  }
  const months = Math.round(days / 30.44);
  if (months < 24) {
    return expiry
      ? intl.formatMessage(
          {
            id: 'keys.status.expiresInMonths',
            defaultMessage: '{months, plural, one {Expires in # month} other {Expires in # months}}',
          },
          { months },
        )
      : intl.formatMessage(
          {
            id: 'keys.status.rotateInMonths',
            defaultMessage: '{months, plural, one {Rotate in # month} other {Rotate in # months}}',
          },
          { months },
        );
  }
  const years = Math.round(days / 365.25);
  return expiry
    ? intl.formatMessage(
        {
          id: 'keys.status.expiresInYears',
          defaultMessage: '{years, plural, one {Expires in # year} other {Expires in # years}}',
        },
        { years },
      )
    : intl.formatMessage(
        { id: 'keys.status.rotateInYears', defaultMessage: '{years, plural, one {Rotate in # year} other {Rotate in # years}}' },
        { years },
      );
}
