import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ModelPrice } from '../../../../contract/costs.ts';
import { isKeywardError, type FieldIssue } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerCatalog } from '../../../../contract/providers.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { usd } from './format.ts';

const tokenProviders = providerCatalog.filter((p) => p.billing === 'tokens');
const numberFields = [
  ['inputTokens', 'Input tokens', 'All input, cached included'],
  ['cachedTokens', 'Of which cached', 'Read from the prompt cache'],
  ['cacheWriteTokens', 'Of which cache writes', 'Written to the prompt cache'],
  ['outputTokens', 'Output tokens', ''],
  ['requests', 'Requests', ''],
] as const;
type NumberField = (typeof numberFields)[number][0];

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
      numberFields.map(([field]) => [field, numbers[field].trim() === '' ? 0 : Number(numbers[field].replace(/[\s,_]/g, ''))]),
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
          ? `Added ${record.model}: no price for it yet, so it is kept unpriced.`
          : `Added ${usd(record.costMicros)} of ${record.model} on ${record.day}.`,
      );
    } catch (caught) {
      if (isKeywardError(caught) && caught.issues) setIssues(caught.issues);
      else setError(isKeywardError(caught) ? caught.message : 'The usage was not saved.');
    }
  }

  const field = (name: string, label: string, input: React.ReactNode, hint?: string) => {
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
      title="Add usage"
      onClose={onClose}
      className="usage-dialog"
      description="Usage you know from a dashboard or an invoice. Days are UTC."
    >
      <form onSubmit={(e) => void save(e)} noValidate>
        <div className="field-row">
          {field(
            'provider',
            'Provider',
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
            'Model',
            <>
              <input
                id={`${id}-model`}
                list={`${id}-models`}
                value={model}
                onChange={(e) => setModel(e.target.value)}
                placeholder="gpt-4o-mini"
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
            'Day',
            <input id={`${id}-day`} type="date" value={day} onChange={(e) => setDay(e.target.value)} {...invalid('day')} />,
            'Empty: today',
          )}
          {field(
            'keyId',
            'Key',
            <select id={`${id}-keyId`} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
              <option value="">No key</option>
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
          {numberFields.map(([name, label, hint]) =>
            field(
              name,
              label,
              <input
                id={`${id}-${name}`}
                inputMode="numeric"
                value={numbers[name]}
                onChange={(e) => setNumbers({ ...numbers, [name]: e.target.value })}
                placeholder="0"
                {...invalid(name)}
              />,
              hint,
            ),
          )}
          {field(
            'costUsd',
            'Cost (USD)',
            <input
              id={`${id}-costUsd`}
              inputMode="decimal"
              value={cost}
              onChange={(e) => setCost(e.target.value)}
              placeholder="From the price table"
              {...invalid('costUsd')}
            />,
            'Leave empty to compute it',
          )}
        </div>
        {field(
          'note',
          'Note',
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} {...invalid('note')} />,
        )}
        {error && <p className="error">{error}</p>}
        <footer className="dialog-actions">
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!model.trim()}>
            Add usage
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
