import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type MessageDescriptor } from 'react-intl';
import type { ModelPrice } from '../../../../contract/costs.ts';
import { isKeywardError, type FieldIssue } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerCatalog } from '../../../../contract/providers.ts';
import { errorText } from '../../lib/error-text.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { usd } from './format.ts';

const tokenProviders = providerCatalog.filter((p) => p.billing === 'tokens');
const numberFields = ['inputTokens', 'cachedTokens', 'cacheWriteTokens', 'outputTokens', 'requests'] as const;
type NumberField = (typeof numberFields)[number];

const numberLabels = defineMessages<NumberField>({
  inputTokens: { id: 'costs.usageInputTokens', defaultMessage: 'Input tokens' },
  cachedTokens: { id: 'costs.usageCachedTokens', defaultMessage: 'Of which cached' },
  cacheWriteTokens: { id: 'costs.usageCacheWriteTokens', defaultMessage: 'Of which cache writes' },
  outputTokens: { id: 'costs.usageOutputTokens', defaultMessage: 'Output tokens' },
  requests: { id: 'costs.usageRequests', defaultMessage: 'Requests' },
});
const numberHints: Partial<Record<NumberField, MessageDescriptor>> = defineMessages({
  inputTokens: { id: 'costs.usageInputTokensHint', defaultMessage: 'All input, cached included' },
  cachedTokens: { id: 'costs.usageCachedTokensHint', defaultMessage: 'Read from the prompt cache' },
  cacheWriteTokens: { id: 'costs.usageCacheWriteTokensHint', defaultMessage: 'Written to the prompt cache' },
});
/** Examples in the fields: a model id and a count, the same in every language. */
const MODEL_EXAMPLE = 'gpt-4o-mini';
const COUNT_EXAMPLE = '0';

