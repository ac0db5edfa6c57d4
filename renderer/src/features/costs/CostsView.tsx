import { useEffect, useId, useMemo, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { GroupRow } from '../../../../contract/costs.ts';
import { phraseText } from '../../../../i18n/phrase-text.ts';
import { errorText } from '../../lib/error-text.ts';
import { api, onEvent } from '../../api.ts';
import { Icon } from '../../components/Icon.tsx';
import { useCosts } from '../../stores/costs.ts';
import { BarChart } from './BarChart.tsx';
import { BudgetMeter } from './BudgetMeter.tsx';
import { BudgetsPanel } from './BudgetsPanel.tsx';
import { dayLabel, monthLabel, NO_FIGURE, percent, PROJECTION_FROM_DAY, shiftMonth, tokens, usd } from './format.ts';
import { ImportDialog } from './ImportDialog.tsx';
import { PricesDialog } from './PricesDialog.tsx';
import { UsageDialog } from './UsageDialog.tsx';
import { UsageSync } from './UsageSync.tsx';
import './costs.css';
import { ColumnHeads } from './ColumnHeads.tsx';

type Breakdown = 'provider' | 'key' | 'model';

/**
 * A token count that an export did not report (a cost-only export has none) is unknown, not 0:
 * a row with cost but no tokens or requests at all shows "—" in those columns.
 */
function countOrUnknown(n: number, row: GroupRow, intl: IntlShape): string {
  return row.inputTokens + row.outputTokens + row.requests === 0 ? NO_FIGURE : tokens(n, intl);
}
const breakdownLabels = defineMessages<Breakdown>({
  provider: { id: 'costs.breakdownProvider', defaultMessage: 'Provider' },
  key: { id: 'costs.breakdownKey', defaultMessage: 'Key' },
  model: { id: 'costs.breakdownModel', defaultMessage: 'Model' },
});
/** The breakdown chart's name and the table's caption. */
const costByLabels = defineMessages<Breakdown>({
  provider: { id: 'costs.costByProvider', defaultMessage: 'Cost by provider' },
  key: { id: 'costs.costByKey', defaultMessage: 'Cost by key' },
  model: { id: 'costs.costByModel', defaultMessage: 'Cost by model' },
});

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
  const intl = useIntl();

  useEffect(() => {
    void reload();
    // A budget or spike alert means the numbers moved (another door, the CLI, may have imported).
    return onEvent('costAlert', () => void reload());
  }, [reload]);

  const daily = useMemo(() => overview?.daily ?? [], [overview]);
  const dailyChart = useMemo(
    () => ({
      categories: daily.map((d) => dayLabel(d.day, intl)),
      values: daily.map((d) => d.costMicros),
      highlight: daily.map((d) => d.spike),
      // A label every few days keeps the axis readable at 90 bars.
      tick: (i: number) => (i % (daily.length > 31 ? 14 : 5) === 0 ? dayLabel(daily[i]!.day, intl) : ''),
    }),
    [daily, intl],
  );
  const rows: GroupRow[] = useMemo(
    () => (overview ? { provider: overview.byProvider, key: overview.byKey, model: overview.byModel }[breakdown] : []),
    [overview, breakdown],
  );
  const breakdownChart = useMemo(
    () => ({ categories: rows.map((r) => phraseText(r.label, intl)), values: rows.map((r) => r.costMicros) }),
    [rows, intl],
  );

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
      setNotice({
        text: intl.formatMessage(
          {
            id: 'costs.exported',
            defaultMessage: 'Exported {records, plural, one {# record} other {# records}} to {fileName}.',
          },
          { records, fileName },
        ),
        months: [],
      });
    } catch (caught) {
      setNotice({
        text: errorText(caught, intl.formatMessage({ id: 'costs.exportFailed', defaultMessage: 'The export failed.' }), intl),
        months: [],
      });
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
        <h1>
          <FormattedMessage id="costs.title" defaultMessage="Costs" />
        </h1>
        {overview && (
          <div
            className="month-picker"
            role="group"
            aria-label={intl.formatMessage({ id: 'costs.monthPicker', defaultMessage: 'Month' })}
          >
            <button
              type="button"
              className="icon-button previous"
              aria-label={intl.formatMessage({ id: 'costs.previousMonth', defaultMessage: 'Previous month' })}
              onClick={() => setMonth(shiftMonth(overview.month, -1))}
            >
              <Icon name="chevron" />
            </button>
            <label htmlFor={monthId} className="sr-only">
              <FormattedMessage id="costs.monthField" defaultMessage="Month" />
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
              aria-label={intl.formatMessage({ id: 'costs.nextMonth', defaultMessage: 'Next month' })}
              disabled={overview.month >= overview.today.slice(0, 7)}
              onClick={() => setMonth(shiftMonth(overview.month, 1))}
            >
              <Icon name="chevron" />
            </button>
          </div>
        )}
        <div className="costs-actions">
          <button type="button" className="secondary" onClick={() => setDialog({ kind: 'prices' })}>
            <FormattedMessage id="costs.pricesButton" defaultMessage="Prices" />
          </button>
          <button type="button" className="secondary" onClick={() => void exportCsv()} disabled={!total?.records}>
            <FormattedMessage id="costs.exportButton" defaultMessage="Export CSV" />
          </button>
          <button type="button" className="secondary" onClick={() => setDialog({ kind: 'add' })}>
            <Icon name="plus" /> <FormattedMessage id="costs.addUsageButton" defaultMessage="Add usage" />
          </button>
          <button type="button" className="primary" onClick={() => setDialog({ kind: 'import' })}>
            <FormattedMessage id="costs.importButton" defaultMessage="Import a provider export…" />
          </button>
        </div>
      </header>
      {notice && (
        <p className="costs-notice" role="status">
          {notice.text}
          {notice.months.length > 1 && (
            <span className="costs-notice-months">
              <FormattedMessage id="costs.noticeMonths" defaultMessage="Months:" />
              {notice.months.map((month) => (
                <button
                  key={month}
                  type="button"
                  className="link-button"
                  aria-pressed={overview?.month === month}
                  onClick={() => setMonth(month)}
                >
                  {monthLabel(month, intl)}
                </button>
              ))}
            </span>
          )}
          <button type="button" className="link-button" onClick={() => setNotice(null)}>
            <FormattedMessage id="costs.dismiss" defaultMessage="Dismiss" />
          </button>
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {overview && total && (
        <>
          <section
            className="costs-tiles"
            aria-label={intl.formatMessage(
              { id: 'costs.summary', defaultMessage: '{month} summary' },
              { month: monthLabel(overview.month, intl) },
            )}
          >
            <div className="costs-tile">
              <span className="costs-tile-label">{monthLabel(overview.month, intl)}</span>
              <strong className="costs-tile-value" data-testid="month-total">
                {usd(total.costMicros, intl)}
              </strong>
              <span className="muted small">
                {total.records === 0 ? (
                  <FormattedMessage id="costs.noUsage" defaultMessage="No usage recorded" />
                ) : (
                  [
                    total.inputTokens + total.outputTokens > 0
                      ? intl.formatMessage(
                          { id: 'costs.tokenTotals', defaultMessage: '{input} input · {output} output tokens' },
                          { input: tokens(total.inputTokens, intl), output: tokens(total.outputTokens, intl) },
                        )
                      : '',
                    total.requests
                      ? intl.formatMessage(
                          { id: 'costs.requestCount', defaultMessage: '{count, plural, one {# request} other {# requests}}' },
                          { count: total.requests },
                        )
                      : '',
                    intl.formatMessage(
                      { id: 'costs.recordCount', defaultMessage: '{count, plural, one {# record} other {# records}}' },
                      { count: total.records },
                    ),
                  ]
                    .filter(Boolean)
                    .join(' · ')
                )}
              </span>
            </div>
            <div className="costs-tile">
              <span className="costs-tile-label">
                <FormattedMessage id="costs.projected" defaultMessage="Projected for the month" />
              </span>
              <strong className="costs-tile-value" data-testid="projection">
                {tooEarlyToProject ? NO_FIGURE : usd(overview.projectionMicros, intl)}
              </strong>
              <span className="muted small">
                {tooEarlyToProject ? (
                  <FormattedMessage
                    id="costs.projectionTooEarly"
                    defaultMessage="Shown from day {day} of the month: a few days say little about thirty"
                    values={{ day: PROJECTION_FROM_DAY }}
                  />
                ) : overview.month === overview.today.slice(0, 7) ? (
                  <FormattedMessage id="costs.projectionRate" defaultMessage="At this month’s daily rate so far" />
                ) : overview.month < overview.today ? (
                  <FormattedMessage id="costs.projectionOver" defaultMessage="The month is over" />
                ) : (
                  <FormattedMessage id="costs.projectionNotStarted" defaultMessage="Not started" />
                )}
              </span>
            </div>
            <div className="costs-tile">
              <span className="costs-tile-label">
                <FormattedMessage id="costs.monthlyBudget" defaultMessage="Monthly budget" />
              </span>
              {budget ? (
                <>
                  <strong className="costs-tile-value">
                    <FormattedMessage
                      id="costs.budgetSpent"
                      defaultMessage="{spent} <muted>of {budget}</muted>"
                      values={{
                        spent: usd(budget.spentMicros, intl),
                        budget: usd(budget.monthlyMicros, intl),
                        muted: (chunks) => <span className="muted small">{chunks}</span>,
                      }}
                    />
                  </strong>
                  <BudgetMeter
                    fraction={budget.fraction}
                    label={intl.formatMessage({ id: 'costs.allUsage', defaultMessage: 'All usage' })}
                  />
                </>
              ) : (
                <>
                  <strong className="costs-tile-value muted">
                    <FormattedMessage id="costs.noBudget" defaultMessage="None set" />
                  </strong>
                  <span className="muted small">
                    <FormattedMessage id="costs.noBudgetHint" defaultMessage="Set one below to be told at 50, 80 and 100 %." />
                  </span>
                </>
              )}
            </div>
          </section>

          {total.unpricedRecords > 0 && (
            <p className="costs-warning" role="note">
              <Icon name="warning" />
              <FormattedMessage
                id="costs.unpricedWarning"
                defaultMessage="{count, plural, one {# record has no price and is not in the total} other {# records have no price and are not in the total}}: {models}."
                values={{
                  count: total.unpricedRecords,
                  models:
                    overview.unpricedModels.join(', ') ||
                    intl.formatMessage({ id: 'costs.noModelNamed', defaultMessage: 'no model named' }),
                }}
              />
              {overview.unpricedModels[0] && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setDialog({ kind: 'prices', model: overview.unpricedModels[0]! })}
                >
                  <FormattedMessage id="costs.setPrice" defaultMessage="Set a price" />
                </button>
              )}
            </p>
          )}

          <section className="costs-card" aria-labelledby="costs-daily">
            <header className="costs-card-header">
              <h2 id="costs-daily">
                <FormattedMessage id="costs.dailyCost" defaultMessage="Daily cost" />
              </h2>
              <div
                className="segmented"
                role="group"
                aria-label={intl.formatMessage({ id: 'costs.daysShown', defaultMessage: 'Days shown' })}
              >
                {([30, 90] as const).map((n) => (
                  <button key={n} type="button" aria-pressed={days === n} onClick={() => setDays(n)}>
                    <FormattedMessage
                      id="costs.dayCount"
                      defaultMessage="{count, plural, one {# day} other {# days}}"
                      values={{ count: n }}
                    />
                  </button>
                ))}
              </div>
            </header>
            <BarChart
              label={intl.formatMessage(
                { id: 'costs.dailyChart', defaultMessage: 'Daily cost for the {days} days to {day}' },
                { days, day: dayLabel(daily.at(-1)?.day ?? overview.today, intl) },
              )}
              categories={dailyChart.categories}
              values={dailyChart.values}
              highlight={dailyChart.highlight}
              tick={dailyChart.tick}
              testId="daily-chart"
            />
            {spikes.length > 0 ? (
              <ul className="spike-list" aria-label={intl.formatMessage({ id: 'costs.spikeDays', defaultMessage: 'Spike days' })}>
                {spikes.map((d) => (
                  <li key={d.day}>
                    <span className="spike-dot" aria-hidden="true" />
                    <FormattedMessage
                      id="costs.spike"
                      defaultMessage="<b>{day}</b>: {cost}, {ratio}× the usual {median}"
                      values={{
                        day: dayLabel(d.day, intl),
                        cost: usd(d.costMicros, intl),
                        ratio: intl.formatNumber(d.costMicros / Math.max(1, d.medianMicros), {
                          minimumFractionDigits: 1,
                          maximumFractionDigits: 1,
                        }),
                        median: usd(d.medianMicros, intl),
                        b: (chunks) => <strong>{chunks}</strong>,
                      }}
                    />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted small">
                <FormattedMessage
                  id="costs.noSpikes"
                  defaultMessage="No spike days: none cost more than 3× the median of the 14 days before."
                />
              </p>
            )}
          </section>

          <section className="costs-card" aria-labelledby="costs-breakdown">
            <header className="costs-card-header">
              <h2 id="costs-breakdown">
                <FormattedMessage id="costs.breakdown" defaultMessage="Breakdown" />
              </h2>
              <div
                className="segmented"
                role="group"
                aria-label={intl.formatMessage({ id: 'costs.breakDownBy', defaultMessage: 'Break down by' })}
              >
                {(Object.keys(breakdownLabels) as Breakdown[]).map((by) => (
                  <button key={by} type="button" aria-pressed={breakdown === by} onClick={() => setBreakdown(by)}>
                    {intl.formatMessage(breakdownLabels[by])}
                  </button>
                ))}
              </div>
            </header>
            {rows.length === 0 ? (
              <p className="muted">
                <FormattedMessage
                  id="costs.nothingRecorded"
                  defaultMessage="Nothing recorded in {month}. Import a provider export or add usage by hand."
                  values={{ month: monthLabel(overview.month, intl) }}
                />
              </p>
            ) : (
              <>
                <BarChart
                  label={intl.formatMessage(costByLabels[breakdown])}
                  categories={breakdownChart.categories}
                  values={breakdownChart.values}
                  height={180}
                  testId="breakdown-chart"
                />
                <table className="costs-table">
                  <caption className="sr-only">{intl.formatMessage(costByLabels[breakdown])}</caption>
                  <thead>
                    <ColumnHeads
                      first={intl.formatMessage(breakdownLabels[breakdown])}
                      columns={['cost', 'share', 'input', 'output', 'requests']}
                    />
                  </thead>
                  <tbody>
                    {rows.map((row) => (
                      <tr key={row.group}>
                        <th scope="row">
                          {phraseText(row.label, intl)}
                          {row.unpricedRecords > 0 && (
                            <span className="badge warning-badge">
                              <FormattedMessage
                                id="costs.unpricedCount"
                                defaultMessage="{count, number} unpriced"
                                values={{ count: row.unpricedRecords }}
                              />
                            </span>
                          )}
                        </th>
                        {row.unpricedRecords === row.records && row.costMicros === 0 ? (
                          <>
                            <td className="num muted">
                              <FormattedMessage id="costs.unpriced" defaultMessage="unpriced" />
                            </td>
                            <td className="num muted">{NO_FIGURE}</td>
                          </>
                        ) : (
                          <>
                            <td className="num">{usd(row.costMicros, intl)}</td>
                            <td className="num">
                              {total.costMicros > 0 ? percent(row.costMicros / total.costMicros, intl) : NO_FIGURE}
                            </td>
                          </>
                        )}
                        <td className="num">{countOrUnknown(row.inputTokens, row, intl)}</td>
                        <td className="num">{countOrUnknown(row.outputTokens, row, intl)}</td>
                        <td className="num">{countOrUnknown(row.requests, row, intl)}</td>
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
