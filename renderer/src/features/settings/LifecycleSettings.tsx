import { useId } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { environments, type Environment } from '../../../../contract/keys.ts';
import type { Settings } from '../../../../contract/settings.ts';

type Save = (changes: Partial<Settings>) => Promise<void>;

/** Lead times offered as checkboxes; values set elsewhere (the CLI, a newer build) are kept and shown too. */
const leadChoices = [30, 14, 7, 3, 1, 0];
const leadLabel = (days: number, intl: IntlShape) =>
  days === 0
    ? intl.formatMessage({ id: 'settings.reminders.onTheDay', defaultMessage: 'On the day' })
    : intl.formatMessage(
        { id: 'settings.reminders.daysBefore', defaultMessage: '{days, plural, one {# day before} other {# days before}}' },
        { days },
      );
const policyChoices = [null, 30, 60, 90, 180, 365] as const;
const OFF = 'off';

/** The environments' names (contract/keys.ts has the English ones, for the CLI). */
const environmentNames = defineMessages({
  dev: { id: 'settings.environment.dev', defaultMessage: 'Development' },
  staging: { id: 'settings.environment.staging', defaultMessage: 'Staging' },
  prod: { id: 'settings.environment.prod', defaultMessage: 'Production' },
  other: { id: 'settings.environment.other', defaultMessage: 'Other' },
} satisfies Record<Environment, unknown>);

/** Reminder lead times and the default rotation interval per environment. */
export function ReminderSettings({ settings, save }: { settings: Settings; save: Save }) {
  const intl = useIntl();
  const headingId = useId();
  const leads = settings.reminderLeadDays;
  const shown = [...new Set([...leadChoices, ...leads])].sort((a, b) => b - a);
  const toggle = (days: number, on: boolean) =>
    void save({ reminderLeadDays: on ? [...leads, days] : leads.filter((lead) => lead !== days) });
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="settings.reminders.title" defaultMessage="Reminders" />
      </h2>
      <fieldset className="check-group">
        <legend>
          <FormattedMessage id="settings.reminders.leads" defaultMessage="Remind me of an expiry or a rotation" />
        </legend>
        {shown.map((days) => (
          <label key={days} className="checkbox">
            <input type="checkbox" checked={leads.includes(days)} onChange={(e) => toggle(days, e.target.checked)} />
            {leadLabel(days, intl)}
          </label>
        ))}
        <p className="field-hint">
          <FormattedMessage
            id="settings.reminders.leadsHint"
            defaultMessage="Each one notifies once per key, and once more when the date has passed. Needs attention lists keys from the earliest one on."
          />
        </p>
      </fieldset>
      <fieldset className="policy-grid">
        <legend>
          <FormattedMessage id="settings.reminders.policy" defaultMessage="Rotate keys without their own interval" />
        </legend>
        {environments.map((env) => (
          <PolicyField
            key={env}
            env={env}
            value={settings.rotationPolicy[env]}
            onChange={(days) => void save({ rotationPolicy: { ...settings.rotationPolicy, [env]: days } })}
          />
        ))}
        <p className="field-hint">
          <FormattedMessage
            id="settings.reminders.policyHint"
            defaultMessage="Counted from the last rotation, or from when the key was added. A key’s own “rotate every” wins."
          />
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
  const intl = useIntl();
  const id = useId();
  const choices =
    value === null || (policyChoices as readonly (number | null)[]).includes(value) ? policyChoices : [...policyChoices, value];
  return (
    <div className="field">
      <label htmlFor={id}>{intl.formatMessage(environmentNames[env])}</label>
      <select id={id} value={value ?? OFF} onChange={(e) => onChange(e.target.value === OFF ? null : Number(e.target.value))}>
        {choices.map((days) => (
          <option key={String(days)} value={days ?? OFF}>
            {days === null
              ? intl.formatMessage({ id: 'settings.never', defaultMessage: 'Never' })
              : intl.formatMessage(
                  { id: 'settings.reminders.every', defaultMessage: '{days, plural, one {Every # day} other {Every # days}}' },
                  { days },
                )}
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
      <legend>
        <FormattedMessage id="settings.lock.also" defaultMessage="Also lock" />
      </legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.lockOnSuspend}
          onChange={(e) => void save({ lockOnSuspend: e.target.checked })}
        />
        <FormattedMessage id="settings.lock.onSuspend" defaultMessage="When the computer goes to sleep" />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.lockOnScreenLock}
          onChange={(e) => void save({ lockOnScreenLock: e.target.checked })}
        />
        <FormattedMessage id="settings.lock.onScreenLock" defaultMessage="When the screen locks" />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings.lockWhenHidden}
          onChange={(e) => void save({ lockWhenHidden: e.target.checked })}
        />
        <FormattedMessage id="settings.lock.whenHidden" defaultMessage="When the window is closed to the tray" />
      </label>
      <p className="field-hint">
        <FormattedMessage
          id="settings.lock.triggersHint"
          defaultMessage="Quitting Keyward always locks it. On Linux, screen locks are noticed where the desktop reports them."
        />
      </p>
    </fieldset>
  );
}

/** Closing to the tray. */
export function TraySettings({ settings, save }: { settings: Settings; save: Save }) {
  const headingId = useId();
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="settings.tray.title" defaultMessage="Tray" />
      </h2>
      <label className="checkbox">
        <input type="checkbox" checked={settings.closeToTray} onChange={(e) => void save({ closeToTray: e.target.checked })} />
        <FormattedMessage id="settings.tray.closeToTray" defaultMessage="Keep Keyward in the tray when the window is closed" />
      </label>
      <p className="field-hint">
        <FormattedMessage
          id="settings.tray.hint"
          defaultMessage="The tray menu copies favourites and recent keys, shows what needs attention, and locks."
        />
      </p>
    </section>
  );
}
