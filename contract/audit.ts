import { z } from 'zod';
import type { Phrase } from '../i18n/phrase.ts';
import { method } from './define.ts';
import { keyId } from './keys.ts';

/** What the audit log records. Never a secret value: only that something happened, to which key, through which door. */
export const auditActions = [
  'vault.created',
  'vault.unlocked',
  'vault.unlock-failed',
  'vault.password-changed',
  /** A password change refused because the current password was wrong (counted like a wrong unlock). */
  'vault.password-change-failed',
  'vault.backup-created',
  'vault.backup-deleted',
  'vault.restored',
  'vault.recovered',
  'vault.scanned',
  'key.added',
  'key.edited',
  /** Deleted before the trash existed (schema 4 and older): gone for good. */
  'key.deleted',
  'key.trashed',
  'key.restored',
  'key.purged',
  'key.revealed',
  'key.copied',
  'key.rotated',
  'key.history-revealed',
  'key.history-revoked',
  /** `keyward run` / `inject` handed keys to a command or template: which keys and the command's name, never its arguments. */
  'keys.resolved',
  /** A live check asked the provider; the detail is the verdict (and the HTTP status). */
  'key.checked',
  'usage.added',
  'usage.deleted',
  'usage.imported',
  'usage.import-undone',
  'usage.exported',
  /** A usage sync wrote what a provider's usage API reported (counts and days; contract/usage-sync.ts). */
  'usage.synced',
  'usage.sync-connected',
  'usage.sync-disconnected',
  /** A provider key's usage attributed to a vault key (or to none) by the user, or given back to matching. */
  'usage.sync-attributed',
  'price.set',
  'price.reset',
  'budget.set',
  'budget.deleted',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** The door a request came through. */
export const auditSources = ['app', 'cli', 'tray'] as const;
export type AuditSource = (typeof auditSources)[number];

export interface AuditEntry {
  id: number;
  at: string;
  action: AuditAction;
  source: AuditSource;
  keyId: string | null;
  keyLabel: string | null;
  /** The detail in English, as stored at the time: what the CLI prints. */
  detail: string;
  /** The same detail as a phrase, for the window to word in the reader's language; null for entries from before phrases (they show `detail`). */
  detailPhrase: Phrase | null;
}

export const auditContract = {
  list: method(
    z
      .object({
        keyId: keyId.optional(),
        action: z.enum(auditActions).optional(),
        limit: z.int().min(1).max(10_000).default(500),
      })
      .strict()
      .default({ limit: 500 }),
  ).returns<AuditEntry[]>(),
};
