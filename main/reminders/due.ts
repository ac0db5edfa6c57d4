import type { Environment } from '../../contract/keys.ts';
import type { DueItem, DueReason, DueTone, RotationPolicy } from '../../contract/reminders.ts';
import { daysBetween } from '../../contract/days.ts';
import { rotationDueDay } from '../../contract/key-status.ts';

/**
 * What is due and when, as pure functions of the keys' dates, the settings and today, so the
 * thresholds are tested by moving a day label, not a clock.
 */

/** The dates of one key, as stored. */
export interface KeyDates {
  id: string;
  label: string;
  provider: string;
  environment: Environment;
  expiresAt: string | null;
  rotateEveryDays: number | null;
  lastRotatedAt: string | null;
  createdAt: string;
}

/** An old secret kept for a grace period and not yet marked revoked. */
export interface PendingRevocation {
  keyId: string;
  seq: number;
  revokeBy: string;
}

/** One reminder, before any state (snoozes, what has notified) is applied. */
export type Candidate = Omit<DueItem, 'snoozedUntil'>;

/** The stage past every lead time: the due date itself has gone by. It notifies once too. */
export const OVERDUE = -1;

/**
 * The day rotation is due: the local day of the last rotation (or of creation) plus the key's
 * own interval, or its environment's default when it has none.
 */
export function rotationDue(key: KeyDates, policy: RotationPolicy): { dueDate: string; interval: 'key' | 'environment' } | null {
  // The same rule the cards' status chip uses, so the chip and the reminders never disagree.
  const dueDate = rotationDueDay(key, policy);
  if (dueDate === null) return null;
  return { dueDate, interval: key.rotateEveryDays === null ? 'environment' : 'key' };
}

/** Every dated obligation of every key, whether near or far. */
export function candidates(
  keys: readonly KeyDates[],
  revocations: readonly PendingRevocation[],
  policy: RotationPolicy,
  today: string,
): Candidate[] {
  const byId = new Map(keys.map((key) => [key.id, key]));
  const items: Candidate[] = [];
  const item = (key: KeyDates, reason: DueReason, dueDate: string, extra: Partial<Candidate> = {}): Candidate => {
    const daysLeft = daysBetween(today, dueDate);
    return {
      keyId: key.id,
      label: key.label,
      provider: key.provider,
      environment: key.environment,
      reason,
      historySeq: 0,
      dueDate,
      daysLeft,
      tone: toneOf(reason, daysLeft),
      summary: summaryOf(reason, daysLeft),
      interval: null,
      ...extra,
    };
  };
  for (const key of keys) {
    if (key.expiresAt !== null) items.push(item(key, 'expiry', key.expiresAt));
    const rotation = rotationDue(key, policy);
    if (rotation) items.push(item(key, 'rotation', rotation.dueDate, { interval: rotation.interval }));
  }
  for (const pending of revocations) {
    const key = byId.get(pending.keyId);
    if (key) items.push(item(key, 'revoke', pending.revokeBy, { historySeq: pending.seq }));
  }
  return items.sort(byUrgency);
}

/** Overdue first, then the nearest; among equals, expiry (which breaks things) before rotation. */
export function byUrgency(a: Candidate, b: Candidate): number {
  return (
    a.daysLeft - b.daysLeft ||
    reasonOrder[a.reason] - reasonOrder[b.reason] ||
    a.label.localeCompare(b.label) ||
    a.historySeq - b.historySeq
  );
}

const reasonOrder: Record<DueReason, number> = { expiry: 0, rotation: 1, revoke: 2 };

/** Red for an expired key and anything due today or overdue; amber for what is coming up. */
export function toneOf(reason: DueReason, daysLeft: number): DueTone {
  if (daysLeft < 0) return reason === 'expiry' ? 'expired' : 'due';
  return daysLeft === 0 ? 'due' : 'soon';
}

export function summaryOf(reason: DueReason, daysLeft: number): string {
  const ago = (n: number) => (n === 1 ? 'yesterday' : `${n} days ago`);
  const ahead = (n: number) => (n === 1 ? 'tomorrow' : `in ${n} days`);
  switch (reason) {
    case 'expiry':
      if (daysLeft < 0) return `Expired ${ago(-daysLeft)}`;
      return daysLeft === 0 ? 'Expires today' : `Expires ${ahead(daysLeft)}`;
    case 'rotation':
      if (daysLeft < 0) return `Rotation overdue by ${-daysLeft} ${-daysLeft === 1 ? 'day' : 'days'}`;
      return daysLeft === 0 ? 'Rotate today' : `Rotate ${ahead(daysLeft)}`;
    case 'revoke':
      if (daysLeft < 0) return `Revoke the old key: grace period ended ${ago(-daysLeft)}`;
      return daysLeft === 0 ? 'Revoke the old key today' : `Revoke the old key ${ahead(daysLeft)}`;
  }
}

/** How far ahead items count as needing attention: the largest lead time (0 with none: the day itself). */
export function attentionWindow(leads: readonly number[]): number {
  return Math.max(0, ...leads);
}

/**
 * Which threshold an item has reached: the smallest lead time it is within, OVERDUE once the
 * day has passed, null while it is further off than every lead time.
 */
export function stageOf(daysLeft: number, leads: readonly number[]): number | null {
  if (daysLeft < 0) return OVERDUE;
  const reached = leads.filter((lead) => daysLeft <= lead);
  return reached.length === 0 ? null : Math.min(...reached);
}

/** What the vault remembers about one reminder for one due date. */
export interface ReminderMemory {
  dueDate: string;
  /** The stage that last notified; null when none has (or a snooze reset it). */
  notifiedLead: number | null;
  snoozedUntil: string | null;
}

/**
 * Notify once per threshold: when a stage is reached that is nearer than the last one that
 * notified. A snooze silences the item until it ends, then lets it notify once again. Missed
 * stages (the app was closed) collapse into one notification for the current stage.
 */
export function shouldNotify(stage: number | null, memory: ReminderMemory | null, now: Date): boolean {
  if (stage === null) return false;
  if (memory?.snoozedUntil && now.getTime() < Date.parse(memory.snoozedUntil)) return false;
  if (!memory || memory.notifiedLead === null) return true;
  return stage < memory.notifiedLead;
}
