import { useEffect, useId, useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
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
import { shortcutLabel } from '../../lib/keyboard.ts';
import { useSettings } from '../../stores/settings.ts';
import { LockTriggers, ReminderSettings, TraySettings } from './LifecycleSettings.tsx';
import { CheckSettings } from '../health/CheckSettings.tsx';
import { BackupsSettings } from './BackupsSettings.tsx';
import { ChangePasswordSettings } from './ChangePasswordSettings.tsx';

const clearLabels = (seconds: ClipboardClearSeconds) =>
  seconds === null
    ? 'Never'
    : seconds < 60
      ? `After ${seconds} seconds`
      : `After ${seconds / 60} ${seconds === 60 ? 'minute' : 'minutes'}`;
const lockLabels = (minutes: AutoLockMinutes) =>
  minutes === null
    ? 'Never'
    : minutes < 60
      ? `After ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`
      : `After ${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}`;
const themeLabels: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

// A <select> value is a string; "never" travels as this word and back.
const NEVER = 'never';

export function SettingsView() {
  const settings = useSettings((s) => s.settings);
  const update = useSettings((s) => s.update);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const clearId = useId();
  const lockId = useId();
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
      setMessage({ text: 'Saved.', error: false });
    } catch (error) {
      setMessage({ text: isKeywardError(error) ? error.message : 'Could not save the setting.', error: true });
    }
  }

  return (
    <div className="settings">
      <h1>Settings</h1>
      <section className="settings-group" aria-labelledby={`${clearId}-heading`}>
        <h2 id={`${clearId}-heading`}>Clipboard</h2>
        <div className="field">
          <label htmlFor={clearId}>Clear a copied key</label>
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
                {clearLabels(choice)}
              </option>
            ))}
          </select>
          <p id={`${clearId}-hint`} className="field-hint">
            Only if the clipboard still holds the key: anything you copied since is left alone. Locking and quitting clear it too.
          </p>
        </div>
      </section>
      <section className="settings-group" aria-labelledby={`${lockId}-heading`}>
        <h2 id={`${lockId}-heading`}>Locking</h2>
        <div className="field">
          <label htmlFor={lockId}>Lock when idle</label>
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
                {lockLabels(choice)}
              </option>
            ))}
          </select>
          <p id={`${lockId}-hint`} className="field-hint">
            Idle means no keyboard or mouse input anywhere on the computer; time asleep counts too. Lock by hand with the button
            or <kbd>{shortcutLabel('L')}</kbd>.
          </p>
        </div>
        <LockTriggers settings={settings} save={save} />
      </section>
      <ReminderSettings settings={settings} save={save} />
      <CheckSettings settings={settings} save={save} />
      <TraySettings settings={settings} save={save} />
      <section className="settings-group" aria-labelledby="theme-heading">
        <h2 id="theme-heading">Appearance</h2>
        <fieldset className="radio-group">
          <legend>Theme</legend>
          {themes.map((theme) => (
            <label key={theme} className="radio">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => void save({ theme })}
              />
              {themeLabels[theme]}
            </label>
          ))}
        </fieldset>
      </section>
      <ChangePasswordSettings onBackupsChanged={() => setBackupsGeneration((n) => n + 1)} />
      <BackupsSettings key={backupsGeneration} />
      {/* A toast, not a line at the end of the page: the control that changed may be far above it. */}
      <div className="toast-region" role="status" aria-live="polite">
        {message && (
          <div className={message.error ? 'toast toast-error' : 'toast'}>
            <Icon name={message.error ? 'warning' : 'check'} />
            <span>{message.text}</span>
          </div>
        )}
      </div>
    </div>
  );
}
