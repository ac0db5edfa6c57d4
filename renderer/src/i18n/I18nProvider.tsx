import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createIntl, RawIntlProvider } from 'react-intl';
import type { Messages } from '../../../i18n/intl.ts';
import { intlOptions } from '../../../i18n/intl.ts';
import { formattingTag, languageChoices, resolveLocale, type LanguageChoice, type Locale } from '../../../i18n/language.ts';
import { useSession } from '../stores/session.ts';
import { useSettings } from '../stores/settings.ts';
import { loadMessages } from './catalog.ts';
import { intlCache, reportIntlError, setIntl } from './current.ts';

// The language is not a secret, and the locked screens cannot read the vault's settings: the last
// choice is remembered in the page's own storage so the unlock screen speaks it too (as the theme).
const STORAGE_KEY = 'keyward.language';

function remembered(): LanguageChoice {
  const value = localStorage.getItem(STORAGE_KEY);
  return languageChoices.find((choice) => choice === value) ?? 'system';
}

/**
 * The locale in force (the vault's setting once unlocked, the remembered one before), and the
 * tag its dates and numbers are written with (the OS's region when the language is the same).
 */
function useLocale(): { locale: Locale; tag: string } {
  const unlocked = useSession((s) => s.status?.state === 'unlocked');
  const chosen = useSettings((s) => s.settings.language);
  const loaded = useSettings((s) => s.loaded);
  const choice = unlocked && loaded ? chosen : remembered();

  useEffect(() => {
    if (unlocked && loaded) localStorage.setItem(STORAGE_KEY, chosen);
  }, [unlocked, loaded, chosen]);

  const [preferred, setPreferred] = useState(() => navigator.languages);
  useEffect(() => {
    const follow = () => setPreferred(navigator.languages);
    window.addEventListener('languagechange', follow);
    return () => window.removeEventListener('languagechange', follow);
  }, []);
  const locale = resolveLocale(choice, preferred);
  return { locale, tag: formattingTag(locale, preferred) };
}

/**
 * Every message, date, number and amount below it in the chosen language. Until a language's
 * catalog has arrived the previous language stays on screen (English at first), so nothing
 * flashes empty.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const { locale, tag } = useLocale();
  const [loaded, setLoaded] = useState<{ locale: Locale; tag: string; messages: Messages }>({
    locale: 'en',
    tag: 'en',
    messages: {},
  });

  useEffect(() => {
    let current = true;
    void loadMessages(locale).then((messages) => {
      if (current) setLoaded({ locale, tag, messages });
    });
    return () => {
      current = false;
    };
  }, [locale, tag]);

  const intl = useMemo(() => {
    const made = createIntl(intlOptions<ReactNode>(loaded.locale, loaded.messages, reportIntlError, loaded.tag), intlCache);
    // Stores and other code outside components format through the same intl (current.ts).
    setIntl(made);
    return made;
  }, [loaded]);
  useEffect(() => {
    document.documentElement.lang = loaded.locale;
  }, [loaded.locale]);

  return <RawIntlProvider value={intl}>{children}</RawIntlProvider>;
}
