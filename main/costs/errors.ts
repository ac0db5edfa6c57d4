import { defineMessages } from '@formatjs/intl';

/**
 * The Costs section's errors as phrases (i18n/phrase.ts): the CLI prints the English, the window
 * says them in the reader's language. One place, as several services raise the same ones.
 */
export const costErrors = defineMessages({
  noKey: { id: 'costs.error.noKey', defaultMessage: 'No key with that id.' },
  noKeyToLink: { id: 'costs.error.noKeyToLink', defaultMessage: 'No key with that id to link the import to.' },
  noBudget: { id: 'costs.error.noBudget', defaultMessage: 'No budget with that id.' },
  noRecord: { id: 'costs.error.noRecord', defaultMessage: 'No usage record with that id.' },
  noImport: { id: 'costs.error.noImport', defaultMessage: 'No import with that id.' },
  noPreset: {
    id: 'costs.error.noPreset',
    defaultMessage: 'No import preset has that name; the Import dialog lists the saved ones.',
  },
  previewExpired: {
    id: 'costs.error.previewExpired',
    defaultMessage: 'That preview has expired or was already used; preview the file again.',
  },
  pathForbidden: {
    id: 'costs.error.pathForbidden',
    defaultMessage: 'Only the command line and the Import dialog import by path.',
  },
  notRegularFile: { id: 'costs.error.notRegularFile', defaultMessage: '{name} is not a regular file.' },
  unreadableFile: { id: 'costs.error.unreadableFile', defaultMessage: '{name} was not found or cannot be read.' },
  notBase64: { id: 'costs.error.notBase64', defaultMessage: 'Not base64.' },
  importStopped: {
    id: 'costs.error.importStopped',
    defaultMessage: 'The import was stopped because the vault was locked; nothing was saved.',
  },
  workerStopped: {
    id: 'costs.error.workerStopped',
    defaultMessage: 'The import worker stopped unexpectedly; nothing was saved.',
  },
  importFailedInside: {
    id: 'costs.error.importFailedInside',
    defaultMessage: 'The import failed inside Keyward; nothing was saved.',
  },
  priceNeedsProvider: {
    id: 'costs.error.priceNeedsProvider',
    defaultMessage: '{model} is not in the price table: name its provider too.',
  },
  priceNeedsRates: {
    id: 'costs.error.priceNeedsRates',
    defaultMessage: '{model} is not in the price table: give both its input and output prices.',
  },
  noOwnPrice: { id: 'costs.error.noOwnPrice', defaultMessage: '{model} has no price of your own to reset.' },
});
