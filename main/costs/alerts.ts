import { formatUsd, type CostAlert } from '../../contract/costs.ts';
import { mainIntl, type MainIntl } from '../i18n.ts';
import type { Notice, NotificationPort } from '../notifications.ts';
import { formatDay } from '../reminders/notices.ts';
import { SPIKE_FACTOR } from './analysis.ts';

/** Where alerts go besides the costAlert event: OS notifications (notifyCostAlerts), or a test's record. */
export interface CostNotifier {
  notify(alert: CostAlert): void;
}

/** Budget and spike alerts as OS notifications: the budget's name and amounts, never a key's value. */
export function notifyCostAlerts(notifications: NotificationPort): CostNotifier {
  return { notify: (alert) => notifications.show(costAlertNotice(alert)) };
}

/** The budget's name in main's language: main writes "All usage" and a trashed key's mark in English. */
function budgetName(alert: Extract<CostAlert, { kind: 'budget' }>, intl: MainIntl): string {
  if (alert.scope === 'total') return intl.formatMessage({ id: 'main.costs.allUsage', defaultMessage: 'All usage' });
  if (alert.keyInTrash) {
    return intl.formatMessage({ id: 'main.costs.keyInTrash', defaultMessage: '{label} (in trash)' }, { label: alert.label });
  }
  return alert.label;
}

/** The alert in the language main speaks: dollars, months and days as its locale writes them. */
export function costAlertNotice(alert: CostAlert, intl: MainIntl = mainIntl()): Notice {
  const money = (micros: number) => formatUsd(micros, intl.locale);
  if (alert.kind === 'budget') {
    return {
      title: intl.formatMessage(
        { id: 'main.costs.budgetTitle', defaultMessage: 'Budget “{label}”: {threshold} % reached' },
        { label: budgetName(alert, intl), threshold: alert.threshold },
      ),
      body: intl.formatMessage(
        { id: 'main.costs.budgetBody', defaultMessage: '{spent} of {limit} spent in {month}.' },
        {
          spent: money(alert.spentMicros),
          limit: money(alert.limitMicros),
          month: intl.formatDate(`${alert.month}-01T00:00:00Z`, { year: 'numeric', month: 'long', timeZone: 'UTC' }),
        },
      ),
    };
  }
  return {
    title: intl.formatMessage(
      { id: 'main.costs.spikeTitle', defaultMessage: 'Spending spike on {day}' },
      { day: formatDay(alert.day, intl) },
    ),
    body: intl.formatMessage(
      { id: 'main.costs.spikeBody', defaultMessage: '{cost}, above {factor} × the usual {median} a day.' },
      { cost: money(alert.costMicros), factor: SPIKE_FACTOR, median: money(alert.medianMicros) },
    ),
  };
}
