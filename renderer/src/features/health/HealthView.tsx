import { useEffect, useId, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { CheckRun, CheckVerdict, HealthItem } from '../../../../contract/health.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { phraseText } from '../../../../i18n/phrase-text.ts';
import { errorText } from '../../lib/error-text.ts';
import { Icon } from '../../components/Icon.tsx';
import { environmentShort } from '../keys/format.ts';
import { useHealth } from '../../stores/health.ts';
import { useUi } from '../../stores/ui.ts';

/** How many keys got each verdict in a Check all: "1 valid", "2 without credit". */
const runWords = defineMessages<CheckVerdict>({
  valid: { id: 'health.runValid', defaultMessage: '{count, number} valid' },
  invalid: { id: 'health.runInvalid', defaultMessage: '{count, number} invalid' },
  'no-credit': { id: 'health.runNoCredit', defaultMessage: '{count, number} without credit' },
  'not-enabled': { id: 'health.runNotEnabled', defaultMessage: '{count, number} with the API not enabled' },
  unreachable: { id: 'health.runUnreachable', defaultMessage: '{count, number} without a clear answer' },
});

/**
 * Key health: every item the vault alone finds (offline), and "Check all", which asks each
 * key's provider whether it is still valid. Nothing is sent until that button is pressed.
 */
export function HealthView() {
  const items = useHealth((s) => s.items);
  const load = useHealth((s) => s.load);
  const check = useHealth((s) => s.check);
  const busy = useHealth((s) => s.checking.length > 0);
  const [summary, setSummary] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const intl = useIntl();

  useEffect(() => {
    void load();
  }, [load]);

  async function checkAll() {
    try {
      setError(null);
      setSummary(null);
      setSummary(describeRun(await check(), intl));
    } catch (caught) {
      setError(
        errorText(caught, intl.formatMessage({ id: 'health.checkAllFailed', defaultMessage: 'Could not check the keys.' }), intl),
      );
    }
  }

  return (
    <div className="health">
      <h1 id={headingId}>
        <FormattedMessage id="health.title" defaultMessage="Health" />
      </h1>
      <section className="settings-group health-check-all">
        <p className="field-hint">
          <FormattedMessage
            id="health.checkAllHint"
            defaultMessage="Check all sends each key to its own provider’s API, over https, in the header the provider documents, and nothing anywhere else. Keys of custom providers and providers without a free read-only endpoint are left out."
          />
        </p>
        <button type="button" className="primary" disabled={busy} onClick={() => void checkAll()}>
          {busy ? (
            <FormattedMessage id="health.checking" defaultMessage="Checking…" />
          ) : (
            <FormattedMessage id="health.checkAll" defaultMessage="Check all" />
          )}
        </button>
        <p role="status" className="muted">
          {summary ?? ''}
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </section>
      {items.length === 0 ? (
        <p className="muted">
          <FormattedMessage id="health.noProblems" defaultMessage="No health problems found." />
        </p>
      ) : (
        <ul className="health-list" aria-labelledby={headingId}>
          {items.map((item) => (
            <HealthRow key={`${item.keyId}/${item.reason}`} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Checked 2: 1 valid, 1 invalid. 1 could not be checked." */
function describeRun(run: CheckRun, intl: IntlShape): string {
  const counts = new Map<CheckVerdict, number>();
  for (const result of run.results) counts.set(result.verdict, (counts.get(result.verdict) ?? 0) + 1);
  const verdicts = [...counts].map(([verdict, count]) => intl.formatMessage(runWords[verdict], { count })).join(', ');
  const sentences = [
    run.results.length === 0
      ? intl.formatMessage({ id: 'health.runNone', defaultMessage: 'No keys could be checked.' })
      : intl.formatMessage(
          { id: 'health.runChecked', defaultMessage: 'Checked {count, number}: {verdicts}.' },
          { count: run.results.length, verdicts },
        ),
  ];
  if (run.skipped.length > 0) {
    sentences.push(
      intl.formatMessage(
        { id: 'health.runSkipped', defaultMessage: '{count, number} could not be checked.' },
        { count: run.skipped.length },
      ),
    );
  }
  return sentences.join(' ');
}

/** One health item: the key, what is wrong, why it matters, and the action that fixes it. */
export function HealthRow({ item }: { item: HealthItem }) {
  const open = useUi((s) => s.open);
  const showSection = useUi((s) => s.showSection);
  const provider = providerLook(item.provider).name;
  const labelId = useId();
  const intl = useIntl();
  const rotate = item.reason === 'invalid' || item.reason === 'rotation';
  const title = phraseText(item.title, intl);
  return (
    <li className="attention-item health-item" aria-labelledby={labelId}>
      <span className={`chip health-${item.reason}`}>{title}</span>
      <div className="attention-main">
        <span id={labelId} className="attention-label">
          {item.label}
        </span>
        <span className="muted small">
          {[provider, environmentShort(intl, item.environment), phraseText(item.advice, intl)].join(' · ')}
        </span>
      </div>
      <div className="attention-actions">
        {/* Named apart from the card's own Rotate and Edit buttons, so each name finds one button. */}
        <button
          type="button"
          className="secondary small"
          aria-label={intl.formatMessage(
            { id: 'health.fixLabel', defaultMessage: 'Fix {label}: {problem}' },
            { label: item.label, problem: title },
          )}
          onClick={() => {
            // The key dialogs live with the cards.
            showSection('keys');
            open({ kind: rotate ? 'rotate' : 'edit', id: item.keyId });
          }}
        >
          <Icon name={rotate ? 'rotate' : 'edit'} />
          {rotate ? (
            <FormattedMessage id="health.rotate" defaultMessage="Rotate" />
          ) : (
            <FormattedMessage id="health.edit" defaultMessage="Edit" />
          )}
        </button>
      </div>
    </li>
  );
}
