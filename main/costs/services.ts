import type { Clock } from '../clock.ts';
import type { Transport } from '../health/transport.ts';
import type { EventBus } from '../events.ts';
import type { Vault } from '../vault/vault.ts';
import type { CostNotifier } from './alerts.ts';
import { BudgetService } from './budget-service.ts';
import { CostContext } from './context.ts';
import { ImportService } from './import-service.ts';
import type { ImportRunner } from './import-runner.ts';
import { PriceService } from './price-service.ts';
import { UsageSyncService } from './sync/service.ts';
import { UsageService } from './usage-service.ts';
import { CostViews } from './view-service.ts';

/** The cost tracker, one service per slice of the contract (the `usage` slice split into records and imports). */
export interface CostServices {
  usage: UsageService;
  imports: ImportService;
  prices: PriceService;
  budgets: BudgetService;
  views: CostViews;
  /** Usage pulled from the providers' usage APIs (the `usageSync` slice). */
  sync: UsageSyncService;
}

export function createCostServices(options: {
  vault: Vault;
  clock: Clock;
  events: EventBus;
  runner: ImportRunner;
  notifier?: CostNotifier | undefined;
  /** How usage sync reaches the providers (the live check's transport); without one it refuses. */
  transport?: Transport | undefined;
}): CostServices {
  const context = new CostContext(options);
  const budgets = new BudgetService(context);
  return {
    usage: new UsageService(context),
    imports: new ImportService(context, options.runner),
    prices: new PriceService(context),
    budgets,
    views: new CostViews(context, budgets),
    sync: new UsageSyncService(context, { transport: options.transport }),
  };
}
