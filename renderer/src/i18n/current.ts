import type { ReactNode } from 'react';
import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import { intlOptions } from '../../../i18n/intl.ts';

const cache = createIntlCache();

/** Until the provider has chosen a language: English, which needs no catalog. */
let current: IntlShape = createIntl(intlOptions<ReactNode>('en', {}, reportIntlError), cache);

export function reportIntlError(error: Error): void {
  console.error(error);
}

/** The provider's intl, for code outside React components (stores, toasts raised by a store). */
export function getIntl(): IntlShape {
  return current;
}

export function setIntl(intl: IntlShape): void {
  current = intl;
}

export { cache as intlCache };
