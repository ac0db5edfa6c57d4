import { defineMessages } from '@formatjs/intl';
import type { CheckVerdict } from '../../contract/health.ts';
import { phrase, type Phrase } from '../../i18n/phrase.ts';

/*
 * The audit log's details as phrases (i18n/phrase.ts): stored with each entry, worded by the
 * window in the reader's language (Korean in i18n/ko/audit.json); their English is the text the
 * entries held before phrases, which the CLI prints. Kept together here, like the window's action
 * labels, so the log's words read as one vocabulary.
 *
 * Values are names, numbers and codes only. A list whose length varies (the fields of an edit,
 * the places a scan looked in) is given one code per known item: `first`, `next` (after another,
 * so it takes the separator) or `no`; each language words the item and its separator.
 */
const words = defineMessages({
  name: { id: 'audit.detail.name', defaultMessage: '{name}' },
  passwordChangeFinished: {
    id: 'audit.detail.passwordChangeFinished',
    defaultMessage: 'finished at unlock after an interruption',
  },
  keyEdited: {
    id: 'audit.detail.keyEdited',
    defaultMessage:
      '{label, select, first {label} next {, label} other {}}{provider, select, first {provider} next {, provider} other {}}{environment, select, first {environment} next {, environment} other {}}{notes, select, first {notes} next {, notes} other {}}{usedIn, select, first {usedIn} next {, usedIn} other {}}{tags, select, first {tags} next {, tags} other {}}{expiresAt, select, first {expiresAt} next {, expiresAt} other {}}{rotateEveryDays, select, first {rotateEveryDays} next {, rotateEveryDays} other {}}{favourite, select, first {favourite} next {, favourite} other {}}',
  },
  expiryFromProvider: { id: 'audit.detail.expiryFromProvider', defaultMessage: 'expiry from the provider' },
  checked: {
    id: 'audit.detail.checked',
    defaultMessage:
      '{verdict, select, valid {valid} invalid {invalid} noCredit {no-credit} notEnabled {not-enabled} unreachable {unreachable} other {{verdict}}}{answered, select, yes { (HTTP {status})} other {}}',
  },
  purgedByUser: { id: 'audit.detail.purgedByUser', defaultMessage: 'deleted forever' },
  purgedExpired: { id: 'audit.detail.purgedExpired', defaultMessage: 'after {days} days in the trash' },
  keysResolved: { id: 'audit.detail.keysResolved', defaultMessage: '{kind} {command}: {keys}' },
  historyEntry: { id: 'audit.detail.historyEntry', defaultMessage: '#{seq}' },
  keyRotated: {
    id: 'audit.detail.keyRotated',
    defaultMessage:
      'old key kept as #{seq}{revoke, select, yes {; revoke by {revokeBy}} other {}}{expiry, select, changed {; expiresAt} other {}}',
  },
  scanned: {
    id: 'audit.detail.scanned',
    defaultMessage:
      '{secrets} values; {paths}{git, select, first {git history} next {, git history} other {}}{shell, select, first {shell histories} next {, shell histories} other {}}{agents, select, first {coding agents} next {, coding agents} other {}}',
  },
  priceSet: {
    id: 'audit.detail.priceSet',
    defaultMessage: '{model}{count, plural, =0 {} other {; {count} unpriced records priced}}',
  },
  budgetSet: {
    id: 'audit.detail.budgetSet',
    defaultMessage: '{scope, select, total {All usage} other {{label}}}: {usd} USD a month',
  },
  budgetDeleted: { id: 'audit.detail.budgetDeleted', defaultMessage: '{scope, select, total {All usage} other {{label}}}' },
  usageRecord: { id: 'audit.detail.usageRecord', defaultMessage: '{day} {provider} {model}' },
  usageExported: {
    id: 'audit.detail.usageExported',
    defaultMessage: '{records} records ({span, select, all {all} other {{span}}})',
  },
  usageImported: {
    id: 'audit.detail.usageImported',
    defaultMessage: '{fileName} ({format}): {added} added, {duplicates} duplicates, {skipped} skipped',
  },
  importUndone: { id: 'audit.detail.importUndone', defaultMessage: '{fileName}: {count} records removed' },
  syncAttributed: {
    id: 'audit.detail.syncAttributed',
    defaultMessage:
      '{provider} {apiKeyId}{named, select, yes { ({name})} other {}} → {target, select, key {this key} other {no vault key}}',
  },
  syncMatchedAgain: { id: 'audit.detail.syncMatchedAgain', defaultMessage: '{provider} {apiKeyId}: matched automatically again' },
  synced: {
    id: 'audit.detail.synced',
    defaultMessage:
      '{provider} {from}…{to}: {added} added, {updated} updated, {removed} removed, {skipped} days owned by an import',
  },
});

/** The fields an edit can change, in the order the detail names them (the contract's names). */
export const editedFields = [
  'label',
  'provider',
  'environment',
  'notes',
  'usedIn',
  'tags',
  'expiresAt',
  'rotateEveryDays',
  'favourite',
] as const;
export type EditedField = (typeof editedFields)[number];

