import { z } from 'zod';
import { event, method } from './define.ts';
import { lifecycleDefaultsFor, lifecycleSettingSchemas } from './lifecycle-settings.ts';
import { languageChoices } from '../i18n/language.ts';
import { schemaText } from './schema-words.ts';

/** How long a copied key stays on the clipboard; null means it is never cleared by a timer. */
export const clipboardClearChoices = [10, 20, 30, 60, 120, 300, null] as const;
export type ClipboardClearSeconds = (typeof clipboardClearChoices)[number];

/** Idle minutes before the vault locks itself; null means never (locks on quit, suspend and screen lock still apply). */
export const autoLockChoices = [1, 5, 15, 30, 60, 240, null] as const;
export type AutoLockMinutes = (typeof autoLockChoices)[number];

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

/** How the Keys section lays keys out: a card per provider, or one compact row per key. */
export const keyViews = ['cards', 'list'] as const;
export type KeyView = (typeof keyViews)[number];

const oneOf = <T extends number | null>(choices: readonly T[], message: string) =>
  z.custom<T>((value) => (choices as readonly unknown[]).includes(value), message);

/**
 * Every setting: its schema and its default. The settings service stores each one as JSON in the
 * vault's `settings` table and reads it back through the same schema, so a value written by a
 * newer or damaged build falls back to the default instead of reaching the app.
 */
export const settingSchemas = {
  clipboardClearSeconds: oneOf(clipboardClearChoices, schemaText.clipboardChoice),
  autoLockMinutes: oneOf(autoLockChoices, schemaText.autoLockChoice),
  theme: z.enum(themes, schemaText.themeChoice),
  /** The app's language; "system" follows the OS's preferred languages (see i18n/language.ts). */
  language: z.enum(languageChoices, schemaText.languageChoice),
  keyView: z.enum(keyViews, schemaText.keyViewChoice),
  /** The Keys section's "Needs attention" panel folded to its heading. */
  attentionCollapsed: z.boolean(schemaText.trueOrFalse),
  ...lifecycleSettingSchemas,
  /** The app checks each key with its provider once a week (see contract/health.ts). Off until the user turns it on. */
  checkWeekly: z.boolean(),
  /** The app syncs usage from each connected provider once a day while unlocked (contract/usage-sync.ts). Off until turned on. */
  usageSyncDaily: z.boolean(),
};

export type Settings = { [K in keyof typeof settingSchemas]: z.output<(typeof settingSchemas)[K]> };
export type SettingName = keyof Settings;

export const defaultSettings: Readonly<Settings> = {
  clipboardClearSeconds: 30,
  autoLockMinutes: 15,
  theme: 'system',
  language: 'system',
  keyView: 'cards',
  attentionCollapsed: false,
  ...lifecycleDefaultsFor('linux'),
  checkWeekly: false,
  usageSyncDaily: false,
};

/** The defaults on one OS: where they differ (closing to the tray), the platform's convention wins. */
export function defaultSettingsFor(platform: string): Settings {
  return { ...defaultSettings, ...lifecycleDefaultsFor(platform) };
}

export const settingsContract = {
  get: method(z.undefined()).returns<Settings>(),
  /** Changes the given settings, keeps the others; returns all of them. */
  update: method(z.object(settingSchemas).partial().strict()).returns<Settings>(),
};

export const settingsEvents = {
  settingsChanged: event<Settings>(),
};
