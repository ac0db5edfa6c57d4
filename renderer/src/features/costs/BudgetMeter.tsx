import { useIntl } from 'react-intl';
import { percent } from './format.ts';

/** How much of a budget is spent: a native meter (its colour follows 50/80/100 %) and the percentage. */
export function BudgetMeter({ fraction, label }: { fraction: number; label: string }) {
  const intl = useIntl();
  const level = fraction >= 1 ? 'over' : fraction >= 0.8 ? 'high' : fraction >= 0.5 ? 'mid' : 'low';
  const spent = percent(fraction, intl);
  return (
    <div className="budget-meter" data-level={level}>
      <meter
        min={0}
        max={1}
        low={0.5}
        high={0.8}
        optimum={0}
        value={Math.min(fraction, 1)}
        aria-label={intl.formatMessage(
          { id: 'costs.budgetMeter', defaultMessage: '{label}: {percent} of the budget' },
          { label, percent: spent },
        )}
      />
      <span className="small">{spent}</span>
    </div>
  );
}
