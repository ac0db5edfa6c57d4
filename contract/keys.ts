import { z } from 'zod';
import { method } from './define.ts';
import type { KeyKind } from './key-kinds.ts';
import { normalisePastedSecret } from './pasted-secret.ts';
import { CUSTOM_PREFIX, isCatalogProviderId, type CatalogProviderId } from './providers.ts';
import { schemaText } from './schema-words.ts';

export { normalisePastedSecret };

export const environments = ['dev', 'staging', 'prod', 'other'] as const;
export type Environment = (typeof environments)[number];

export const providerField = z
  .string()
  .trim()
  .max(64, 'Use at most 64 characters.')
  .refine(
    (value) =>
      isCatalogProviderId(value) || (value.startsWith(CUSTOM_PREFIX) && value.slice(CUSTOM_PREFIX.length).trim().length > 0),
    schemaText.providerChoice,
  );

const label = z.string().trim().min(1, schemaText.labelGiven).max(120, 'Use at most 120 characters.');
const name = z.string().trim().min(1, schemaText.nameGiven).max(80, 'Use at most 80 characters.');
const names = z
  .array(name)
  .max(50, 'At most 50 entries.')
  .transform((list) => [...new Set(list)]);
/**
 * A lone UTF-16 surrogate cannot be written as UTF-8: it would be stored as U+FFFD, a key that
 * differs from the one given. Refused instead (the CLI refuses bytes that are not UTF-8 itself).
 */
export const wellFormedText = (value: string) => !/\p{Surrogate}/u.test(value);
export const notWellFormedMessage = schemaText.secretNotText;

const secret = z
  .string()
  .max(16_384, schemaText.secretTooLong)
  .refine(wellFormedText, notWellFormedMessage)
  .transform(normalisePastedSecret)
  .pipe(z.string().min(1, schemaText.secretGiven));
export const day = z.iso.date(schemaText.day);
export const rotateDays = z.int(schemaText.wholeDays).min(1, schemaText.atLeastOneDay).max(3650, schemaText.atMostTenYears);
/** The name after `custom:`, as the add/edit form asks for it. */
export const customProviderName = z
  .string()
  .trim()
  .min(1, schemaText.customProviderGiven)
  .max(64 - CUSTOM_PREFIX.length, `Use at most ${64 - CUSTOM_PREFIX.length} characters.`);

const editable = {
  label,
  provider: providerField,
  environment: z.enum(environments),
  notes: z.string().max(4000, 'Use at most 4000 characters.'),
  usedIn: names,
  tags: names,
  expiresAt: day.nullable(),
  rotateEveryDays: rotateDays.nullable(),
  favourite: z.boolean(),
};

export const keyId = z.uuid(schemaText.keyId);

/** The orders a list can come in (see keys.list). */
export const keyOrders = ['list', 'name'] as const;
export type KeyOrder = (typeof keyOrders)[number];

/**
 * Each field's own schema, for forms that check a field as the user types: the same rules, and
 * the same messages, as the add and update methods below.
 */
export const keyFieldSchemas = { ...editable, secret, customProviderName } as const;

/** What lists return: everything but the secret, which is only ever masked here. */
export interface KeySummary {
  id: string;
  label: string;
  provider: string;
  environment: Environment;
  masked: string;
  /** true: a live/production key; false: a test key; null: the format does not say. */
  live: boolean | null;
  notes: string;
  usedIn: string[];
  tags: string[];
  favourite: boolean;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  rotateEveryDays: number | null;
  lastRotatedAt: string | null;
  lastCopiedAt: string | null;
}

/** What a key's format alone says about it. */
export interface Recognition {
  provider: CatalogProviderId | null;
  /** true for live/production keys, false for test-mode keys, null where the format does not say. */
  live: boolean | null;
  /** The kind of credential (projectKey, botToken: contract/key-kinds.ts has its words); null when unknown. */
  kind: KeyKind | null;
}

export const keysContract = {
  list: method(
    z
      .object({
        search: z.string().max(200).optional(),
        provider: z.string().max(64).optional(),
        /**
         * 'name': by label, as the compact list first sorts (ties in the list's order); by
         * default the list's order: favourites, then provider and label (the cards).
         */
        order: z.enum(keyOrders).optional(),
        /** Only the first N in that order: the window's first screen after an unlock, before the rest. */
        limit: z.int(schemaText.wholeNumber).min(1).max(100_000).optional(),
      })
      .strict()
      .optional(),
  ).returns<KeySummary[]>(),
  get: method(z.object({ id: keyId }).strict()).returns<KeySummary>(),
  add: method(
    z
      .object({
        ...editable,
        secret,
        provider: providerField.optional(),
        environment: editable.environment.default('prod'),
        notes: editable.notes.default(''),
        usedIn: editable.usedIn.default([]),
        tags: editable.tags.default([]),
        expiresAt: editable.expiresAt.default(null),
        rotateEveryDays: editable.rotateEveryDays.default(null),
        favourite: editable.favourite.default(false),
      })
      .strict(),
  ).returns<KeySummary>(),
  update: method(
    z
      .object({ id: keyId, ...editable })
      .partial()
      .required({ id: true })
      .strict(),
  ).returns<KeySummary>(),
  /** Moves the key to the trash (contract/trash.ts), from where it can be restored for 30 days. */
  remove: method(z.object({ id: keyId }).strict()).returns<{ id: string }>(),
  /** The one way plaintext leaves main on purpose: audited, one key at a time. */
  reveal: method(z.object({ id: keyId }).strict()).returns<{ secret: string }>(),
  /** Which keys already hold this secret, for the add dialog's duplicate warning. */
  findDuplicates: method(z.object({ secret }).strict()).returns<Array<{ id: string; label: string; provider: string }>>(),
  /** Which provider a pasted key belongs to; works while locked, stores nothing. */
  detect: method(z.object({ secret }).strict()).returns<Recognition>(),
};
