import { useEffect, useId, useMemo, useState } from 'react';
import type { GroupRow } from '../../../../contract/costs.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api, onEvent } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { useCosts } from '../../stores/costs.ts';
import { BarChart } from './BarChart.tsx';
import { BudgetMeter } from './BudgetMeter.tsx';
import { BudgetsPanel } from './BudgetsPanel.tsx';
import { dayLabel, monthLabel, percent, plural, PROJECTION_FROM_DAY, shiftMonth, tokens, usd } from './format.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { PricesDialog } from './PricesDialog.tsx';
import { UsageDialog } from './UsageDialog.tsx';
import { UsageSync } from './UsageSync.tsx';
import './costs.css';

type Breakdown = 'provider' | 'key' | 'model';

/**
 * A token count that an export did not report (a cost-only export has none) is unknown, not 0:
 * a row with cost but no tokens or requests at all shows "—" in those columns.
 */
function countOrUnknown(n: number, row: GroupRow): string {
  return row.inputTokens + row.outputTokens + row.requests === 0 ? '—' : tokens(n);
}
const breakdownLabels: Record<Breakdown, string> = { provider: 'Provider', key: 'Key', model: 'Model' };

/** The Costs section: a month's spend, how it is going against budgets, where it went. */
export function CostsView() {
  const overview = useCosts((s) => s.overview);
  const days = useCosts((s) => s.days);
  const error = useCosts((s) => s.error);
  const setMonth = useCosts((s) => s.setMonth);
  const setDays = useCosts((s) => s.setDays);
  const reload = useCosts((s) => s.reload);
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'import' } | { kind: 'prices'; model?: string } | null>(null);
  const [breakdown, setBreakdown] = useState<Breakdown>('provider');
  // What just happened, and (after an import) the months it touched, so each is one click away.
  const [notice, setNotice] = useState<{ text: string; months: string[] } | null>(null);
  const monthId = useId();

  useEffect(() => {
    void reload();
    // A budget or spike alert means the numbers moved (another door, the CLI, may have imported).
    return onEvent('costAlert', () => void reload());
  }, [reload]);

  const daily = useMemo(() => overview?.daily ?? [], [overview]);
  const dailyChart = useMemo(
    () => ({
      categories: daily.map((d) => dayLabel(d.day)),
      values: daily.map((d) => d.costMicros),
      highlight: daily.map((d) => d.spike),
      // A label every few days keeps the axis readable at 90 bars.
      tick: (i: number) => (i % (daily.length > 31 ? 14 : 5) === 0 ? dayLabel(daily[i]!.day) : ''),
    }),
    [daily],
  );
  const rows: GroupRow[] = useMemo(
    () => (overview ? { provider: overview.byProvider, key: overview.byKey, model: overview.byModel }[breakdown] : []),
    [overview, breakdown],
  );
  const breakdownChart = useMemo(() => ({ categories: rows.map((r) => r.label), values: rows.map((r) => r.costMicros) }), [rows]);

  async function exportCsv() {
    if (!overview) return;
    try {
      const { fileName, csv, records } = await api.usage.exportCsv({ month: overview.month });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNotice({ text: `Exported ${records} record${records === 1 ? '' : 's'} to ${fileName}.`, months: [] });
    } catch (caught) {
      setNotice({ text: isKeywardError(caught) ? caught.message : 'The export failed.', months: [] });
    }
  }

  const spikes = daily.filter((d) => d.spike);
  const total = overview?.totals;
  const budget = overview?.budgets.find((b) => b.scope === 'total');
  const tooEarlyToProject =
    overview !== null &&
    overview.month === overview.today.slice(0, 7) &&
    Number(overview.today.slice(8, 10)) < PROJECTION_FROM_DAY;

  return (
    <div className="costs">
      <header className="costs-header">
        <h1>Costs</h1>
        {overview && (
          <div className="month-picker" role="group" aria-label="Month">
            <button
              type="button"
              className="icon-button"
              aria-label="Previous month"
              onClick={() => setMonth(shiftMonth(overview.month, -1))}
            >
              ‹
            </button>
            <label htmlFor={monthId} className="sr-only">
              Month
            </label>
            <input
              id={monthId}
              type="month"
              value={overview.month}
              max={overview.today.slice(0, 7)}
              onChange={(e) => e.target.value && setMonth(e.target.value)}
            />
            <button
              type="button"
              className="icon-button"
              aria-label="Next month"
              disabled={overview.month >= overview.today.slice(0, 7)}
              onClick={() => setMonth(shiftMonth(overview.month, 1))}
            >
              ›
            </button>
          </div>
        )}
        <div className="costs-actions">
          <button type="button" className="secondary" onClick={() => setDialog({ kind: 'prices' })}>
            Prices
          </button>
          <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={!total?.records}>
            Export CSV
          </button>
          <button type="button" className="secondary" onClick={() => setDialog({ kind: 'add' })}>
            <Icon name="plus" /> Add usage
          </button>
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'import' })}>
            Import a provider export…
          </button>
        </div>
      </header>
      {notice && (
        <p className="costs-notice" role="status">
          {notice.text}{' '}
          {notice.months.length > 1 && (
            <span className="costs-notice-months">
              Months:{' '}
              {notice.months.map((month) => (
                <button
                  key={month}
                  type="button"
                  className="link-button"
                  aria-pressed={overview?.month === month}
                  onClick={() => setMonth(month)}
                >
                  {monthLabel(month)}
                </button>
              ))}{' '}
            </span>
          )}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {overview && total && (
        <>
          <section className="costs-tiles" aria-label={`${monthLabel(overview.month)} summary`}>
            <div className="costs-tile">
              <span className="costs-tile-label">{monthLabel(overview.month)}</span>
              <strong className="costs-tile-value" data-testid="month-total">
                {usd(total.costMicros)}
              </strong>
              <span className="muted small">
                {total.records === 0
                  ? 'No usage recorded'
                  : [
                      total.inputTokens + total.outputTokens > 0
                        ? `${tokens(total.inputTokens)} input · ${tokens(total.outputTokens)} output tokens`
                        : '',
                      total.requests ? plural(total.requests, 'request') : '',
                      plural(total.records, 'record'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
              </span>
            </div>
            <div className="costs-tile">
              <span className="costs-tile-label">Projected for the month</span>
              <strong className="costs-tile-value" data-testid="projection">
                {tooEarlyToProject ? '—' : usd(overview.projectionMicros)}
              </strong>
              <span className="muted small">
                {tooEarlyToProject
                  ? `Shown from day ${PROJECTION_FROM_DAY} of the month: a few days say little about thirty`
                  : overview.month === overview.today.slice(0, 7)
                    ? 'At this month’s daily rate so far'
                    : overview.month < overview.today
                      ? 'The month is over'
                      : 'Not started'}
              </span>
            </div>
            <div className="costs-tile">
              <span className="costs-tile-label">Monthly budget</span>
              {budget ? (
                <>
                  <strong className="costs-tile-value">
                    {usd(budget.spentMicros)} <span className="muted small">of {usd(budget.monthlyMicros)}</span>
                  </strong>
                  <BudgetMeter fraction={budget.fraction} label="All usage" />
                </>
              ) : (
                <>
                  <strong className="costs-tile-value muted">None set</strong>
                  <span className="muted small">Set one below to be told at 50, 80 and 100 %.</span>
                </>
              )}
            </div>
          </section>

          {total.unpricedRecords > 0 && (
            <p className="costs-warning" role="note">
              <Icon name="warning" /> {total.unpricedRecords} record{total.unpricedRecords === 1 ? ' has' : 's have'} no price and{' '}
              {total.unpricedRecords === 1 ? 'is' : 'are'} not in the total:{' '}
              {overview.unpricedModels.join(', ') || 'no model named'}.{' '}
              {overview.unpricedModels[0] && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setDialog({ kind: 'prices', model: overview.unpricedModels[0]! })}
                >
                  Set a price
                </button>
              )}
            </p>
          )}

          <section className="costs-card" aria-labelledby="costs-daily">
            <header className="costs-card-header">
              <h2 id="costs-daily">Daily cost</h2>
              <div className="segmented" role="group" aria-label="Days shown">
                {([30, 90] as const).map((n) => (
                  <button key={n} type="button" aria-pressed={days === n} onClick={() => setDays(n)}>
                    {n} days
                  </button>
                ))}
              </div>
            </header>
            <BarChart
              label={`Daily cost for the ${days} days to ${dayLabel(daily.at(-1)?.day ?? overview.today)}`}
              categories={dailyChart.categories}
              values={dailyChart.values}
              highlight={dailyChart.highlight}
              tick={dailyChart.tick}
              testId="daily-chart"
            />
            {spikes.length > 0 ? (
              <ul className="spike-list" aria-label="Spike days">
                {spikes.map((d) => (
                  <li key={d.day}>
                    <span className="spike-dot" aria-hidden="true" /> <strong>{dayLabel(d.day)}</strong>: {usd(d.costMicros)},{' '}
                    {(d.costMicros / Math.max(1, d.medianMicros)).toFixed(1)}× the usual {usd(d.medianMicros)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">No spike days: none cost more than 3× the median of the 14 days before.</p>
            )}
          </section>

          <section className="costs-card" aria-labelledby="costs-breakdown">
            <header className="costs-card-header">
              <h2 id="costs-breakdown">Breakdown</h2>
              <div className="segmented" role="group" aria-label="Break down by">
                {(Object.keys(breakdownLabels) as Breakdown[]).map((by) => (
                  <button key={by} type="button" aria-pressed={breakdown === by} onClick={() => setBreakdown(by)}>
                    {breakdownLabels[by]}
                  </button>
                ))}
              </div>
            </header>
            {rows.length === 0 ? (
              <p className="muted">
                Nothing recorded in {monthLabel(overview.month)}. Import a provider export or add usage by hand.
              </p>
            ) : (
              <>
                <BarChart
                  label={`Cost by ${breakdownLabels[breakdown].toLowerCase()}`}
                  categories={breakdownChart.categories}
                  values={breakdownChart.values}
                  height={180}
                  testId="breakdown-chart"
                />
                <table className="costs-table">
                  <caption className="sr-only">Cost by {breakdownLabels[breakdown].toLowerCase()}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{breakdownLabels[breakdown]}</th>
                      <th scope="col" className="num">
                        Cost
                      </th>
                      <th scope="col" className="num">
                        Share
                      </th>
                      <th scope="col" className="num">
                        Input
                      </th>
                      <th scope="col" className="num">
                        Output
                      </th>
                      <th scope="col" className="num">
                        Requests
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.group}>
                        <th scope="row">
                          {row.label}
                          {row.unpricedRecords > 0 && <span className="badge warning-badge">{row.unpricedRecords} unpriced</span>}
                        </th>
                        {row.unpricedRecords === row.records && row.costMicros === 0 ? (
                          <>
                            <td className="num muted">unpriced</td>
                            <td className="num muted">—</td>
                          </>
                        ) : (
                          <>
                            <td className="num">{usd(row.costMicros)}</td>
                            <td className="num">{total.costMicros > 0 ? percent(row.costMicros / total.costMicros) : '—'}</td>
                          </>
                        )}
                        <td className="num">{countOrUnknown(row.inputTokens, row)}</td>
                        <td className="num">{countOrUnknown(row.outputTokens, row)}</td>
                        <td className="num">{countOrUnknown(row.requests, row)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>

          <BudgetsPanel budgets={overview.budgets} onChanged={() => void reload()} />
          <UsageSync onSynced={() => void reload()} />
        </>
      )}
      {dialog?.kind === 'add' && (
        <UsageDialog
          onClose={() => setDialog(null)}
          onSaved={(text) => {
            setDialog(null);
            setNotice({ text, months: [] });
            void reload();
          }}
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={(text, months) => {
            setDialog(null);
            setNotice({ text, months });
            // Show where the rows landed: the latest month they touched (the others are linked in the notice).
            if (months.length > 0) setMonth(months.at(-1)!);
            else void reload();
          }}
        />
      )}
      {dialog?.kind === 'prices' && (
        <PricesDialog
          model={dialog.model}
          onClose={() => {
            setDialog(null);
            void reload();
          }}
        />
      )}
    </div>
  );
}
