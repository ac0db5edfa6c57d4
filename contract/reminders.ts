import { z } from 'zod';
import { event, method } from './define.ts';
import { environments, keyId, type Environment } from './keys.ts';
import { schemaText } from './schema-words.ts';

/**
 * Why a key needs attention: it expires, it is due for rotation under its own interval or its
 * environment's policy, or an old secret kept for a grace period after a rotation should now be
 * revoked at the provider.
 */
export const dueReasons = ['expiry', 'rotation', 'revoke'] as const;
export type DueReason = (typeof dueReasons)[number];

/** How urgent an item is, in the words the key cards' status chip uses: red for expired and due, amber for soon. */
export type DueTone = 'expired' | 'due' | 'soon';

/** One thing that needs doing about one key. Labels and dates only: never a secret, never a masked value. */
export interface DueItem {
  keyId: string;
  label: string;
  provider: string;
  environment: Environment;
  reason: DueReason;
  /** For `revoke`: which entry of the key's history; 0 otherwise. */
  historySeq: number;
  /** The day it is due, YYYY-MM-DD. */
  dueDate: string;
  /** Whole days from today to the due date; negative when it has passed. */
  daysLeft: number;
  tone: DueTone;
  /** Short words for a list, a notification or the tray ("Expires in 2 days"). */
  summary: string;
  /** For `rotation`: whether the interval is the key's own or its environment's default. */
  interval: 'key' | 'environment' | null;
  /** Set while the user has snoozed this reminder: ISO time it wakes up again. */
  snoozedUntil: string | null;
}

export const remindersContract = {
  /** The "Needs attention" list: every item due within the first lead time, overdue ones first. */
  needsAttention: method(z.undefined()).returns<DueItem[]>(),
  /** Items due within `withinDays` (default: the first lead time), overdue ones included: `keyward due`. */
  due: method(
    z
      .object({
        withinDays: z.int(schemaText.wholeDays).min(0, schemaText.atLeastNoDays).max(3650, schemaText.atMostTenYears).optional(),
      })
      .strict()
      .optional(),
  ).returns<DueItem[]>(),
  /** Silences one reminder for a day or a week; it comes back once when the snooze ends. */
  snooze: method(
    z
      .object({
        keyId,
        reason: z.enum(dueReasons),
        historySeq: z.int().min(0).default(0),
        days: z.union([z.literal(1), z.literal(7)], schemaText.snoozeDays),
      })
      .strict(),
  ).returns<DueItem[]>(),
  /** Runs the reminder check now (the app also runs it at unlock and hourly). Returns the list. */
  check: method(z.undefined()).returns<DueItem[]>(),
};

/** A reminder that was raised as an OS notification, so the window can show it too. */
export interface ReminderNotice {
  item: DueItem;
  title: string;
  body: string;
}

export const reminderEvents = {
  reminder: event<ReminderNotice>(),
  /** The needs-attention list changed (a check, a snooze, a rotation, an edit). */
  attentionChanged: event<DueItem[]>(),
  /** Main asks the window to bring one key into view (tray item, notification click). */
  showKey: event<{ id: string }>(),
};

/** Lead times: at most 8, each 0 (the day itself) to 365 days; kept sorted, largest first, no repeats. */
export const leadDays = z
  .array(z.int(schemaText.wholeDaysShort).min(0, schemaText.atLeastNoDays).max(365, schemaText.atMost365Days))
  .max(8, schemaText.tooManyLeadTimes)
  .transform((days) => [...new Set(days)].sort((a, b) => b - a));

/** A default rotation interval per environment; null leaves keys of that environment alone. */
export const rotationPolicy = z
  .object(
    Object.fromEntries(environments.map((env) => [env, z.int().min(1).max(3650).nullable()])) as Record<
      Environment,
      z.ZodNullable<z.ZodInt>
    >,
  )
  .strict();
export type RotationPolicy = z.output<typeof rotationPolicy>;
