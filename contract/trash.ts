import { z } from 'zod';
import { method } from './define.ts';
import { keyId, type KeySummary } from './keys.ts';
import { schemaText } from './schema-words.ts';

/** How long a deleted key waits in the trash before it is removed for good. */
export const TRASH_DAYS = 30;

/** A key in the trash: what it was, when it was deleted, and when it will be purged. */
export interface TrashedKey extends KeySummary {
  deletedAt: string;
  purgeAt: string;
}

/**
 * `keys.remove` moves a key to the trash (with its rotation history, reminder state and usage
 * links); nothing but the trash sees it there. Restoring brings all of it back; purging deletes
 * it for good, and happens by itself TRASH_DAYS after deletion.
 */
export const trashContract = {
  /** Most recently deleted first. */
  list: method(z.undefined()).returns<TrashedKey[]>(),
  restore: method(z.object({ id: keyId }).strict()).returns<KeySummary>(),
  /** Deletes forever the keys named, or everything in the trash when `ids` is left out. */
  purge: method(
    z
      .object({
        ids: z.array(keyId).min(1, schemaText.trashKeysGiven).max(10_000).optional(),
      })
      .strict(),
  ).returns<{ purged: string[] }>(),
};
