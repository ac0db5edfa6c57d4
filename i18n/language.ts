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
