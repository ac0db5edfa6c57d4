import { randomUUID } from 'node:crypto';
import { defineMessages } from '@formatjs/intl';
import type { AuditSource } from '../../contract/audit.ts';
import type { InputOf, ParsedInputOf } from '../../contract/define.ts';
import type { Contract } from '../../contract/index.ts';
import type { KeySummary } from '../../contract/keys.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import { matchesWords, searchableText, searchWords } from '../../contract/key-search.ts';
import { auditDetail, type EditedField } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { inWriteTransaction, type Db } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import { maskSecret } from './mask.ts';
import { recognizeKey } from './recognize.ts';
import { existingKeyRow, type KeyRow } from './rows.ts';
import { phrase } from '../../i18n/phrase.ts';
import { fieldPhraseError } from '../../i18n/phrase-text.ts';

type AddInput = ParsedInputOf<Contract['keys']['add']>;
type UpdateInput = ParsedInputOf<Contract['keys']['update']>;

const errors = defineMessages({
  // The error's text follows `provider: ` in the CLI; the form says the field's own beside it.
  formatUnknown: { id: 'keys.error.formatUnknown', defaultMessage: 'this key’s format is not recognised; choose its provider.' },
  formatUnknownField: {
    id: 'keys.error.formatUnknownField',
    defaultMessage: 'The format is not recognised; choose the provider.',
  },
});
export type ListInput = NonNullable<InputOf<Contract['keys']['list']>>;

interface KeyIndex {
  db: Db;
  changes: number;
  version: number;
  keys: KeySummary[];
  texts: string[];
}

export const SUMMARY_COLUMNS =
  'id, label, provider, environment, masked, live, notes, used_in, tags, favourite, created_at, updated_at, expires_at, rotate_every_days, last_rotated_at, last_copied_at';

/**
 * Keys in the vault. Reads return summaries with masked values; the plaintext is only ever
 * decrypted by `reveal` and `copy`, each of which writes an audit entry.
 */
export class KeyService {
  readonly #vault: Vault;
  readonly #clock: Clock;
  readonly #events: EventBus;
  #cache: KeyIndex | null = null;

  constructor(vault: Vault, clock: Clock, events: EventBus) {
    this.#vault = vault;
    this.#clock = clock;
    this.#events = events;
    // Nothing of a session's keys outlives it.
    vault.onLock(() => {
      this.#cache = null;
    });
  }

  /**
   * Favourites first, then by provider name and label. Every search word must match somewhere.
   * Matching and ordering happen in JS: SQLite's lower() and collation fold ASCII only. The sorted
   * list and each key's search text are kept between calls (see #index), so a search over 10,000
   * keys is a scan of prepared strings rather than a query, 10,000 JSON parses and a sort.
   * The summaries returned are shared with later calls: read them, do not change them.
   */
  list(input: ListInput = {}): KeySummary[] {
    const index = this.#index();
    const words = searchWords(input.search);
    let found: KeySummary[];
    if (!input.provider && words.length === 0) found = index.keys;
    else {
      found = [];
      for (let i = 0; i < index.keys.length; i += 1) {
        const key = index.keys[i]!;
        if (input.provider && key.provider !== input.provider) continue;
        if (words.length === 0 || matchesWords(index.texts[i]!, words)) found.push(key);
      }
    }
    // Sorting is stable: equal labels keep the list's order, as the window's own sort does.
    if (input.order === 'name') found = [...found].sort((a, b) => collator.compare(a.label, b.label));
    return found.slice(0, input.limit ?? found.length);
  }

