import { z } from 'zod';
import type { Phrase } from '../i18n/phrase.ts';
import { method } from './define.ts';
import { day, keyId } from './keys.ts';
import { schemaText } from './schema-words.ts';

/**
 * Usage sync: costs pulled from the providers' own usage APIs with an admin key from the vault
 * (OpenAI, Anthropic), and each stored OpenRouter key's own usage. Only main talks to the
 * providers; this contract carries labels, counts and dates, never a secret.
 */
export const syncProviders = ['openai', 'anthropic', 'openrouter'] as const;
export type SyncProvider = (typeof syncProviders)[number];

/** How the last sync of a provider ended. `offline`: no answer at all (nothing changed). */
export const syncStates = ['never', 'ok', 'offline', 'rejected', 'rate-limited', 'failed'] as const;
export type SyncState = (typeof syncStates)[number];

/** What one provider's sync did. Days are UTC calendar days, as the providers bucket them. */
export interface SyncSourceResult {
  provider: SyncProvider;
  state: Exclude<SyncState, 'never'>;
  /**
   * One sentence for people (names the admin key by its label, never its value), as a phrase
   * (i18n/phrase.ts): the window says it in the reader's language, the CLI in English.
   */
  message: Phrase;
  /** OpenRouter: what a key's answer adds, one sentence each (its credit limit, a refusal); empty for the others. */
  notes: Phrase[];
  /** The first and last day asked for; null when nothing was asked. */
  from: string | null;
  to: string | null;
  daysFetched: number;
  added: number;
  updated: number;
  /** Records of a fetched day the provider no longer reports. */
  removed: number;
  unchanged: number;
  /** Days a CSV import of this provider owns: the sync wrote nothing for them (one source per provider and day). */
  skippedDays: string[];
  /** The provider's own billed total over the fetched days (its cost endpoint), micro-dollars; null if it gave none. */
  billedMicros: number | null;
  /** What the records written for those days cost by Keyward's price table (or as given), micro-dollars. */
  recordedMicros: number;
  /** The day the next sync starts from: the oldest day that was not closed yet. */
  cursor: string | null;
  /** OpenRouter: what each stored key said about itself (empty for the other providers). */
  keys: OpenRouterKeyUsage[];
}

/** One OpenRouter key's answer from `/api/v1/key`, in micro-dollars (OpenRouter credits are dollars). */
export interface OpenRouterKeyUsage {
  keyId: string;
  label: string;
  /** False when OpenRouter refused the key (revoked?): the other fields are null. */
  answered: boolean;
  todayMicros: number | null;
  monthMicros: number | null;
  /** The key's credit limit, or null for none. */
  limitMicros: number | null;
  remainingMicros: number | null;
}

export interface SyncRun {
  at: string;
  results: SyncSourceResult[];
}

/** An admin key the vault holds for a provider: what "Connect usage" offers. */
export interface AdminKeyChoice {
  keyId: string;
  label: string;
}

export interface SyncSourceStatus {
  provider: SyncProvider;
  /** Whether the sync (and the daily schedule) includes this provider. */
  connected: boolean;
  /** The admin key picked for this provider (OpenRouter needs none: each stored key reports itself). */
  adminKeyId: string | null;
  adminKeyLabel: string | null;
  /** The vault's admin keys of this provider (none for OpenRouter). */
  adminKeys: AdminKeyChoice[];
  /** OpenRouter: how many stored keys it asks about. */
  keysToAsk: number;
  state: SyncState;
  lastSyncAt: string | null;
  lastSuccessAt: string | null;
  last: SyncSourceResult | null;
  cursor: string | null;
}

export interface SyncStatus {
  /** The app syncs each connected provider once a day while unlocked (a setting, off by default). */
  daily: boolean;
  sources: SyncSourceStatus[];
}

/** One of the provider's API keys and the vault key its spend is attributed to. */
export interface KeyLink {
  provider: SyncProvider;
  /** The provider's id for the key (`key_abc…`, `apikey_01…`). */
  apiKeyId: string;
  /** The name the provider's console shows. */
  name: string;
  /** The provider's redacted value or hint (`sk-proj-abc…wxyz`): never the key. */
  hint: string;
  keyId: string | null;
  keyLabel: string | null;
  /** `match`: found by Keyward (on `matchedOn`); `user`: set or cleared by the user, never changed by a sync. */
  setBy: 'match' | 'user';
  matchedOn: '' | 'redacted-value' | 'name' | 'user';
}

export const syncProviderField = z.enum(syncProviders, schemaText.syncProviderChoice);
const provider = syncProviderField;
const apiKeyId = z.string().trim().min(1, schemaText.providerKeyIdGiven).max(200);

export const usageSyncContract = {
  status: method(z.undefined()).returns<SyncStatus>(),
  /** Connects a provider: OpenAI and Anthropic with one of the vault's admin keys for it (`keyId`), OpenRouter with none. */
  connect: method(z.object({ provider, keyId: keyId.optional() }).strict()).returns<SyncSourceStatus>(),
  /** Stops syncing a provider; what it synced stays. */
  disconnect: method(z.object({ provider }).strict()).returns<SyncSourceStatus>(),
  /** Pulls usage from the providers: every connected one, or one. `since` re-fetches from that day. */
  sync: method(z.object({ provider: provider.optional(), since: day.optional() }).strict().default({})).returns<SyncRun>(),
  /** The providers' API keys seen by a sync and the vault key each is attributed to. */
  links: method(z.object({ provider: provider.optional() }).strict().default({})).returns<KeyLink[]>(),
  /** Attributes a provider key to a vault key (or, with null, to none); its synced records follow. */
  setLink: method(z.object({ provider, apiKeyId, keyId: keyId.nullable() }).strict()).returns<KeyLink>(),
  /** Forgets the user's choice: the key is matched automatically again. */
  clearLink: method(z.object({ provider, apiKeyId }).strict()).returns<KeyLink>(),
};
