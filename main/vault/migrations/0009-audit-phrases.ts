import type { Migration } from './index.ts';

/**
 * The audit entry's detail as a phrase (i18n/phrase.ts: message id, English, values, as JSON), so
 * the window words it in the reader's language. `detail` keeps the English beside it: the CLI
 * prints it and a reader that knows no phrases still has it. Entries written before have no
 * phrase (NULL) and keep showing their stored text.
 */
export const auditPhrases: Migration = {
  version: 9,
  name: 'audit-phrases',
  up(db) {
    db.exec('ALTER TABLE audit_log ADD COLUMN detail_phrase TEXT;');
  },
};
