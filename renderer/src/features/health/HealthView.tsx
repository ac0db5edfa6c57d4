import { useEffect, useId, useState } from 'react';
import type { CheckRun, CheckVerdict, HealthItem } from '../../../../contract/health.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { Icon } from '../../components/Icon.tsx';
import { useHealth } from '../../stores/health.ts';
import { useUi } from '../../stores/ui.ts';

const runWords: Record<CheckVerdict, string> = {
  valid: 'valid',
  invalid: 'invalid',
  'no-credit': 'without credit',
  'not-enabled': 'with the API not enabled',
  unreachable: 'without a clear answer',
};

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

  useEffect(() => {
    void load();
  }, [load]);

  async function checkAll() {
    try {
      setError(null);
      setSummary(null);
      setSummary(describeRun(await check()));
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not check the keys.');
    }
  }

  return (
    <div className="health">
      <h1 id={headingId}>Health</h1>
      <section className="settings-group health-check-all">
        <p className="field-hint">
          Check all sends each key to its own provider’s API, over https, in the header the provider documents, and nothing
          anywhere else. Keys of custom providers and providers without a free read-only endpoint are left out.
        </p>
        <button type="button" className="primary" disabled={busy} onClick={() => void checkAll()}>
          {busy ? 'Checking…' : 'Check all'}
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
        <p className="muted">No health problems found.</p>
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

function describeRun(run: CheckRun): string {
  const counts = new Map<CheckVerdict, number>();
  for (const result of run.results) counts.set(result.verdict, (counts.get(result.verdict) ?? 0) + 1);
  const parts = [...counts].map(([verdict, n]) => `${n} ${runWords[verdict]}`);
  const skipped = run.skipped.length > 0 ? ` ${run.skipped.length} could not be checked.` : '';
  return run.results.length === 0
    ? `No keys could be checked.${skipped}`
    : `Checked ${run.results.length}: ${parts.join(', ')}.${skipped}`;
}

/** One health item: the key, what is wrong, why it matters, and the action that fixes it. */
export function HealthRow({ item }: { item: HealthItem }) {
  const open = useUi((s) => s.open);
  const showSection = useUi((s) => s.showSection);
  const provider = providerLook(item.provider).name;
  const labelId = useId();
  const rotate = item.reason === 'invalid' || item.reason === 'rotation';
  return (
    <li className="attention-item health-item" aria-labelledby={labelId}>
      <span className={`chip health-${item.reason}`}>{item.title}</span>
      <div className="attention-main">
        <span id={labelId} className="attention-label">
          {item.label}
        </span>
        <span className="muted small">
          {provider} · {item.environment} · {item.advice}
        </span>
      </div>
      <div className="attention-actions">
        {/* Named apart from the card's own Rotate and Edit buttons, so each name finds one button. */}
        <button
          type="button"
          className="secondary small"
          aria-label={`Fix ${item.label}: ${item.title}`}
          onClick={() => {
            // The key dialogs live with the cards.
            showSection('keys');
            open({ kind: rotate ? 'rotate' : 'edit', id: item.keyId });
          }}
        >
          <Icon name={rotate ? 'rotate' : 'edit'} />
          {rotate ? 'Rotate' : 'Edit'}
        </button>
      </div>
    </li>
  );
}
