import { daysBetween, localDay } from '../../contract/days.ts';
import type { CheckVerdict, HealthItem, HealthReason } from '../../contract/health.ts';
import type { Environment } from '../../contract/keys.ts';
import { rotationDueDay } from '../../contract/key-status.ts';
import type { RotationPolicy } from '../../contract/reminders.ts';

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

export function healthItems(keys: readonly HealthFacts[], policy: RotationPolicy, now: Date): HealthItem[] {
  const today = localDay(now);
  const byFingerprint = new Map<string, HealthFacts[]>();
  for (const key of keys) byFingerprint.set(key.fingerprint, [...(byFingerprint.get(key.fingerprint) ?? []), key]);

  const items: HealthItem[] = [];
  for (const key of keys) {
    const add = (reason: HealthReason, title: string, advice: string, relatedKeyIds: string[] = []) =>
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
    const ageDays = (iso: string) => daysBetween(localDay(new Date(iso)), today);

    if (key.lastVerdict === 'invalid') {
      add(
        'invalid',
        'Invalid at the last check',
        'The provider rejected this key, so anything using it is failing: create a new key in the provider console and rotate it here.',
      );
    }

    const twins = (byFingerprint.get(key.fingerprint) ?? []).filter((other) => other.id !== key.id);
    if (twins.length > 0) {
      const names = twins.map((other) => `${other.label} (${other.environment})`).join(', ');
      const acrossEnvironments = twins.some((other) => other.environment !== key.environment);
      add(
        'duplicate',
        `Same secret as ${names}`,
        acrossEnvironments
          ? 'One secret serves several environments, so a leak from dev exposes prod too: give each environment its own key.'
          : 'The same secret is stored twice, so a rotation of one leaves the other stale: keep one entry and delete the other.',
        twins.map((other) => other.id),
      );
    }

    if (key.live === true && key.environment === 'dev') {
      add(
        'live-in-dev',
        'Live key in a dev environment',
        'Code under development can charge real money or touch real data with a live-mode key: use the provider’s test key in dev.',
      );
    }

    if (isAdminKey(key.masked) && key.lastCopiedAt !== null && ageDays(key.lastCopiedAt) <= ADMIN_IN_USE_DAYS) {
      add(
        'admin-in-use',
        'Admin key in daily use',
        'An admin key can create and delete other keys and read billing, so a leak is worst here: use a project key day to day and keep this one for admin tasks.',
      );
    }

    if (key.environment === 'prod' && key.expiresAt === null) {
      add(
        'no-expiry',
        'No expiry set',
        'A production key without an expiry date stays valid forever if it leaks: set the expiry the provider shows, or a rotation interval so Keyward reminds you.',
      );
    }

    const secretAge = ageDays(key.lastRotatedAt ?? key.createdAt);
    const rotateBy = rotationDueDay(key, policy);
    if (rotateBy !== null && daysBetween(rotateBy, today) > 0) {
      const interval = key.rotateEveryDays ?? policy[key.environment];
      add(
        'rotation',
        `Older than its ${interval}-day rotation`,
        `This secret is ${secretAge} days old, past the interval you set: rotate it (Rotate on its card) so an old leak stops working.`,
      );
    } else if (rotateBy === null && key.lastRotatedAt === null && secretAge >= NEVER_ROTATED_DAYS) {
      add(
        'rotation',
        'Never rotated',
        `This secret has not changed in ${secretAge} days, so every copy ever made of it still works: rotate it, and set a rotation interval for its environment in Settings.`,
      );
    }

    const lastUse = key.lastCopiedAt ?? key.createdAt;
    if (ageDays(lastUse) >= UNUSED_DAYS) {
      add(
        'unused',
        key.lastCopiedAt === null ? `Not copied since it was added` : `Not copied for ${ageDays(lastUse)} days`,
        'A key nobody uses is risk without benefit: if nothing needs it, revoke it at the provider and delete it here.',
      );
    }
  }
  return items.sort((a, b) => reasonOrder[a.reason] - reasonOrder[b.reason] || a.label.localeCompare(b.label));
}
