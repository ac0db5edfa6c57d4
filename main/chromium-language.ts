import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locales, type LanguageChoice, type Locale } from '../i18n/language.ts';

/**
 * Chromium words its own controls (a month or date input and its picker, a file input's button)
 * in the language it was started in: `--lang`, else the OS's. The window's language setting lives
 * in the vault, which is locked when the app starts, so the choice is remembered beside Chromium's
 * own profile (main/chromium-profile.ts, outside the vault directory), where the window's Local
 * Storage already remembers it for the unlock screen; main/index.ts passes it as `--lang` at the
 * next start. "Follow the OS" remembers nothing: Chromium follows the OS by itself.
 */
const FILE = 'keyward-language';

/** The language to start Chromium in, or null to let it follow the OS (nothing remembered, or unreadable). */
export function rememberedChromiumLanguage(profileDir: string): Locale | null {
  let text: string;
  try {
    text = readFileSync(join(profileDir, FILE), 'utf8').trim();
  } catch {
    return null;
  }
  return locales.find((locale) => locale === text) ?? null;
}

/** Remembers the user's choice for the next start; writes nothing when it is what is remembered already. */
export function rememberChromiumLanguage(profileDir: string, choice: LanguageChoice): void {
  const path = join(profileDir, FILE);
  if (choice === 'system') {
    rmSync(path, { force: true });
    return;
  }
  if (rememberedChromiumLanguage(profileDir) === choice) return;
  mkdirSync(profileDir, { recursive: true });
  // Written whole and renamed into place: a crash leaves the old choice or the new one, never half.
  writeFileSync(`${path}.tmp`, `${choice}\n`);
  renameSync(`${path}.tmp`, path);
}