  /**
   * The sorted summaries and their search texts, rebuilt when anything may have changed them:
   * a write on this connection (total_changes) or a commit by another one (data_version: the
   * CLI, an import worker). Any write counts, even one that did not touch keys; rebuilding costs
   * what a list used to, and typing a search writes nothing.
   */
  #index(): KeyIndex {
    const { db } = this.#vault.session();
    const stamp = db
      .prepare('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version')
      .get() as {
      changes: number;
      version: number;
    };
    const cached = this.#cache;
    if (cached && cached.db === db && cached.changes === stamp.changes && cached.version === stamp.version) return cached;
    const keys = (db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM keys WHERE deleted_at IS NULL`).all() as KeyRow[])
      .map(toSummary)
      .sort(byFavouriteProviderLabel);
    this.#cache = { db, changes: stamp.changes, version: stamp.version, keys, texts: keys.map(searchableText) };
    return this.#cache;
  }

  get(id: string): KeySummary {
    return toSummary(this.#row(id));
  }

  /**
   * `announce: false` is for a caller that adds several keys in one transaction of its own (the
   * .env import) and announces them once it has committed: a preview rolled back never does.
   */
  add(input: AddInput, source: AuditSource, options: { announce: boolean } = { announce: true }): KeySummary {
    const { db, box } = this.#vault.session();
    const recognition = recognizeKey(input.secret);
    const provider = input.provider ?? recognition.provider;
    if (!provider) {
      throw fieldPhraseError('provider', phrase(errors.formatUnknown), phrase(errors.formatUnknownField));
    }
    const id = randomUUID();
    const now = this.#clock.now().toISOString();
    const live = recognition.provider === provider ? recognition.live : null;
    inWriteTransaction(db, () => {
      db.prepare(
        `INSERT INTO keys (id, label, provider, environment, secret, masked, fingerprint, live, notes, used_in, tags,
           favourite, created_at, updated_at, expires_at, rotate_every_days)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.label,
        provider,
        input.environment,
        box.seal(id, input.secret),
        maskSecret(input.secret),
        box.fingerprint(input.secret),
        live === null ? null : Number(live),
        input.notes,
        JSON.stringify(input.usedIn),
        JSON.stringify(input.tags),
        Number(input.favourite),
        now,
        now,
        input.expiresAt,
        input.rotateEveryDays,
      );
      appendAudit(db, { at: now, action: 'key.added', source, keyId: id, keyLabel: input.label });
    });
    return options.announce ? this.#changed(id, this.get(id)) : this.get(id);
  }

  update(input: UpdateInput, source: AuditSource): KeySummary {
    return this.#changed(input.id, this.#update(input, source));
  }

  #update(input: UpdateInput, source: AuditSource): KeySummary {
    const { db } = this.#vault.session();
    const current = this.#row(input.id);
    // Only values that differ count, and the audit names them as the contract does (usedIn, not used_in).
    const changes: Array<{ field: EditedField | null; column: keyof KeyRow; value: unknown }> = [];
    const change = (field: EditedField, column: keyof KeyRow, value: unknown) => {
      if (value !== undefined && value !== current[column]) changes.push({ field, column, value });
    };
    change('label', 'label', input.label);
    change('provider', 'provider', input.provider);
    change('environment', 'environment', input.environment);
    change('notes', 'notes', input.notes);
    change('usedIn', 'used_in', input.usedIn && JSON.stringify(input.usedIn));
    change('tags', 'tags', input.tags && JSON.stringify(input.tags));
    change('expiresAt', 'expires_at', input.expiresAt);
    change('rotateEveryDays', 'rotate_every_days', input.rotateEveryDays);
    change('favourite', 'favourite', input.favourite === undefined ? undefined : Number(input.favourite));
    if (changes.length === 0) return toSummary(current);
    if (changes.some(({ column }) => column === 'provider')) {
      // live/test is what the format says about this provider's key; another provider knows nothing of it.
      changes.push({ field: null, column: 'live', value: this.#liveFor(current, input.provider!) });
    }
    const now = this.#clock.now().toISOString();
    inWriteTransaction(db, () => {
      db.prepare(`UPDATE keys SET ${changes.map(({ column }) => `${column} = ?`).join(', ')}, updated_at = ? WHERE id = ?`).run(
        ...changes.map(({ value }) => value),
        now,
        input.id,
      );
      const fields = changes.flatMap(({ field }) => (field === null ? [] : [field]));
      appendAudit(db, {
        at: now,
        action: 'key.edited',
        source,
        keyId: input.id,
        keyLabel: input.label ?? current.label,
        detail: auditDetail.keyEdited(fields),
      });
    });
    return this.get(input.id);
  }

  /** Moves a key to the trash (see trash.ts): from here on only the trash sees it. */
  remove(id: string, source: AuditSource): { id: string } {
    const { db } = this.#vault.session();
    const current = this.#row(id);
    const now = this.#clock.now().toISOString();
    inWriteTransaction(db, () => {
      db.prepare('UPDATE keys SET deleted_at = ? WHERE id = ?').run(now, id);
      appendAudit(db, { at: now, action: 'key.trashed', source, keyId: id, keyLabel: current.label });
    });
    return this.#changed(id, { id });
  }

  /** Decrypts one secret on purpose and records that it happened. */
  reveal(id: string, source: AuditSource): { secret: string } {
    const { db, box } = this.#vault.session();
    const row = this.#row(id);
    const secret = box.open(id, row.secret);
    appendAudit(db, { at: this.#clock.now().toISOString(), action: 'key.revealed', source, keyId: id, keyLabel: row.label });
    return { secret };
  }

  /**
   * Decrypts one secret and hands it to `write` (the clipboard), then records the copy: the
   * key's last-copied time and an audit entry, in one transaction. Nothing is recorded when the
   * write fails.
   */
  async copy(id: string, source: AuditSource, write: (secret: string) => Promise<void>): Promise<KeySummary> {
    const { box } = this.#vault.session();
    const row = this.#row(id);
    await write(box.open(id, row.secret));
    // The vault may have locked while the clipboard was written; session() then says so.
    const { db } = this.#vault.session();
    const now = this.#clock.now().toISOString();
    inWriteTransaction(db, () => {
      db.prepare('UPDATE keys SET last_copied_at = ? WHERE id = ?').run(now, id);
      appendAudit(db, { at: now, action: 'key.copied', source, keyId: id, keyLabel: row.label });
    });
    return this.get(id);
  }

  /**
   * The favourites and the `recentLimit` most recently copied other keys, straight from the
   * table: the tray is rebuilt after every copy and edit, and listing (and sorting) a vault of
   * thousands each time would be felt.
   */
  menuKeys(recentLimit: number): Array<Pick<KeySummary, 'id' | 'label' | 'provider' | 'favourite' | 'lastCopiedAt'>> {
    const rows = this.#vault
      .session()
      .db.prepare(
        `SELECT id, label, provider, favourite = 1 AS favourite, last_copied_at AS lastCopiedAt FROM keys WHERE favourite = 1 AND deleted_at IS NULL
         UNION ALL
         SELECT * FROM (SELECT id, label, provider, 0, last_copied_at FROM keys
           WHERE favourite = 0 AND deleted_at IS NULL AND last_copied_at IS NOT NULL ORDER BY last_copied_at DESC LIMIT ?)`,
      )
      .all(recentLimit) as Array<{ id: string; label: string; provider: string; favourite: number; lastCopiedAt: string | null }>;
    return rows.map((row) => ({ ...row, favourite: row.favourite === 1 }));
  }

  findDuplicates(secret: string): Array<{ id: string; label: string; provider: string }> {
    const { db, box } = this.#vault.session();
    return db
      .prepare('SELECT id, label, provider FROM keys WHERE fingerprint = ? AND deleted_at IS NULL ORDER BY created_at')
      .all(box.fingerprint(secret)) as Array<{ id: string; label: string; provider: string }>;
  }

  #liveFor(row: KeyRow, provider: string): number | null {
    const recognition = recognizeKey(this.#vault.session().box.open(row.id, row.secret));
    return recognition.provider === provider && recognition.live !== null ? Number(recognition.live) : null;
  }

  #row(id: string): KeyRow {
    return existingKeyRow(this.#vault.session().db, id);
  }

  /** The tray, the needs-attention list and the window follow every change to keys, whichever door made it. */
  #changed<T>(id: string, result: T): T {
    this.#events.emit('keysChanged', { ids: [id] });
    return result;
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function byFavouriteProviderLabel(a: KeySummary, b: KeySummary): number {
  return (
    Number(b.favourite) - Number(a.favourite) ||
    collator.compare(providerDisplayName(a.provider), providerDisplayName(b.provider)) ||
    collator.compare(a.label, b.label) ||
    a.createdAt.localeCompare(b.createdAt)
  );
}

export function toSummary(row: Omit<KeyRow, 'secret' | 'fingerprint'>): KeySummary {
  return {
    id: row.id,
    label: row.label,
    provider: row.provider,
    environment: row.environment,
    masked: row.masked,
    live: row.live === null ? null : row.live === 1,
    notes: row.notes,
    usedIn: JSON.parse(row.used_in) as string[],
    tags: JSON.parse(row.tags) as string[],
    favourite: row.favourite === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    rotateEveryDays: row.rotate_every_days,
    lastRotatedAt: row.last_rotated_at,
    lastCopiedAt: row.last_copied_at,
  };
}
