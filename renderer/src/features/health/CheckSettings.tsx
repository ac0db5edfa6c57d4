import { useId } from 'react';
import { FormattedMessage } from 'react-intl';
import type { Settings } from '../../../../contract/settings.ts';

/** "Check weekly": off until the user turns it on; then the app asks each provider about its keys once a week. */
export function CheckSettings({ settings, save }: { settings: Settings; save: (changes: Partial<Settings>) => Promise<void> }) {
  const headingId = useId();
  const hintId = useId();
  return (
    <section className="settings-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <FormattedMessage id="health.settingsHeading" defaultMessage="Live key checks" />
      </h2>
      <label className="checkbox">
        <input
          type="checkbox"
          aria-describedby={hintId}
          checked={settings.checkWeekly}
          onChange={(e) => void save({ checkWeekly: e.target.checked })}
        />
        <FormattedMessage id="health.settingsWeekly" defaultMessage="Check each key with its provider weekly" />
      </label>
      <p id={hintId} className="field-hint">
        <FormattedMessage
          id="health.settingsWeeklyHint"
          defaultMessage="While Keyward is unlocked, keys last checked a week ago are sent to their own provider’s API (https, in the documented header) to learn whether they still work. Off: nothing is sent unless you press Check."
        />
      </p>
    </section>
  );
}
