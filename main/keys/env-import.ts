import { defineMessages } from '@formatjs/intl';
import { parse as parseDotenv } from 'dotenv';
import type { AuditSource } from '../../contract/audit.ts';
import type { Environment } from '../../contract/keys.ts';
import { isReference, referenceFor } from '../../contract/references.ts';
import type { EnvImportItem, EnvImportReport } from '../../contract/references-contract.ts';
import { phrase } from '../../i18n/phrase.ts';
import type { EventBus } from '../events.ts';
import { mainIntl } from '../i18n.ts';
import type { Vault } from '../vault/vault.ts';
import { maskSecret } from './mask.ts';
import { recognizeKey } from './recognize.ts';
import type { KeyService } from './service.ts';

export interface EnvImportInput {
  text: string;
  fileName: string;
  usedIn?: string | undefined;
  dryRun: boolean;
}

/** `.env.production` → prod, `.env.staging` → staging, `.env`, `.env.development`, `.env.local` → dev; anything else → other. */
export function environmentFromFileName(fileName: string): Environment {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const parts = base.toLowerCase().split('.').filter(Boolean);
  if (parts[0] !== 'env') return 'other';
  const suffixes = parts.slice(1);
  if (suffixes.some((part) => part === 'production' || part === 'prod')) return 'prod';
  if (suffixes.some((part) => part === 'staging' || part === 'stage')) return 'staging';
  if (suffixes.length === 0 || suffixes.some((part) => part === 'development' || part === 'dev' || part === 'local'))
    return 'dev';
  return 'other';
}

/** Why a value was left alone or where it already is: phrases, said in the window's language (the CLI's English). */
const notes = defineMessages({
  reference: { id: 'keys.envImport.note.reference', defaultMessage: 'already a reference' },
  empty: { id: 'keys.envImport.note.empty', defaultMessage: 'empty' },
  notAKey: { id: 'keys.envImport.note.notAKey', defaultMessage: 'not a recognised key' },
  existing: { id: 'keys.envImport.note.existing', defaultMessage: 'already in the vault as {label}' },
});

/**
 * The note an imported key keeps. Stored with the key, so it is written once, in main's language
 * of the moment (the user's language in the app, English in the CLI), and edited as the user's own.
 */
function importedNote(fileName: string): string {
  const file = fileName.split(/[\\/]/).pop() ?? fileName;
  return mainIntl().formatMessage({ id: 'main.envImport.importedFrom', defaultMessage: 'Imported from {file}.' }, { file });
}

/** Rolls a preview's transaction back after it has run exactly as the real import would. */
class PreviewOnly extends Error {}

/**
 * Moves the keys in a `.env` file's text into the vault. Each value is recognised by its format
 * alone; what is not a key (a port, a URL, a flag, a reference) is left alone. A value already
 * in the vault points at that key. A preview runs the same code in a transaction that is rolled
 * back, so it says exactly what the import will do. Values never leave as anything but masks.
 */
export class EnvImporter {
  readonly #vault: Vault;
  readonly #keys: KeyService;
  readonly #events: EventBus;

  constructor(vault: Vault, keys: KeyService, events: EventBus) {
    this.#vault = vault;
    this.#keys = keys;
    this.#events = events;
  }

  import(input: EnvImportInput, source: AuditSource): EnvImportReport {
    const preview = this.#run(input, source, true);
    if (input.dryRun) return preview.report;
    // Nothing to add: the preview is the outcome (keys already in the vault still get references).
    if (preview.report.added === 0) return { ...preview.report, dryRun: false };
    // Like every import, a snapshot first: the keys of a big file land in one go.
    this.#vault.backup('env-import', source);
    const { report, addedIds } = this.#run(input, source, false);
    // Announced once, after the commit (see KeyService.add's announce).
    this.#events.emit('keysChanged', { ids: addedIds });
    return report;
  }

  #run(input: EnvImportInput, source: AuditSource, dryRun: boolean): { report: EnvImportReport; addedIds: string[] } {
    const { db } = this.#vault.session();
    const environment = environmentFromFileName(input.fileName);
    const variables = Object.entries(parseDotenv(input.text));
    let outcome: { items: EnvImportItem[]; addedIds: string[] } | undefined;
    try {
      db.transaction(() => {
        outcome = this.#moveAll(variables, environment, input, source);
        if (dryRun) throw new PreviewOnly();
      }).immediate();
    } catch (error) {
      if (!(error instanceof PreviewOnly)) throw error;
    }
    const { items, addedIds } = outcome!;
    const count = (status: EnvImportItem['status']) => items.filter((item) => item.status === status).length;
    return {
      report: { added: count('added'), existing: count('existing'), skipped: count('skipped'), environment, items, dryRun },
      addedIds: dryRun ? [] : addedIds,
    };
  }

  #moveAll(variables: Array<[string, string]>, environment: Environment, input: EnvImportInput, source: AuditSource) {
    const { db } = this.#vault.session();
    // Read straight from the table, not the key list's cache: a preview's rows vanish on rollback.
    const named = () =>
      db.prepare('SELECT id, provider, label FROM keys WHERE deleted_at IS NULL').all() as Array<{
        id: string;
        provider: string;
        label: string;
      }>;
    const items: EnvImportItem[] = [];
    const addedIds: string[] = [];
    for (const [variable, value] of variables) {
      const skip = (note: keyof typeof notes) =>
        items.push({ variable, provider: null, reference: null, status: 'skipped', masked: null, note: phrase(notes[note]) });
      if (isReference(value)) {
        skip('reference');
        continue;
      }
      const { provider } = recognizeKey(value);
      if (!provider) {
        skip(value.trim() === '' ? 'empty' : 'notAKey');
        continue;
      }
      const existing = this.#keys.findDuplicates(value)[0];
      if (existing) {
        items.push({
          variable,
          provider: existing.provider,
          reference: referenceFor(existing, named()),
          status: 'existing',
          masked: maskSecret(value),
          note: phrase(notes.existing, { label: existing.label }),
        });
        continue;
      }
      const key = this.#keys.add(
        {
          secret: value,
          label: variable,
          provider,
          environment,
          notes: importedNote(input.fileName),
          usedIn: input.usedIn ? [input.usedIn] : [],
          tags: [],
          expiresAt: null,
          rotateEveryDays: null,
          favourite: false,
        },
        source,
        { announce: false },
      );
      addedIds.push(key.id);
      items.push({ variable, provider, reference: referenceFor(key, named()), status: 'added', masked: key.masked, note: null });
    }
    return { items, addedIds };
  }
}
