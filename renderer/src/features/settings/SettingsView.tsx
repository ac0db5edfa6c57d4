import { useEffect, useId, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { languageChoices, languageNames, type LanguageChoice } from '../../../../i18n/language.ts';
import {
  autoLockChoices,
  clipboardClearChoices,
  themes,
  type AutoLockMinutes,
  type ClipboardClearSeconds,
  type Settings,
  type Theme,
} from '../../../../contract/settings.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorText } from '../../lib/error-text.ts';
import { shortcutLabel } from '../../lib/keyboard.ts';
import { useSettings } from '../../stores/settings.ts';
import { LockTriggers, ReminderSettings, TraySettings } from './LifecycleSettings.tsx';
import { CheckSettings } from '../health/CheckSettings.tsx';
import { BackupsSettings } from './BackupsSettings.tsx';
import { ChangePasswordSettings } from './ChangePasswordSettings.tsx';

const never = { id: 'settings.never', defaultMessage: 'Never' };
const afterSeconds = (seconds: number, intl: IntlShape) =>
  intl.formatMessage(
    { id: 'settings.afterSeconds', defaultMessage: '{seconds, plural, one {After # second} other {After # seconds}}' },
    { seconds },
  );
const afterMinutes = (minutes: number, intl: IntlShape) =>
  intl.formatMessage(
    { id: 'settings.afterMinutes', defaultMessage: '{minutes, plural, one {After # minute} other {After # minutes}}' },
    { minutes },
  );
const afterHours = (hours: number, intl: IntlShape) =>
  intl.formatMessage(
    { id: 'settings.afterHours', defaultMessage: '{hours, plural, one {After # hour} other {After # hours}}' },
    { hours },
  );

const clearLabel = (seconds: ClipboardClearSeconds, intl: IntlShape) =>
  seconds === null ? intl.formatMessage(never) : seconds < 60 ? afterSeconds(seconds, intl) : afterMinutes(seconds / 60, intl);
const lockLabel = (minutes: AutoLockMinutes, intl: IntlShape) =>
  minutes === null ? intl.formatMessage(never) : minutes < 60 ? afterMinutes(minutes, intl) : afterHours(minutes / 60, intl);
const themeLabels = defineMessages({
  system: { id: 'settings.theme.system', defaultMessage: 'Follow the system' },
  light: { id: 'settings.theme.light', defaultMessage: 'Light' },
  dark: { id: 'settings.theme.dark', defaultMessage: 'Dark' },
} satisfies Record<Theme, unknown>);
/** A language is named in itself (English, 한국어), so a person who cannot read the current one still finds theirs. */
const languageLabel = (choice: LanguageChoice, intl: IntlShape) =>
  choice === 'system'
    ? intl.formatMessage({ id: 'settings.language.system', defaultMessage: 'Follow the system' })
    : languageNames[choice];

// A <select> value is a string; "never" travels as this word and back.
const NEVER = 'never';

export function SettingsView() {
  const intl = useIntl();
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  // "Saved." is worded when shown: choosing a language changes it between the choice and the answer.
  const [message, setMessage] = useState<{ error: false } | { error: true; text: string } | null>(null);
  const clearId = useId();
  const lockId = useId();
  const languageId = useId();
  // Bumped when backups are deleted elsewhere on this screen, so the list reads the directory again.
  const [backupsGeneration, setBackupsGeneration] = useState(0);

  // "Saved." goes away on its own; an error stays until the next change.
  useEffect(() => {
    if (!message || message.error) return;
    const timer = setTimeout(() => setMessage(null), 2500);
    return () => clearTimeout(timer);
  }, [message]);

  async function save(changes: Partial<Settings>) {
    try {
      await update(changes);
      setMessage({ error: false });
    } catch (error) {
      setMessage({
        text: errorText(
          error,
          intl.formatMessage({ id: 'settings.saveFailed', defaultMessage: 'Could not save the setting.' }),
          intl,
        ),
        error: true,
      });
    }
  }

  return (
    <div className="settings">
      <h1>
        <FormattedMessage id="settings.title" defaultMessage="Settings" />
      </h1>
      <section className="settings-group" aria-labelledby={`${clearId}-heading`}>
        <h2 id={`${clearId}-heading`}>
          <FormattedMessage id="settings.clipboard.title" defaultMessage="Clipboard" />
        </h2>
        <div className="field">
          <label htmlFor={clearId}>
            <FormattedMessage id="settings.clipboard.clear" defaultMessage="Clear a copied key" />
          </label>
          <select
            id={clearId}
            aria-describedby={`${clearId}-hint`}
            value={settings.clipboardClearSeconds ?? NEVER}
            onChange={(e) =>
              void save({
                clipboardClearSeconds: e.target.value === NEVER ? null : (Number(e.target.value) as ClipboardClearSeconds),
              })
            }
          >
            {clipboardClearChoices.map((choice) => (
              <option key={String(choice)} value={choice ?? NEVER}>
                {clearLabel(choice, intl)}
              </option>
            ))}
          </select>
          <p id={`${clearId}-hint`} className="field-hint">
            <FormattedMessage
              id="settings.clipboard.hint"
              defaultMessage="Only if the clipboard still holds the key: anything you copied since is left alone. Locking and quitting clear it too."
            />
          </p>
        </div>
      </section>
      <section className="settings-group" aria-labelledby={`${lockId}-heading`}>
        <h2 id={`${lockId}-heading`}>
          <FormattedMessage id="settings.lock.title" defaultMessage="Locking" />
        </h2>
        <div className="field">
          <label htmlFor={lockId}>
            <FormattedMessage id="settings.lock.idle" defaultMessage="Lock when idle" />
          </label>
          <select
            id={lockId}
            aria-describedby={`${lockId}-hint`}
            value={settings.autoLockMinutes ?? NEVER}
            onChange={(e) =>
              void save({ autoLockMinutes: e.target.value === NEVER ? null : (Number(e.target.value) as AutoLockMinutes) })
            }
          >
            {autoLockChoices.map((choice) => (
              <option key={String(choice)} value={choice ?? NEVER}>
                {lockLabel(choice, intl)}
              </option>
            ))}
          </select>
          <p id={`${lockId}-hint`} className="field-hint">
            <FormattedMessage
              id="settings.lock.idleHint"
              defaultMessage="Idle means no keyboard or mouse input anywhere on the computer; time asleep counts too. Lock by hand with the button or <kbd>{shortcut}</kbd>."
              values={{ shortcut: shortcutLabel('L'), kbd: (chunks) => <kbd>{chunks}</kbd> }}
            />
          </p>
        </div>
        <LockTriggers settings={settings} save={save} />
      </section>
      <ReminderSettings settings={settings} save={save} />
      <CheckSettings settings={settings} save={save} />
      <TraySettings settings={settings} save={save} />
      <section className="settings-group" aria-labelledby="theme-heading">
        <h2 id="theme-heading">
          <FormattedMessage id="settings.appearance.title" defaultMessage="Appearance" />
        </h2>
        <fieldset className="radio-group">
          <legend>
            <FormattedMessage id="settings.theme.title" defaultMessage="Theme" />
          </legend>
          {themes.map((theme) => (
            <label key={theme} className="radio">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => void save({ theme })}
              />
              {intl.formatMessage(themeLabels[theme])}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={languageId}>
            <FormattedMessage id="settings.language.title" defaultMessage="Language" />
          </label>
          <select
            id={languageId}
            value={settings.language}
            onChange={(e) => {
              const choice = languageChoices.find((known) => known === e.target.value);
              if (choice) void save({ language: choice });
            }}
          >
            {languageChoices.map((choice) => (
              <option key={choice} value={choice} lang={choice === 'system' ? undefined : choice}>
                {languageLabel(choice, intl)}
              </option>
            ))}
          </select>
        </div>
      </section>
      <ChangePasswordSettings onBackupsChanged={() => setBackupsGeneration((n) => n + 1)} />
      <BackupsSettings key={backupsGeneration} />
      {/* A toast, not a line at the end of the page: the control that changed may be far above it. */}
      <div className="toast-region" role="status" aria-live="polite">
        {message && (
          <div className={message.error ? 'toast toast-error' : 'toast'}>
            <Icon name={message.error ? 'warning' : 'check'} />
            <span>{message.error ? message.text : intl.formatMessage({ id: 'settings.saved', defaultMessage: 'Saved.' })}</span>
          </div>
        )}
      </div>
    </div>
  );
}
