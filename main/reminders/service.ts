import { defineMessages } from '@formatjs/intl';
import type { Settings } from '../../contract/settings.ts';
import type { DueItem, DueReason } from '../../contract/reminders.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import type { NotificationPort } from '../notifications.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import {
  attentionWindow,
  candidates,
  shouldNotify,
  stageOf,
  type Candidate,
  type KeyDates,
  type PendingRevocation,
  type ReminderMemory,
} from './due.ts';
import { localDay } from '../../contract/days.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { noticeFor, summaryNotice } from './notices.ts';

const errors = defineMessages({
  noSuchReminder: { id: 'reminders.error.noSuchReminder', defaultMessage: 'That key has no such reminder to snooze.' },
});

export type ReminderSettings = Pick<Settings, 'reminderLeadDays' | 'rotationPolicy'>;

export interface ReminderDeps {
  vault: Vault;
  clock: Clock;
  events: EventBus;
  settings: () => ReminderSettings;
  notifications: NotificationPort;
}

/** Above this many reminders in one check, one summary notification replaces the individual ones. */
export const MAX_SEPARATE_NOTICES = 3;

interface StateRow {
  key_id: string;
  reason: DueReason;
  history_seq: number;
  due_date: string;
  notified_lead: number | null;
  snoozed_until: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Expiry, rotation and revoke reminders. Lists are computed from the keys' dates on each call;
 * the vault remembers only which thresholds have notified and which reminders are snoozed.
 */
export class ReminderService {
  readonly #deps: ReminderDeps;
  #lastAttention = '';

  constructor(deps: ReminderDeps) {
    this.#deps = deps;
  }

  /** Everything due within the first lead time, overdue first: the "Needs attention" list. */
  needsAttention(): DueItem[] {
    return this.#items(attentionWindow(this.#deps.settings().reminderLeadDays));
  }

  /** Everything due within `withinDays` (default: the first lead time), overdue included. */
  due(withinDays?: number): DueItem[] {
    return this.#items(withinDays ?? attentionWindow(this.#deps.settings().reminderLeadDays));
  }

  /**
   * Raises one notification per reminder that reached a new threshold, remembers it, and forgets
   * the memory of reminders that no longer exist. One transaction. Returns the attention list.
   */
  check(): DueItem[] {
    const { db } = this.#deps.vault.session();
    const now = this.#deps.clock.now();
    const { reminderLeadDays: leads } = this.#deps.settings();
    const fired: Array<{ item: Candidate; stage: number }> = [];
    inWriteTransaction(db, () => {
      const all = this.#candidates(now);
      const memory = this.#memory();
      for (const item of all) {
        const stage = stageOf(item.daysLeft, leads);
        const remembered = memory.get(memoryKey(item));
        if (shouldNotify(stage, remembered?.dueDate === item.dueDate ? remembered : null, now))
          fired.push({ item, stage: stage! });
      }
      const current = new Set(all.map((item) => `${memoryKey(item)}@${item.dueDate}`));
      const forget = db.prepare('DELETE FROM reminder_state WHERE key_id = ? AND reason = ? AND history_seq = ?');
      for (const row of memory.values()) {
        if (!current.has(`${memoryKey(row)}@${row.dueDate}`)) forget.run(row.keyId, row.reason, row.historySeq);
      }
      const remember = db.prepare(
        `INSERT INTO reminder_state (key_id, reason, history_seq, due_date, notified_lead, snoozed_until) VALUES (?, ?, ?, ?, ?, NULL)
         ON CONFLICT (key_id, reason, history_seq) DO UPDATE SET due_date = excluded.due_date, notified_lead = excluded.notified_lead, snoozed_until = NULL`,
      );
      for (const { item, stage } of fired) remember.run(item.keyId, item.reason, item.historySeq, item.dueDate, stage);
    });
    this.#notify(fired.map(({ item }) => item));
    return this.refresh();
  }

