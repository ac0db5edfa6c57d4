import type { Messages } from '../../../i18n/intl.ts';
import type { Locale } from '../../../i18n/language.ts';

// Korean is fetched only when it is the language in force; English is each message's defaultMessage.
// The tray's, notifications' and dialogs' messages (main.json) are main's, not the window's.
const korean = import.meta.glob<Messages>(['../../../i18n/ko/*.json', '!../../../i18n/ko/main.json'], {
  import: 'default',
});

export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'en') return {};
  const parts = await Promise.all(Object.values(korean).map((load) => load()));
  return Object.assign({}, ...parts) as Messages;
}
