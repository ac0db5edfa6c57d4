import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import type { ModelPrice, PriceTable } from '../../../../contract/costs.ts';
import { microsToUsdString } from '../../../../contract/costs.ts';
import { providerCatalog, providerDisplayName } from '../../../../contract/providers.ts';
import { errorText } from '../../lib/error-text.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ColumnHeads } from './ColumnHeads.tsx';

const rateFields = ['input', 'output', 'cachedInput', 'cacheWrite', 'perRequest'] as const;
type RateField = (typeof rateFields)[number];
const rateLabels = defineMessages<RateField>({
  input: { id: 'costs.rateInput', defaultMessage: 'Input' },
  output: { id: 'costs.rateOutput', defaultMessage: 'Output' },
  cachedInput: { id: 'costs.rateCachedInput', defaultMessage: 'Cached input' },
  cacheWrite: { id: 'costs.rateCacheWrite', defaultMessage: 'Cache write' },
  perRequest: { id: 'costs.ratePerRequest', defaultMessage: 'Per request' },
});

const asText = (micros: number | null) => (micros === null ? '' : microsToUsdString(micros));

/**
 * The price table: the shipped snapshot and this vault's own prices, in dollars per 1M tokens.
 * A change applies to usage recorded from now on (and prices records still unpriced); records
 * already priced keep the prices they were priced with.
 */
