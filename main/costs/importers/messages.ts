import { defineMessages } from '@formatjs/intl';

/*
 * What an import says about an export, as phrases (i18n/phrase.ts): a row's problem (with its
 * line), a problem with the file as a whole, and the preview's warnings. The CLI prints the
 * English (as it always has); the Import dialog says them in the reader's language. A row's
 * problem names its column and what is wrong, never the value.
 */

/** One row's problem (RowError) or a record the CSV reader could not read. */
export const rowProblems = defineMessages({
  empty: { id: 'costs.importRow.empty', defaultMessage: '{column} is empty.' },
  notDate: {
    id: 'costs.importRow.notDate',
    defaultMessage: '{column} is not a date (expected YYYY-MM-DD or an ISO timestamp).',
  },
  implausibleDate: { id: 'costs.importRow.implausibleDate', defaultMessage: '{column} is not a plausible date.' },
  negative: { id: 'costs.importRow.negative', defaultMessage: '{column} is negative.' },
  notWhole: { id: 'costs.importRow.notWhole', defaultMessage: '{column} is not a whole number.' },
  tooLarge: { id: 'costs.importRow.tooLarge', defaultMessage: '{column} is too large.' },
  notAmount: { id: 'costs.importRow.notAmount', defaultMessage: '{column} is not an amount.' },
  notUsd: {
    id: 'costs.importRow.notUsd',
    defaultMessage: '{column} is not USD; Keyward totals are in US dollars, so convert this export first.',
  },
  cacheExceedsInput: {
    id: 'costs.importRow.cacheExceedsInput',
    defaultMessage: '{column}: cached and cache-write tokens exceed the input tokens.',
  },
  noModel: {
    id: 'costs.importRow.noModel',
    defaultMessage: 'model is empty: export the activity grouped by model so it can be priced.',
  },
  deepSeekType: {
    id: 'costs.importRow.deepSeekType',
    defaultMessage: 'type is not one of input_cache_hit_tokens, input_cache_miss_tokens, output_tokens, request_count.',
  },
  // The CSV reader's: a record that is not CSV at all.
  unclosedQuote: { id: 'costs.importRow.unclosedQuote', defaultMessage: 'a quoted field is never closed.' },
  undoubledQuote: { id: 'costs.importRow.undoubledQuote', defaultMessage: 'a quote inside a field is not doubled ("").' },
  notCsv: { id: 'costs.importRow.notCsv', defaultMessage: 'this row is not valid CSV.' },
  rowTooLong: { id: 'costs.importRow.rowTooLong', defaultMessage: 'the row is longer than 1 MiB.' },
});

/** The file as a whole cannot be read (FileError): nothing of it is imported. */
export const fileProblems = defineMessages({
  empty: { id: 'costs.importFile.empty', defaultMessage: 'the file is empty.' },
  headerNotFound: {
    id: 'costs.importFile.headerNotFound',
    defaultMessage:
      'the header row of any supported export was not found in the first {rows} rows; choose the format or map the columns.',
  },
  formatHeaderNotFound: {
    id: 'costs.importFile.formatHeaderNotFound',
    defaultMessage:
      'the {format} header ({columns}) was not found in the first {rows} rows; choose the format or map the columns.',
  },
  unexpectedZip: {
    id: 'costs.importFile.unexpectedZip',
    defaultMessage: 'this is a ZIP archive; of the supported exports only DeepSeek’s comes as one.',
  },
  notZip: { id: 'costs.importFile.notZip', defaultMessage: 'a DeepSeek usage export is a ZIP archive; this file is not one.' },
  needsMapping: {
    id: 'costs.importFile.needsMapping',
    defaultMessage: 'a generic CSV needs a column mapping (a saved preset or --map).',
  },
  mappedColumnsMissing: {
    id: 'costs.importFile.mappedColumnsMissing',
    defaultMessage: '{count, plural, one {the mapped column} other {the mapped columns}} {columns} not found in the header.',
  },
  noProvider: {
    id: 'costs.importFile.noProvider',
    defaultMessage: 'the mapping names no provider column and no default provider.',
  },
  noBucketColumn: {
    id: 'costs.importFile.noBucketColumn',
    defaultMessage: 'the header has neither start_time nor start_time_iso.',
  },
  notUsdReport: {
    id: 'costs.importFile.notUsdReport',
    defaultMessage: 'costs are in {currency}; Keyward totals are in US dollars, so export the report in USD.',
  },
  noCostColumn: { id: 'costs.importFile.noCostColumn', defaultMessage: 'no cost column: expected "Subtotal ($)" or "Cost ($)".' },
  noDateColumn: { id: 'costs.importFile.noDateColumn', defaultMessage: 'no Date column: download the report grouped by day.' },
  zipUnreadable: { id: 'costs.importFile.zipUnreadable', defaultMessage: 'the ZIP archive cannot be read.' },
  zipDamaged: { id: 'costs.importFile.zipDamaged', defaultMessage: 'the ZIP archive is damaged and cannot be read.' },
  zipTooManyFiles: { id: 'costs.importFile.zipTooManyFiles', defaultMessage: 'the ZIP archive holds more than {count} files.' },
  zipTooLarge: { id: 'costs.importFile.zipTooLarge', defaultMessage: 'the ZIP archive unpacks to more than 2 GiB.' },
  zipNotDeepSeek: {
    id: 'costs.importFile.zipNotDeepSeek',
    defaultMessage: 'the ZIP archive has no amount-*.csv or cost-*.csv: is it a DeepSeek usage export?',
  },
  entryHeaderLacks: { id: 'costs.importFile.entryHeaderLacks', defaultMessage: '{entry}: the header lacks {columns}.' },
});

/** What the preview points out before a commit. */
export const importWarnings = defineMessages({
  unpriced: {
    id: 'costs.importWarning.unpriced',
    defaultMessage:
      '{count, plural, one {{count, number, ::group-off} row uses} other {{count, number, ::group-off} rows use}} a model with no price ({models}): kept as unpriced until you set a price.',
  },
  unmodelled: {
    id: 'costs.importWarning.unmodelled',
    defaultMessage:
      '{count, plural, one {{count, number, ::group-off} row names} other {{count, number, ::group-off} rows name}} no model and cannot be priced.',
  },
  sibling: {
    id: 'costs.importWarning.sibling',
    defaultMessage:
      'The vault already has {sibling} records for these days: both exports describe the same {provider} spend, so importing this one too counts it twice.',
  },
  syncedDays: {
    id: 'costs.importWarning.syncedDays',
    defaultMessage:
      "{count, plural, one {{count, number, ::group-off} day} other {{count, number, ::group-off} days}} of {providers} usage synced from the provider's API ({span}) will be replaced by this import: one source per provider and day, and an import wins.",
  },
});
