import type { Migration } from './index.ts';

/**
 * The trash: deleting a key sets `deleted_at` instead of removing the row, so the key keeps its
 * rotation history, reminder state and usage links while it waits to be restored. Every read of
 * live keys filters on `deleted_at IS NULL`; a key is removed for good (and its history with it,
 * by the ON DELETE CASCADE of migration 3) when it is purged, by hand or 30 days after deletion.
 * The partial index keeps the trash view and the purge cheap however large the vault is.
 */
export const trash: Migration = {
  version: 5,
  name: 'trash',
  up(db) {
    db.exec(`
      ALTER TABLE keys ADD COLUMN deleted_at TEXT;
      CREATE INDEX keys_in_trash ON keys (deleted_at) WHERE deleted_at IS NOT NULL;
    `);
  },
};
