import { useId } from 'react';
import { environmentLabels, environments, type Environment } from '../../../../contract/keys.ts';
import type { Settings } from '../../../../contract/settings.ts';

type Save = (changes: Partial<Settings>) => Promise<void>;

/** Lead times offered as checkboxes; values set elsewhere (the CLI, a newer build) are kept and shown too. */
const leadChoices = [30, 14, 7, 3, 1, 0];
const leadLabel = (days: number) => (days === 0 ? 'On the day' : days === 1 ? '1 day before' : `${days} days before`);
const policyChoices = [null, 30, 60, 90, 180, 365] as const;
const OFF = 'off';

/** Reminder lead times and the default rotation interval per environment. */
export function ReminderSettings({ settings, save }: { settings: Settings; save: Save }) {
  const headingId = useId();
  const leads = settings.reminderLeadDays;
  const shown = [...new Set([...leadChoices, ...leads])].sort((a, b) => b - a);
  const toggle = (days: number, on: boolean) =>
    void save({ reminderLeadDays: on ? [...leads, days] : leads.filter((lead) => lead !== days) });
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>Reminders</h2>
      <fieldset className="check-group">
        <legend>Remind me of an expiry or a rotation</legend>
        {shown.map((days) => (
          <label key={days} className="checkbox">
            <input type="checkbox" checked={leads.includes(days)} onChange={(e) => toggle(days, e.target.checked)} />
            {leadLabel(days)}
          </label>
        ))}
        <p className="field-hint">
          Each one notifies once per key, and once more when the date has passed. Needs attention lists keys from the earliest one
          on.
        </p>
      </fieldset>
      <fieldset className="policy-grid">
        <legend>Rotate keys without their own interval</legend>
        {environments.map((env) => (
          <PolicyField
            key={env}
            env={env}
            value={settings.rotationPolicy[env]}
            onChange={(days) => void save({ rotationPolicy: { ...settings.rotationPolicy, [env]: days } })}
          />
        ))}
        <p className="field-hint">
          Counted from the last rotation, or from when the key was added. A key’s own “rotate every” wins.
        </p>
      </fieldset>
    </section>
  );
}

function PolicyField({
  env,
  value,
  onChange,
}: {
  env: Environment;
  value: number | null;
  onChange: (days: number | null) => void;
}) {
  const id = useId();
  const choices =
    value === null || (policyChoices as readonly (number | null)[]).includes(value) ? policyChoices : [...policyChoices, value];
  return (
    <div className="field">
      <label htmlFor={id}>{environmentLabels[env]}</label>
      <select id={id} value={value ?? OFF} onChange={(e) => onChange(e.target.value === OFF ? null : Number(e.target.value))}>
        {choices.map((days) => (
          <option key={String(days)} value={days ?? OFF}>
            {days === null ? 'Never' : `Every ${days} days`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The lock triggers besides idle time, shown inside the Locking group. */
export function LockTriggers({ settings, save }: { settings: Settings; save: Save }) {
  return (
    <fieldset className="check-group">
      <legend>Also lock</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.lockOnSuspend}
          onChange={(e) => void save({ lockOnSuspend: e.target.checked })}
        />
        When the computer goes to sleep
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.lockOnScreenLock}
          onChange={(e) => void save({ lockOnScreenLock: e.target.checked })}
        />
        When the screen locks
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.lockWhenHidden}
          onChange={(e) => void save({ lockWhenHidden: e.target.checked })}
        />
        When the window is closed to the tray
      </label>
      <p className="field-hint">
        Quitting Keyward always locks it. On Linux, screen locks are noticed where the desktop reports them.
      </p>
    </fieldset>
  );
}

/** Closing to the tray. */
export function TraySettings({ settings, save }: { settings: Settings; save: Save }) {
  const headingId = useId();
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>Tray</h2>
      <label className="checkbox">
        <input type="checkbox" checked={settings.closeToTray} onChange={(e) => void save({ closeToTray: e.target.checked })} />
        Keep Keyward in the tray when the window is closed
      </label>
      <p className="field-hint">The tray menu copies favourites and recent keys, shows what needs attention, and locks.</p>
    </section>
  );
}