export function PricesDialog({ model: initialModel, onClose }: { model?: string | undefined; onClose: () => void }) {
  const [table, setTable] = useState<PriceTable | null>(null);
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState(initialModel ?? '');
  const [newProvider, setNewProvider] = useState('openai');
  const [rates, setRates] = useState<Record<RateField, string>>({
    input: '',
    output: '',
    cachedInput: '',
    cacheWrite: '',
    perRequest: '',
  });
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const id = useId();
  const intl = useIntl();

  const current = useMemo(() => table?.models.find((m) => m.model === model), [table, model]);

  /** Chooses a model to edit: its current prices fill the form. */
  const choose = (text: string, models: ModelPrice[] | undefined) => {
    setModel(text);
    const found = models?.find((m) => m.model === text);
    if (found)
      setRates({
        input: asText(found.input),
        output: asText(found.output),
        cachedInput: asText(found.cachedInput),
        cacheWrite: asText(found.cacheWrite),
        perRequest: asText(found.perRequest),
      });
  };
  const load = (then?: (table: PriceTable) => void) =>
    void api.prices.list({}).then((loaded) => {
      setTable(loaded);
      then?.(loaded);
    });
  useEffect(() => load((loaded) => initialModel && choose(initialModel, loaded.models)), [initialModel]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const given = Object.fromEntries(rateFields.filter((f) => rates[f].trim() !== '').map((f) => [f, rates[f].trim()]));
    try {
      const { price, repriced } = await api.prices.set({ model, ...(current ? {} : { provider: newProvider }), ...given });
      setMessage({
        text: repriced
          ? intl.formatMessage(
              {
                id: 'costs.priceSavedRepriced',
                defaultMessage:
                  'Saved {name}. {count, plural, one {# unpriced record is} other {# unpriced records are}} now priced.',
              },
              { name: price.name, count: repriced },
            )
          : intl.formatMessage({ id: 'costs.priceSaved', defaultMessage: 'Saved {name}.' }, { name: price.name }),
        error: false,
      });
      load();
    } catch (caught) {
      setMessage({
        text: errorText(
          caught,
          intl.formatMessage({ id: 'costs.priceNotSaved', defaultMessage: 'The price was not saved.' }),
          intl,
        ),
        error: true,
      });
    }
  }

  async function reset(price: ModelPrice) {
    await api.prices.reset({ model: price.model });
    setMessage({
      text: intl.formatMessage(
        { id: 'costs.priceReset', defaultMessage: '{name} is back to the shipped price.' },
        { name: price.name },
      ),
      error: false,
    });
    load();
  }

  const shown = (table?.models ?? []).filter((m) => !provider || m.provider === provider);

  return (
    <Dialog
      title={intl.formatMessage({ id: 'costs.pricesTitle', defaultMessage: 'Prices' })}
      onClose={onClose}
      className="prices-dialog wide-dialog"
      description={
        table
          ? intl.formatMessage(
              {
                id: 'costs.pricesDescription',
                defaultMessage: 'USD per 1M tokens. Defaults: {source}, snapshot {date}. Changes apply from now on.',
              },
              { source: table.source, date: table.snapshotDate },
            )
          : undefined
      }
    >
      <div className="dialog-body">
        <form className="price-form" onSubmit={(e) => void save(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-model`}>
              <FormattedMessage id="costs.modelField" defaultMessage="Model" />
            </label>
            <input
              id={`${id}-model`}
              list={`${id}-models`}
              value={model}
              onChange={(e) => choose(e.target.value, table?.models)}
              data-autofocus
            />
            <datalist id={`${id}-models`}>
              {(table?.models ?? []).map((m) => (
                <option key={m.model} value={m.model}>
                  {m.name}
                </option>
              ))}
            </datalist>
          </div>
          {!current && model.trim() && (
            <div className="field">
              <label htmlFor={`${id}-provider`}>
                <FormattedMessage id="costs.providerField" defaultMessage="Provider" />
              </label>
              <select id={`${id}-provider`} value={newProvider} onChange={(e) => setNewProvider(e.target.value)}>
                {providerCatalog
                  .filter((p) => p.billing === 'tokens')
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
              </select>
            </div>
          )}
          {rateFields.map((field) => (
            <div className="field narrow" key={field}>
              <label htmlFor={`${id}-${field}`}>{intl.formatMessage(rateLabels[field])}</label>
              <input
                id={`${id}-${field}`}
                inputMode="decimal"
                value={rates[field]}
                onChange={(e) => setRates({ ...rates, [field]: e.target.value })}
              />
            </div>
          ))}
          <button type="submit" className="primary" disabled={!model.trim()}>
            <FormattedMessage id="costs.savePrice" defaultMessage="Save price" />
          </button>
        </form>
        {message && (
          <p className={message.error ? 'error' : 'muted'} role="status">
            {message.text}
          </p>
        )}
        <div className="field narrow-select">
          <label htmlFor={`${id}-filter`}>
            <FormattedMessage id="costs.pricesFilter" defaultMessage="Show" />
          </label>
          <select id={`${id}-filter`} value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">{intl.formatMessage({ id: 'costs.allProviders', defaultMessage: 'All providers' })}</option>
            {[...new Set((table?.models ?? []).map((m) => m.provider))].map((p) => (
              <option key={p} value={p}>
                {providerDisplayName(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="prices-scroll">
          <table className="costs-table compact">
            <thead>
              <ColumnHeads columns={['model', 'provider', 'input', 'output', 'cached', 'cacheWrite']} last />
            </thead>
            <tbody>
              {shown.map((m) => (
                <tr key={m.model}>
                  <th scope="row">
                    <button type="button" className="link-button plain" onClick={() => choose(m.model, table?.models)}>
                      {m.name}
                    </button>
                    <span className="muted small mono price-model-id">{m.model}</span>
                  </th>
                  <td>{providerDisplayName(m.provider)}</td>
                  <td className="num">{asText(m.input)}</td>
                  <td className="num">{asText(m.output)}</td>
                  <td className="num">{asText(m.cachedInput)}</td>
                  <td className="num">{asText(m.cacheWrite)}</td>
                  <td>
                    {m.origin === 'user' && (
                      <button type="button" className="small secondary" onClick={() => void reset(m)}>
                        <FormattedMessage id="costs.resetPrice" defaultMessage="Reset" />
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Dialog>
  );
}
