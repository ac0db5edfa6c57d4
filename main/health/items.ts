import { defineMessages } from '@formatjs/intl';
import { localDayNumber } from '../../contract/days.ts';
import type { CheckVerdict, HealthItem, HealthReason } from '../../contract/health.ts';
import type { Environment } from '../../contract/keys.ts';
import { rotationInterval } from '../../contract/key-status.ts';
import type { RotationPolicy } from '../../contract/reminders.ts';
import { phrase, type Phrase } from '../../i18n/phrase.ts';

/**
 * Health items as a pure function of the keys' stored facts, the rotation policy and the time,
 * so every threshold is tested by moving a date, not a clock. Secrets never come here: a
 * duplicate is found by the keyed fingerprint main stores beside each secret.
 */

/** What one key contributes: its stored facts, its secret's fingerprint and its last check. */
export interface HealthFacts {
  id: string;
  label: string;
  provider: string;
  environment: Environment;
  /** The masked value: its literal prefix tells an admin key (`sk-admin-`, `sk-ant-admin01-`). */
  masked: string;
  /** HMAC of the secret under a vault-held key: equal secrets, equal fingerprints. */
  fingerprint: string;
  live: boolean | null;
  createdAt: string;
  expiresAt: string | null;
  rotateEveryDays: number | null;
  lastRotatedAt: string | null;
  lastCopiedAt: string | null;
  lastVerdict: CheckVerdict | null;
}

/** A key nobody has copied for this long is probably not needed: a live key nobody uses is risk without use. */
export const UNUSED_DAYS = 90;
/** With no rotation interval at all, a secret this old that was never rotated gets an item. */
export const NEVER_ROTATED_DAYS = 365;
/** An admin key copied this recently is in everyday use. */
export const ADMIN_IN_USE_DAYS = 7;

const ADMIN_PREFIXES = ['sk-admin-', 'sk-ant-admin01-'];

const reasonOrder: Readonly<Record<HealthReason, number>> = {
  invalid: 0,
  duplicate: 1,
  'live-in-dev': 2,
  'admin-in-use': 3,
  'no-expiry': 4,
  rotation: 5,
  unused: 6,
};

export function isAdminKey(masked: string): boolean {
  return ADMIN_PREFIXES.some((prefix) => masked.startsWith(prefix));
}

/*
 * The items' words are phrases (i18n/phrase.ts): the window says them in the reader's language,
 * `keyward health` in English. An environment is given as its code and worded by the message.
 */
const words = defineMessages({
  invalidTitle: { id: 'health.item.invalid.title', defaultMessage: 'Invalid at the last check' },
  invalidAdvice: {
    id: 'health.item.invalid.advice',
    defaultMessage:
      'The provider rejected this key, so anything using it is failing: create a new key in the provider console and rotate it here.',
  },
  duplicateTitle: {
    id: 'health.item.duplicate.title',
    defaultMessage:
      'Same secret as {label} ({environment, select, dev {dev} staging {staging} prod {prod} other {other}}){more, plural, =0 {} one { and # other key} other { and # other keys}}',
  },
  duplicateAcrossAdvice: {
    id: 'health.item.duplicate.acrossAdvice',
    defaultMessage:
      'One secret serves several environments, so a leak from dev exposes prod too: give each environment its own key.',
  },
  duplicateAdvice: {
    id: 'health.item.duplicate.advice',
    defaultMessage:
      'The same secret is stored twice, so a rotation of one leaves the other stale: keep one entry and delete the other.',
  },
  liveInDevTitle: { id: 'health.item.liveInDev.title', defaultMessage: 'Live key in a dev environment' },
  liveInDevAdvice: {
    id: 'health.item.liveInDev.advice',
    defaultMessage:
      'Code under development can charge real money or touch real data with a live-mode key: use the provider’s test key in dev.',
  },
  adminInUseTitle: { id: 'health.item.adminInUse.title', defaultMessage: 'Admin key in daily use' },
  adminInUseAdvice: {
    id: 'health.item.adminInUse.advice',
    defaultMessage:
      'An admin key can create and delete other keys and read billing, so a leak is worst here: use a project key day to day and keep this one for admin tasks.',
  },
  noExpiryTitle: { id: 'health.item.noExpiry.title', defaultMessage: 'No expiry set' },
  noExpiryAdvice: {
    id: 'health.item.noExpiry.advice',
    defaultMessage:
      'A production key without an expiry date stays valid forever if it leaks: set the expiry the provider shows, or a rotation interval so Keyward reminds you.',
  },
  overdueTitle: { id: 'health.item.overdue.title', defaultMessage: 'Older than its {interval}-day rotation' },
  overdueAdvice: {
    id: 'health.item.overdue.advice',
    defaultMessage:
      'This secret is {ageDays} days old, past the interval you set: rotate it (Rotate on its card) so an old leak stops working.',
  },
  neverRotatedTitle: { id: 'health.item.neverRotated.title', defaultMessage: 'Never rotated' },
  neverRotatedAdvice: {
    id: 'health.item.neverRotated.advice',
    defaultMessage:
      'This secret has not changed in {ageDays} days, so every copy ever made of it still works: rotate it, and set a rotation interval for its environment in Settings.',
  },
  neverCopiedTitle: { id: 'health.item.neverCopied.title', defaultMessage: 'Not copied since it was added' },
  notCopiedTitle: { id: 'health.item.notCopied.title', defaultMessage: 'Not copied for {days} days' },
  unusedAdvice: {
    id: 'health.item.unused.advice',
    defaultMessage:
      'A key nobody uses is risk without benefit: if nothing needs it, revoke it at the provider and delete it here.',
  },
});

