import { defineMessages } from '@formatjs/intl';
import type { Environment } from '../../contract/keys.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import type { Db } from '../vault/database.ts';

const errors = defineMessages({
  noSuchKey: { id: 'keys.error.noSuchKey', defaultMessage: 'No key with that id.' },
});

/** A row of the `keys` table as SQLite returns it (see main/vault/migrations). */
export interface KeyRow {
  id: string;
  label: string;
  provider: string;
  environment: Environment;
  secret: Buffer;
  masked: string;
  fingerprint: string;
  live: 0 | 1 | null;
  notes: string;
  used_in: string;
  tags: string;
  favourite: 0 | 1;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
  rotate_every_days: number | null;
  last_rotated_at: string | null;
  last_copied_at: string | null;
  /** Set while the key is in the trash (see trash.ts). */
  deleted_at: string | null;
}

/** Whether a key with this id is in the vault and not in the trash. */
export function keyExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM keys WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

/** A key not in the trash, or `NotFound`. */
export function existingKeyRow(db: Db, id: string): KeyRow {
  const row = db.prepare('SELECT * FROM keys WHERE id = ? AND deleted_at IS NULL').get(id) as KeyRow | undefined;
  if (!row) throw phraseError('NotFound', phrase(errors.noSuchKey));
  return row;
}