/** Typing in usage by hand: the cost is computed from the price table unless one is given. */
export function UsageDialog({ onClose, onSaved }: { onClose: () => void; onSaved: (notice: string) => void }) {
  const [provider, setProvider] = useState('openai');
  const [model, setModel] = useState('');
  const [keyId, setKeyId] = useState('');
  const [day, setDay] = useState('');
  const [numbers, setNumbers] = useState<Record<NumberField, string>>({
    inputTokens: '',
    cachedTokens: '',
    cacheWriteTokens: '',
    outputTokens: '',
    requests: '',
  });
  const [cost, setCost] = useState('');
  const [note, setNote] = useState('');
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [models, setModels] = useState<ModelPrice[]>([]);
  const id = useId();
  const intl = useIntl();

  useEffect(() => {
    void api.keys.list().then(setKeys);
    void api.prices.list({}).then((table) => setModels(table.models));
  }, []);

  const issueFor = (path: string) => issues.find((issue) => issue.path === path)?.message;

  async function save(event: FormEvent) {
    event.preventDefault();
    setIssues([]);
    setError(null);
    const counts = Object.fromEntries(
      numberFields.map((field) => [field, numbers[field].trim() === '' ? 0 : Number(numbers[field].replace(/[\s,_]/g, ''))]),
    ) as Record<NumberField, number>;
    try {
      const record = await api.usage.add({
        provider,
        model,
        keyId: keyId || null,
        ...(day ? { day } : {}),
        ...counts,
        ...(cost.trim() ? { costUsd: cost.trim() } : {}),
        note,
      });
      onSaved(
        record.costMicros === null
          ? intl.formatMessage(
              { id: 'costs.usageAddedUnpriced', defaultMessage: 'Added {model}: no price for it yet, so it is kept unpriced.' },
              { model: record.model },
            )
          : intl.formatMessage(
              { id: 'costs.usageAdded', defaultMessage: 'Added {cost} of {model} on {day}.' },
              { cost: usd(record.costMicros, intl), model: record.model, day: record.day },
            ),
      );
    } catch (caught) {
      if (isKeywardError(caught) && caught.issues) setIssues(caught.issues);
      else
        setError(
          errorText(caught, intl.formatMessage({ id: 'costs.usageNotSaved', defaultMessage: 'The usage was not saved.' }), intl),
        );
    }
  }

  const field = (name: string, label: string, input: ReactNode, hint?: string) => {
    const problem = issueFor(name);
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {input}
        {hint && !problem && <p className="field-hint">{hint}</p>}
        {problem && (
          <p id={`${id}-${name}-error`} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };
  const invalid = (name: string) => (issueFor(name) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${name}-error` } : {});

  return (
    <Dialog
      title={intl.formatMessage({ id: 'costs.addUsageTitle', defaultMessage: 'Add usage' })}
      onClose={onClose}
      className="usage-dialog"
      description={intl.formatMessage({
        id: 'costs.addUsageDescription',
        defaultMessage: 'Usage you know from a dashboard or an invoice. Days are UTC.',
      })}
    >
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="field-row">
          {field(
            'provider',
            intl.formatMessage({ id: 'costs.providerField', defaultMessage: 'Provider' }),
            <select
              id={`${id}-provider`}
              value={provider}
              onChange={(e) => setProvider(e.target.value)}
              data-autofocus
              {...invalid('provider')}
            >
              {tokenProviders.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>,
          )}
          {field(
            'model',
            intl.formatMessage({ id: 'costs.modelField', defaultMessage: 'Model' }),
            <>
              <input
                id={`${id}-model`}
                list={`${id}-models`}
                value={model}
                onChange={(e) => setModel(e.target.value)}
                placeholder={MODEL_EXAMPLE}
                {...invalid('model')}
              />
              <datalist id={`${id}-models`}>
                {models
                  .filter((m) => m.provider === provider)
                  .map((m) => (
                    <option key={m.model} value={m.model}>
                      {m.name}
                    </option>
                  ))}
              </datalist>
            </>,
          )}
        </div>
        <div className="field-row">
          {field(
            'day',
            intl.formatMessage({ id: 'costs.dayField', defaultMessage: 'Day' }),
            <input id={`${id}-day`} type="date" value={day} onChange={(e) => setDay(e.target.value)} {...invalid('day')} />,
            intl.formatMessage({ id: 'costs.dayHint', defaultMessage: 'Empty: today' }),
          )}
          {field(
            'keyId',
            intl.formatMessage({ id: 'costs.keyField', defaultMessage: 'Key' }),
            <select id={`${id}-keyId`} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
              <option value="">{intl.formatMessage({ id: 'costs.noKey', defaultMessage: 'No key' })}</option>
              {keys
                .filter((k) => k.provider === provider)
                .map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
            </select>,
          )}
        </div>
        <div className="field-grid">
          {numberFields.map((name) =>
            field(
              name,
              intl.formatMessage(numberLabels[name]),
              <input
                id={`${id}-${name}`}
                inputMode="numeric"
                value={numbers[name]}
                onChange={(e) => setNumbers({ ...numbers, [name]: e.target.value })}
                placeholder={COUNT_EXAMPLE}
                {...invalid(name)}
              />,
              numberHints[name] && intl.formatMessage(numberHints[name]),
            ),
          )}
          {field(
            'costUsd',
            intl.formatMessage({ id: 'costs.costField', defaultMessage: 'Cost (USD)' }),
            <input
              id={`${id}-costUsd`}
              inputMode="decimal"
              value={cost}
              onChange={(e) => setCost(e.target.value)}
              placeholder={intl.formatMessage({ id: 'costs.costPlaceholder', defaultMessage: 'From the price table' })}
              {...invalid('costUsd')}
            />,
            intl.formatMessage({ id: 'costs.costHint', defaultMessage: 'Leave empty to compute it' }),
          )}
        </div>
        {field(
          'note',
          intl.formatMessage({ id: 'costs.noteField', defaultMessage: 'Note' }),
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} {...invalid('note')} />,
        )}
        {error && <p className="error">{error}</p>}
        <footer className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            <FormattedMessage id="costs.cancel" defaultMessage="Cancel" />
          </button>
          <button type="submit" className="primary" disabled={!model.trim()}>
            <FormattedMessage id="costs.addUsageSubmit" defaultMessage="Add usage" />
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