  /**
   * Silences one reminder for `days`. When the snooze ends it notifies once more, even for a
   * threshold that had already notified: the user asked to be reminded later.
   */
  snooze(keyId: string, reason: DueReason, historySeq: number, days: number): DueItem[] {
    const { db } = this.#deps.vault.session();
    const now = this.#deps.clock.now();
    const until = new Date(now.getTime() + days * DAY_MS).toISOString();
    inWriteTransaction(db, () => {
      const item = this.#candidates(now).find((c) => c.keyId === keyId && c.reason === reason && c.historySeq === historySeq);
      if (!item) throw phraseError('NotFound', phrase(errors.noSuchReminder));
      db.prepare(
        `INSERT INTO reminder_state (key_id, reason, history_seq, due_date, notified_lead, snoozed_until) VALUES (?, ?, ?, ?, NULL, ?)
         ON CONFLICT (key_id, reason, history_seq) DO UPDATE SET due_date = excluded.due_date, notified_lead = NULL, snoozed_until = excluded.snoozed_until`,
      ).run(keyId, reason, historySeq, item.dueDate, until);
    });
    return this.refresh();
  }

  /** Recomputes the attention list and tells listeners when it changed. */
  refresh(): DueItem[] {
    const list = this.needsAttention();
    const serialised = JSON.stringify(list);
    if (serialised !== this.#lastAttention) {
      this.#lastAttention = serialised;
      this.#deps.events.emit('attentionChanged', list);
    }
    return list;
  }

  /** After a lock: the next unlock announces its list afresh. */
  forget(): void {
    this.#lastAttention = '';
  }

  #items(withinDays: number): DueItem[] {
    const now = this.#deps.clock.now();
    const memory = this.#memory();
    return this.#candidates(now)
      .filter((item) => item.daysLeft <= withinDays)
      .map((item) => {
        const remembered = memory.get(memoryKey(item));
        const snoozed =
          remembered?.dueDate === item.dueDate &&
          remembered.snoozedUntil !== null &&
          Date.parse(remembered.snoozedUntil) > now.getTime();
        return { ...item, snoozedUntil: snoozed ? remembered.snoozedUntil : null };
      });
  }

  #candidates(now: Date): Candidate[] {
    const { db } = this.#deps.vault.session();
    const keys = db
      .prepare(
        `SELECT id, label, provider, environment, expires_at AS expiresAt, rotate_every_days AS rotateEveryDays,
           last_rotated_at AS lastRotatedAt, created_at AS createdAt FROM keys WHERE deleted_at IS NULL`,
      )
      .all() as KeyDates[];
    const revocations = db
      .prepare(
        `SELECT key_id AS keyId, seq, revoke_by AS revokeBy FROM key_history
           WHERE revoke_by IS NOT NULL AND revoked_at IS NULL AND key_id IN (SELECT id FROM keys WHERE deleted_at IS NULL)`,
      )
      .all() as PendingRevocation[];
    return candidates(keys, revocations, this.#deps.settings().rotationPolicy, localDay(now));
  }

  #memory(): Map<string, ReminderMemory & { keyId: string; reason: DueReason; historySeq: number }> {
    const rows = this.#deps.vault.session().db.prepare('SELECT * FROM reminder_state').all() as StateRow[];
    return new Map(
      rows.map((row) => {
        const entry = {
          keyId: row.key_id,
          reason: row.reason,
          historySeq: row.history_seq,
          dueDate: row.due_date,
          notifiedLead: row.notified_lead,
          snoozedUntil: row.snoozed_until,
        };
        return [memoryKey(entry), entry];
      }),
    );
  }

  #notify(items: Candidate[]): void {
    const { notifications, events } = this.#deps;
    const show = (id: string) => () => events.emit('showKey', { id });
    for (const item of items) {
      events.emit('reminder', { item: { ...item, snoozedUntil: null }, ...noticeFor(item) });
    }
    if (items.length > MAX_SEPARATE_NOTICES) {
      notifications.show({ ...summaryNotice(items.map((item) => item.label)), onClick: show(items[0]!.keyId) });
      return;
    }
    for (const item of items) notifications.show({ ...noticeFor(item), onClick: show(item.keyId) });
  }
}

function memoryKey(item: { keyId: string; reason: DueReason; historySeq: number }): string {
  return `${item.keyId}/${item.reason}/${item.historySeq}`;
}
