import { z } from 'zod';
import { method } from './define.ts';
import type { Phrase } from '../i18n/phrase.ts';
import { keyId, type Environment } from './keys.ts';
import { schemaText } from './schema-words.ts';

/**
 * Key health: what the vault alone says is risky about each key (offline, always on), and what
 * the provider said the last time the user asked it (the live check, opt-in). Labels, dates and
 * verdicts only: never a secret, never a masked value.
 */
export const healthReasons = ['invalid', 'duplicate', 'live-in-dev', 'admin-in-use', 'no-expiry', 'rotation', 'unused'] as const;
export type HealthReason = (typeof healthReasons)[number];

/**
 * The reasons that go to Needs attention: something is wrong now. The others (no expiry, stale,
 * unused) are hygiene, listed in the health view; a rotation that is due is already a reminder.
 */
export const urgentHealthReasons: readonly HealthReason[] = ['invalid', 'duplicate', 'live-in-dev', 'admin-in-use'];

export interface HealthItem {
  keyId: string;
  label: string;
  provider: string;
  environment: Environment;
  reason: HealthReason;
  /** A few words for a list ("Same secret as Chatbot (dev)"), as a phrase the window says in the reader's language. */
  title: Phrase;
  /** One sentence: why it matters and what to do. */
  advice: Phrase;
  /** For `duplicate`: the other keys holding the same secret. Empty otherwise. */
  relatedKeyIds: string[];
}

/** What a provider's answer meant. `unreachable` is "no clear answer" (network, timeout, 5xx, an unknown reply), never "invalid". */
export const checkVerdicts = ['valid', 'invalid', 'no-credit', 'not-enabled', 'unreachable'] as const;
export type CheckVerdict = (typeof checkVerdicts)[number];

/** Facts a provider's answer told besides the verdict (scopes, expiry, limits). Never a secret. */
export type CheckDetails = Record<string, string | number | boolean | null | string[]>;

export interface CheckResult {
  keyId: string;
  verdict: CheckVerdict;
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  /** ISO time of the check. */
  checkedAt: string;
  details: CheckDetails;
}

/** A key the live check cannot ask about, and why (no free read-only endpoint, a two-part secret). */
export interface UncheckedKey {
  keyId: string;
  /** Said in the reader's language (the CLI prints its English). */
  reason: Phrase;
}

export interface CheckRun {
  results: CheckResult[];
  skipped: UncheckedKey[];
}

export const healthContract = {
  /** Every health item of every key not in the trash, most serious reason first. */
  list: method(z.undefined()).returns<HealthItem[]>(),
  /** The last live check of each key that has one. */
  lastChecks: method(z.undefined()).returns<CheckResult[]>(),
  /**
   * Asks each key's provider whether it is valid: the key goes only to the catalog's https
   * endpoint, in the header the provider documents. Without `ids`, every key that can be checked.
   */
  check: method(
    z
      .object({ ids: z.array(keyId).min(1, schemaText.keysGiven).max(10_000, schemaText.tooManyKeys).optional() })
      .strict()
      .optional(),
  ).returns<CheckRun>(),
};
