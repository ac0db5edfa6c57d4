import { z } from 'zod';
import { event, method } from './define.ts';
import { day, keyId, normalisePastedSecret, notWellFormedMessage, wellFormedText } from './keys.ts';
import { schemaText } from './schema-words.ts';

/** One secret a key held before a rotation. Masked here; `revealHistory` is the one audited way to its value. */
export interface HistoryEntry {
  keyId: string;
  /** 1 for the key's first secret, counting up with each rotation. */
  seq: number;
  masked: string;
  /** When this secret came into Keyward (the key's creation or an earlier rotation), ISO time. */
  addedAt: string;
  /** When a rotation replaced it, ISO time. */
  replacedAt: string;
  /** The grace period's end, YYYY-MM-DD: revoke it at the provider by then. Null when none was kept. */
  revokeBy: string | null;
  /** When the user confirmed it is revoked at the provider, ISO time. */
  revokedAt: string | null;
}

export interface RotationResult {
  keyId: string;
  /** The history entry that now holds the old secret. */
  previous: HistoryEntry;
  /** The key's new masked value. */
  masked: string;
  lastRotatedAt: string;
}

const newSecret = z
  .string()
  .max(16_384, schemaText.secretTooLong)
  .refine(wellFormedText, notWellFormedMessage)
  .transform(normalisePastedSecret)
  .pipe(z.string().min(1, schemaText.newSecretGiven));

export const graceDays = z.int(schemaText.wholeDays).min(1, schemaText.atLeastOneDay).max(365, schemaText.atMost365Days);

/**
 * Rotation and history, spread into the `keys` slice (`keys.rotate`, `keys.history`, …) since
 * they act on one key like the rest of that slice.
 */
export const rotationContract = {
  /**
   * Replaces a key's secret: the old one moves into the key's encrypted history with the date it
   * was replaced, last-rotated is set, and (with `keepOldForDays`) a reminder to revoke the old
   * one at the provider falls due when the grace period ends. `expiresAt` sets the new secret's
   * expiry; omitted, the key keeps its current one.
   */
  rotate: method(
    z
      .object({
        id: keyId,
        secret: newSecret,
        keepOldForDays: graceDays.nullable().default(null),
        expiresAt: day.nullable().optional(),
      })
      .strict(),
  ).returns<RotationResult>(),
  /** Previous secrets of one key, newest first, masked. */
  history: method(z.object({ id: keyId }).strict()).returns<HistoryEntry[]>(),
  /** One previous secret in full, on purpose: audited like `reveal`. */
  revealHistory: method(z.object({ id: keyId, seq: z.int().min(1) }).strict()).returns<{ secret: string }>(),
  /** Records that an old secret was revoked at the provider, which ends its revoke reminder. */
  markRevoked: method(z.object({ id: keyId, seq: z.int().min(1) }).strict()).returns<HistoryEntry>(),
  /**
   * Opens the key's provider console (where keys are regenerated) in the system browser. Main
   * takes the URL from the provider catalog, never from the caller, and opens https only.
   * `opened` is false where nothing can open a browser (the CLI prints the URL instead).
   */
  openConsole: method(z.object({ id: keyId }).strict()).returns<{ url: string; opened: boolean }>(),
};

export const keyLifecycleEvents = {
  /**
   * Keys were added, edited, rotated or deleted (by any door): the tray and the needs-attention
   * list rebuild from it. Ids only.
   */
  keysChanged: event<{ ids: string[] }>(),
};
