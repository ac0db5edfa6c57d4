import { useEffect, useId, useState, type FormEvent } from 'react';
import type { BudgetScope, BudgetStatus } from '../../../../contract/costs.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerCatalog, providerDisplayName } from '../../../../contract/providers.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { BudgetMeter } from './BudgetMeter.tsx';
import { usd } from './format.ts';

const tokenProviders = providerCatalog.filter((p) => p.billing === 'tokens');

/** Monthly budgets (all usage, a provider, a key) with this month's spend, and a form to set one. */
export function BudgetsPanel({ budgets, onChanged }: { budgets: BudgetStatus[]; onChanged: () => void }) {
  const [scope, setScope] = useState<BudgetScope>('total');
  const [provider, setProvider] = useState('openai');
  const [keyId, setKeyId] = useState('');
  const [amount, setAmount] = useState('');
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ids = { scope: useId(), target: useId(), amount: useId(), error: useId() };

  useEffect(() => {
    void api.keys.list().then(setKeys);
  }, []);

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.budgets.set({
        scope,
        monthlyUsd: amount,
        ...(scope === 'provider' ? { provider } : {}),
        ...(scope === 'key' ? { keyId } : {}),
      });
      setAmount('');
      onChanged();
    } catch (caught) {
      setError(isKeywardError(caught) ? (caught.issues?.[0]?.message ?? caught.message) : 'The budget was not saved.');
    }
  }

  async function remove(id: string) {
    await api.budgets.remove({ id });
    onChanged();
  }

  return (
    <section className="costs-card" aria-labelledby="costs-budgets">
      <header className="costs-card-header">
        <h2 id="costs-budgets">Budgets</h2>
        <span className="muted small">Monthly; you are told once at 50, 80 and 100 %.</span>
      </header>
      {budgets.length > 0 && (
        <ul className="budget-list">
          {budgets.map((b) => (
            <li key={b.id}>
              <div className="budget-line">
                <strong>{b.label}</strong>
                <span className="muted small">{b.scope === 'total' ? 'all usage' : b.scope}</span>
                <span className="budget-figures">
                  {usd(b.spentMicros)} of {usd(b.monthlyMicros)}
                  {b.projectedMicros > b.monthlyMicros && b.spentMicros < b.monthlyMicros && (
                    <span className="badge warning-badge">projected {usd(b.projectedMicros)}</span>
                  )}
                </span>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={`Delete the budget for ${b.label}`}
                  onClick={() => void remove(b.id)}
                >
                  <Icon name="trash" />
                </button>
              </div>
              <BudgetMeter fraction={b.fraction} label={b.label} />
            </li>
          ))}
        </ul>
      )}
      <form className="budget-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor={ids.scope}>Budget for</label>
          <select id={ids.scope} value={scope} onChange={(e) => setScope(e.target.value as BudgetScope)}>
            <option value="total">All usage</option>
            <option value="provider">A provider</option>
            <option value="key" disabled={keys.length === 0}>
              A key
            </option>
          </select>
        </div>
        {scope === 'provider' && (
          <div className="field">
            <label htmlFor={ids.target}>Provider</label>
            <select id={ids.target} value={provider} onChange={(e) => setProvider(e.target.value)}>
              {tokenProviders.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {scope === 'key' && (
          <div className="field">
            <label htmlFor={ids.target}>Key</label>
            <select id={ids.target} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
              <option value="">Choose a key</option>
              {keys.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label} ({providerDisplayName(k.provider)})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.amount}>Per month (USD)</label>
          <input
            id={ids.amount}
            inputMode="decimal"
            placeholder="200.00"
            value={amount}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary" disabled={!amount.trim() || (scope === 'key' && !keyId)}>
          Set budget
        </button>
      </form>
      {error && (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      )}
    </section>
  );
}
