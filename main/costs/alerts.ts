import { formatUsd, type CostAlert } from '../../contract/costs.ts';
import type { Notice, NotificationPort } from '../notifications.ts';
import { SPIKE_FACTOR } from './analysis.ts';

/** Where alerts go besides the costAlert event: OS notifications (notifyCostAlerts), or a test's record. */
export interface CostNotifier {
  notify(alert: CostAlert): void;
}

/** Budget and spike alerts as OS notifications: the budget's name and amounts, never a key's value. */
export function notifyCostAlerts(notifications: NotificationPort): CostNotifier {
  return { notify: (alert) => notifications.show(costAlertNotice(alert)) };
}

export function costAlertNotice(alert: CostAlert): Notice {
  if (alert.kind === 'budget') {
    return {
      title: `Budget “${alert.label}”: ${alert.threshold} % reached`,
      body: `${formatUsd(alert.spentMicros)} of ${formatUsd(alert.limitMicros)} spent in ${alert.month}.`,
    };
  }
  return {
    title: `Spending spike on ${alert.day}`,
    body: `${formatUsd(alert.costMicros)}, above ${SPIKE_FACTOR} × the usual ${formatUsd(alert.medianMicros)} a day.`,
  };
}
