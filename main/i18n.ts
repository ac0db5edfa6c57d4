import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { Settings } from '../contract/settings.ts';
import { intlOptions, type Messages } from '../i18n/intl.ts';
import korean from '../i18n/ko/main.json' with { type: 'json' };
import { formattingTag, resolveLocale, type LanguageChoice, type Locale } from '../i18n/language.ts';
import type { EventBus } from './events.ts';

/**
 * The language main speaks in: the tray menu, OS notifications and dialogs. Electron-free: the
 * OS's preferred languages come in from main/index.ts, the vault's `language` setting from its
 * events. One intl is in force at a time; `mainIntl()` is the one way to get it, so a message is
 * always formatted in the language of the moment it is shown. The CLI never switches it (and
 * stays English: its messages are not in the catalog at all).
 */
export type MainIntl = IntlShape<string>;

const catalogs: Record<Locale, Messages> = { en: {}, ko: korean };
const cache = createIntlCache();

/**
 * An intl for one locale, with main's messages (i18n/ko/main.json) and the shared options; `tag`
 * is what dates and numbers follow (formattingTag: en-GB writes 5 Dec 2026), as in the window.
 */
export function createMainIntl(locale: Locale, tag: string = locale): MainIntl {
  return createIntl<string>(intlOptions<string>(locale, catalogs[locale], reportIntlError, tag), cache);
}

function reportIntlError(error: Error): void {
  // A message that fails to format falls back to its English; the log says which, never a value.
  console.error(`[keyward] i18n: ${error.message.split('\n')[0]}`);
}

let current: MainIntl = createMainIntl('en');
/** What `current` was made for: its language and the tag its dates and numbers follow. */
let made = { locale: 'en' as Locale, tag: 'en' };
const listeners = new Set<(intl: MainIntl) => void>();

/** The intl in force: format every message main shows through it, at the moment it is shown. */
export function mainIntl(): MainIntl {
  return current;
}

/** Switches the language; listeners (the tray) hear of it at once. Nothing happens when it is the same. */
export function setMainLocale(locale: Locale, tag: string = locale): void {
  if (locale === made.locale && tag === made.tag) return;
  current = createMainIntl(locale, tag);
  made = { locale, tag };
  for (const listener of listeners) listener(current);
}

/** Called after every switch of language; returns the unsubscribe. */
export function onMainLocaleChange(listener: (intl: MainIntl) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface LanguageSources {
  events: EventBus;
  /** The vault's settings; only read while it is unlocked. */
  settings: { get(): Pick<Settings, 'language'> };
  vault: { isUnlocked(): boolean };
  /** The OS's preferred languages, best first (app.getPreferredSystemLanguages()). */
  preferred: () => readonly string[];
  /** Told the user's choice each time it is read from the vault (for what must know it before the next unlock). */
  onChoice?: (choice: LanguageChoice) => void;
}

/**
 * Keeps main's language in step with the user's: the OS's languages until the vault is first
 * unlocked (the vault's settings cannot be read before), then the `language` setting, read at each
 * unlock and whenever it changes. After a lock the last choice stays, as the window keeps it.
 * Returns the unsubscribe.
 */
export function followLanguage(sources: LanguageSources): () => void {
  let choice: LanguageChoice = 'system';
  const apply = () => {
    if (sources.vault.isUnlocked()) sources.onChoice?.(choice);
    const preferred = sources.preferred();
    const locale = resolveLocale(choice, preferred);
    setMainLocale(locale, formattingTag(locale, preferred));
  };
  if (sources.vault.isUnlocked()) choice = sources.settings.get().language;
  apply();
  return sources.events.subscribe((name, payload) => {
    if (name === 'unlocked') {
      choice = sources.settings.get().language;
      apply();
    } else if (name === 'settingsChanged') {
      choice = (payload as Settings).language;
      apply();
    }
  });
}
