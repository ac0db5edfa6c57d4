import { useEffect, useId, useState, type FormEvent } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { BudgetScope, BudgetStatus } from '../../../../contract/costs.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerCatalog, providerDisplayName } from '../../../../contract/providers.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { errorText } from '../../lib/error-text.ts';
import { api } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { BudgetMeter } from './BudgetMeter.tsx';
import { usd } from './format.ts';

const tokenProviders = providerCatalog.filter((p) => p.billing === 'tokens');
/** What an amount looks like in the field: dollars with a dot, in every language (contract/costs.ts reads it). */
const AMOUNT_EXAMPLE = '200.00';

const scopeWords = defineMessages<BudgetScope>({
  total: { id: 'costs.scopeTotal', defaultMessage: 'all usage' },
  provider: { id: 'costs.scopeProvider', defaultMessage: 'provider' },
  key: { id: 'costs.scopeKey', defaultMessage: 'key' },
});

/** Monthly budgets (all usage, a provider, a key) with this month's spend, and a form to set one. */
export function BudgetsPanel({ budgets, onChanged }: { budgets: BudgetStatus[]; onChanged: () => void }) {
  const [scope, setScope] = useState<BudgetScope>('total');
  const [provider, setProvider] = useState('openai');
  const [keyId, setKeyId] = useState('');
  const [amount, setAmount] = useState('');
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ids = { scope: useId(), target: useId(), amount: useId(), error: useId() };
  const intl = useIntl();

  useEffect(() => {
    void api.keys.list().then(setKeys);
  }, []);

  /** Main names the all-usage budget in English; a provider's or a key's name is the same in every language. */
  const budgetLabel = (b: BudgetStatus) =>
    b.scope === 'total'
      ? intl.formatMessage({ id: 'costs.allUsage', defaultMessage: 'All usage' })
      : b.keyInTrash
        ? intl.formatMessage({ id: 'costs.budget.keyInTrash', defaultMessage: '{label} (in trash)' }, { label: b.label })
        : b.label;

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
      setError(
        // A field's problem (the amount) as the form says it; else the error, in the window's language.
        (isKeywardError(caught) ? caught.issues?.[0]?.message : undefined) ??
          errorText(
            caught,
            intl.formatMessage({ id: 'costs.budgetNotSaved', defaultMessage: 'The budget was not saved.' }),
            intl,
          ),
      );
    }
  }

  async function remove(id: string) {
    await api.budgets.remove({ id });
    onChanged();
  }

  return (
    <section className="costs-card" aria-labelledby="costs-budgets">
      <header className="costs-card-header">
        <h2 id="costs-budgets">
          <FormattedMessage id="costs.budgets" defaultMessage="Budgets" />
        </h2>
        <span className="muted small">
          <FormattedMessage id="costs.budgetsHint" defaultMessage="Monthly; you are told once at 50, 80 and 100 %." />
        </span>
      </header>
      {budgets.length > 0 && (
        <ul className="budget-list">
          {budgets.map((b) => (
            <li key={b.id}>
              <div className="budget-line">
                <strong>{budgetLabel(b)}</strong>
                <span className="muted small">{intl.formatMessage(scopeWords[b.scope])}</span>
                <span className="budget-figures">
                  <FormattedMessage
                    id="costs.budgetFigures"
                    defaultMessage="{spent} of {budget}"
                    values={{ spent: usd(b.spentMicros, intl), budget: usd(b.monthlyMicros, intl) }}
                  />
                  {b.projectedMicros > b.monthlyMicros && b.spentMicros < b.monthlyMicros && (
                    <span className="badge warning-badge">
                      <FormattedMessage
                        id="costs.budgetProjected"
                        defaultMessage="projected {amount}"
                        values={{ amount: usd(b.projectedMicros, intl) }}
                      />
                    </span>
                  )}
                </span>
                <button
                  type="button"
                  className="icon-button danger"
                  aria-label={intl.formatMessage(
                    { id: 'costs.deleteBudget', defaultMessage: 'Delete the budget for {label}' },
                    { label: budgetLabel(b) },
                  )}
                  onClick={() => void remove(b.id)}
                >
                  <Icon name="trash" />
                </button>
              </div>
              <BudgetMeter fraction={b.fraction} label={budgetLabel(b)} />
            </li>
          ))}
        </ul>
      )}
      <form className="budget-form" onSubmit={(e) => void save(e)} noValidate>
        <div className="field">
          <label htmlFor={ids.scope}>
            <FormattedMessage id="costs.budgetFor" defaultMessage="Budget for" />
          </label>
          <select id={ids.scope} value={scope} onChange={(e) => setScope(e.target.value as BudgetScope)}>
            <option value="total">{intl.formatMessage({ id: 'costs.allUsage', defaultMessage: 'All usage' })}</option>
            <option value="provider">{intl.formatMessage({ id: 'costs.aProvider', defaultMessage: 'A provider' })}</option>
            <option value="key" disabled={keys.length === 0}>
              {intl.formatMessage({ id: 'costs.aKey', defaultMessage: 'A key' })}
            </option>
          </select>
        </div>
        {scope === 'provider' && (
          <div className="field">
            <label htmlFor={ids.target}>
              <FormattedMessage id="costs.providerField" defaultMessage="Provider" />
            </label>
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
            <label htmlFor={ids.target}>
              <FormattedMessage id="costs.keyField" defaultMessage="Key" />
            </label>
            <select id={ids.target} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'costs.chooseKey', defaultMessage: 'Choose a key' })}</option>
              {keys.map((k) => (
                <option key={k.id} value={k.id}>
                  {intl.formatMessage(
                    { id: 'costs.keyOption', defaultMessage: '{label} ({provider})' },
                    { label: k.label, provider: providerDisplayName(k.provider) },
                  )}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.amount}>
            <FormattedMessage id="costs.perMonth" defaultMessage="Per month (USD)" />
          </label>
          <input
            id={ids.amount}
            inputMode="decimal"
            placeholder={AMOUNT_EXAMPLE}
            value={amount}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? ids.error : undefined}
            onChange={(e) => setAmount(e.target.value)}
          />
        </div>
        <button type="submit" className="secondary" disabled={!amount.trim() || (scope === 'key' && !keyId)}>
          <FormattedMessage id="costs.setBudget" defaultMessage="Set budget" />
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