export function healthItems(keys: readonly HealthFacts[], policy: RotationPolicy, now: Date): HealthItem[] {
  // Days as numbers, counted once each: this runs over every key of the vault on the main thread.
  const today = localDayNumber(now);
  const ageDays = (iso: string) => today - localDayNumber(new Date(iso));
  const byFingerprint = new Map<string, HealthFacts[]>();
  for (const key of keys) {
    const same = byFingerprint.get(key.fingerprint);
    if (same) same.push(key);
    else byFingerprint.set(key.fingerprint, [key]);
  }

  const items: HealthItem[] = [];
  for (const key of keys) {
    const add = (reason: HealthReason, title: Phrase, advice: Phrase, relatedKeyIds: string[] = []) =>
      items.push({
        keyId: key.id,
        label: key.label,
        provider: key.provider,
        environment: key.environment,
        reason,
        title,
        advice,
        relatedKeyIds,
      });

    if (key.lastVerdict === 'invalid') add('invalid', phrase(words.invalidTitle), phrase(words.invalidAdvice));

    const sharing = byFingerprint.get(key.fingerprint)!;
    const twins = sharing.length === 1 ? [] : sharing.filter((other) => other.id !== key.id);
    if (twins.length > 0) {
      const [first] = twins as [HealthFacts, ...HealthFacts[]];
      const acrossEnvironments = twins.some((other) => other.environment !== key.environment);
      add(
        'duplicate',
        phrase(words.duplicateTitle, { label: first.label, environment: first.environment, more: twins.length - 1 }),
        phrase(acrossEnvironments ? words.duplicateAcrossAdvice : words.duplicateAdvice),
        twins.map((other) => other.id),
      );
    }

    if (key.live === true && key.environment === 'dev')
      add('live-in-dev', phrase(words.liveInDevTitle), phrase(words.liveInDevAdvice));

    if (isAdminKey(key.masked) && key.lastCopiedAt !== null && ageDays(key.lastCopiedAt) <= ADMIN_IN_USE_DAYS) {
      add('admin-in-use', phrase(words.adminInUseTitle), phrase(words.adminInUseAdvice));
    }

    if (key.environment === 'prod' && key.expiresAt === null)
      add('no-expiry', phrase(words.noExpiryTitle), phrase(words.noExpiryAdvice));

    // Past its rotation day (rotationDueDay: last rotated or created, plus the interval).
    const secretAge = ageDays(key.lastRotatedAt ?? key.createdAt);
    const interval = rotationInterval(key, policy);
    if (interval !== null && secretAge > interval) {
      add('rotation', phrase(words.overdueTitle, { interval }), phrase(words.overdueAdvice, { ageDays: secretAge }));
    } else if (interval === null && key.lastRotatedAt === null && secretAge >= NEVER_ROTATED_DAYS) {
      add('rotation', phrase(words.neverRotatedTitle), phrase(words.neverRotatedAdvice, { ageDays: secretAge }));
    }

    const unusedDays = ageDays(key.lastCopiedAt ?? key.createdAt);
    if (unusedDays >= UNUSED_DAYS) {
      add(
        'unused',
        key.lastCopiedAt === null ? phrase(words.neverCopiedTitle) : phrase(words.notCopiedTitle, { days: unusedDays }),
        phrase(words.unusedAdvice),
      );
    }
  }
  return items.sort((a, b) => reasonOrder[a.reason] - reasonOrder[b.reason] || a.label.localeCompare(b.label));
}
