/**
 * The languages Keyward speaks, and which one a person gets: their choice in Settings, or else the
 * first of the OS's preferred languages that Keyward has (English when none is).
 */
export const locales = ['en', 'ko'] as const;
export type Locale = (typeof locales)[number];

/** The Settings choice: a language, or "system" to follow the OS. */
export const languageChoices = ['system', ...locales] as const;
export type LanguageChoice = (typeof languageChoices)[number];

/** Each language's name in itself, as a language picker shows it. */
export const languageNames: Record<Locale, string> = { en: 'English', ko: '한국어' };

/**
 * Whether an intl speaks English: its locale is a formatting tag (en-US, en-GB), so its language
 * decides. Where main's English text is already what the reader gets, English readers see it as is.
 */
export function speaksEnglish(intl: { locale: string }): boolean {
  return new Intl.Locale(intl.locale).language === 'en';
}

/** `preferred` is the OS's list, best first (navigator.languages, app.getPreferredSystemLanguages()). */
export function resolveLocale(choice: LanguageChoice, preferred: readonly string[]): Locale {
  if (choice !== 'system') return choice;
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    const match = locales.find((locale) => locale === language);
    if (match) return match;
  }
  return 'en';
}

/**
 * The tag dates and numbers are formatted with: the OS's own tag when it is in the locale's
 * language (en-GB writes "5 Dec 2026", en-US "Dec 5, 2026"), else the bare locale.
 */
export function formattingTag(locale: Locale, preferred: readonly string[]): string {
  for (const tag of preferred) {
    if (tag.toLowerCase().split(/[-_]/)[0] !== locale) continue;
    try {
      return Intl.getCanonicalLocales(tag)[0] ?? locale;
    } catch {
      continue; // not a well-formed tag: look further
    }
  }
  return locale;
}