/** One code per known item of a list: where it stands (first, or after another) or that it is absent. */
function listed<T extends string>(known: readonly T[], present: ReadonlySet<T>, before = false): Record<T, string> {
  let seen = before;
  const codes = {} as Record<T, string>;
  for (const item of known) {
    codes[item] = present.has(item) ? (seen ? 'next' : 'first') : 'no';
    if (present.has(item)) seen = true;
  }
  return codes;
}

/** ICU select keys are identifiers: the verdicts with a hyphen go by another code (and are worded back as they are). */
const verdictCodes: Record<CheckVerdict, string> = {
  valid: 'valid',
  invalid: 'invalid',
  'no-credit': 'noCredit',
  'not-enabled': 'notEnabled',
  unreachable: 'unreachable',
};

const scanPlaces = ['git', 'shell', 'agents'] as const;

export const auditDetail = {
  /** A detail that is only a name (a backup file, a model, a provider): the same in every language. */
  name: (name: string): Phrase => phrase(words.name, { name }),
  passwordChangeFinished: (): Phrase => phrase(words.passwordChangeFinished),
  keyEdited: (fields: readonly EditedField[]): Phrase => phrase(words.keyEdited, listed(editedFields, new Set(fields))),
  expiryFromProvider: (): Phrase => phrase(words.expiryFromProvider),
  checked: (verdict: CheckVerdict, status: number | null): Phrase =>
    phrase(words.checked, { verdict: verdictCodes[verdict], answered: status === null ? 'no' : 'yes', status: status ?? '' }),
  purgedByUser: (): Phrase => phrase(words.purgedByUser),
  purgedExpired: (days: number): Phrase => phrase(words.purgedExpired, { days }),
  /** `keyward run`/`inject`: the command's name and each key's label and id, as they are. */
  keysResolved: (kind: string, command: string, keys: ReadonlyArray<{ label: string; keyId: string }>): Phrase =>
    phrase(words.keysResolved, { kind, command, keys: keys.map((k) => `${k.label} (${k.keyId})`).join(', ') }),
  historyEntry: (seq: number): Phrase => phrase(words.historyEntry, { seq }),
  keyRotated: (seq: number, revokeBy: string | null, expiryChanged: boolean): Phrase =>
    phrase(words.keyRotated, {
      seq,
      revoke: revokeBy ? 'yes' : 'no',
      revokeBy: revokeBy ?? '',
      expiry: expiryChanged ? 'changed' : 'same',
    }),
  /** The paths as the user gave them (cut at 500 characters), then the other places by code. */
  scanned: (secrets: number, paths: readonly string[], places: { git: boolean; shell: boolean; agents: boolean }): Phrase =>
    phrase(words.scanned, {
      secrets,
      paths: paths.join(', ').slice(0, 500),
      ...listed(scanPlaces, new Set(scanPlaces.filter((place) => places[place])), paths.length > 0),
    }),
  priceSet: (model: string, repriced: number): Phrase => phrase(words.priceSet, { model, count: repriced }),
  budgetSet: (budget: { scope: string; label: string; monthlyMicros: number }): Phrase =>
    phrase(words.budgetSet, { scope: budget.scope, label: budget.label, usd: budget.monthlyMicros / 1e6 }),
  budgetDeleted: (budget: { scope: string; label: string }): Phrase =>
    phrase(words.budgetDeleted, { scope: budget.scope, label: budget.label }),
  usageRecord: (record: { day: string; provider: string; model: string }): Phrase =>
    phrase(words.usageRecord, { day: record.day, provider: record.provider, model: record.model }),
  usageExported: (records: number, span: string): Phrase => phrase(words.usageExported, { records, span }),
  usageImported: (fileName: string, format: string, added: number, duplicates: number, skipped: number): Phrase =>
    phrase(words.usageImported, { fileName, format, added, duplicates, skipped }),
  importUndone: (fileName: string, count: number): Phrase => phrase(words.importUndone, { fileName, count }),
  syncAttributed: (provider: string, apiKeyId: string, name: string, toKey: boolean): Phrase =>
    phrase(words.syncAttributed, { provider, apiKeyId, named: name ? 'yes' : 'no', name, target: toKey ? 'key' : 'none' }),
  syncMatchedAgain: (provider: string, apiKeyId: string): Phrase => phrase(words.syncMatchedAgain, { provider, apiKeyId }),
  /** A run that asked for nothing has no days: they read "null", as they always have. */
  synced: (
    provider: string,
    result: {
      from: string | null;
      to: string | null;
      added: number;
      updated: number;
      removed: number;
      skippedDays: readonly string[];
    },
  ): Phrase =>
    phrase(words.synced, {
      provider,
      from: String(result.from),
      to: String(result.to),
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      skipped: result.skippedDays.length,
    }),
};
