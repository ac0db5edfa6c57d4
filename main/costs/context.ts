import type { CostAlert } from '../../contract/costs.ts';
import { utcToday } from '../../contract/days.ts';
import type { Clock } from '../clock.ts';
import type { EventBus } from '../events.ts';
import { SerialQueue } from '../serial-queue.ts';
import type { Db } from '../vault/database.ts';
import type { Vault } from '../vault/vault.ts';
import type { CostNotifier } from './alerts.ts';
import { dueAlerts } from './budgets.ts';

export interface CostContextOptions {
  vault: Vault;
  clock: Clock;
  events: EventBus;
  notifier?: CostNotifier | undefined;
}

/**
 * What the cost tracker's services (usage, imports, prices, budgets, views) share: the open
 * vault, the clock, one write queue and the alerts. Every cost write goes through `write`, so
 * none contends with an import's commit, which writes on the import runner's own connection.
 */
export class CostContext {
  readonly vault: Vault;
  readonly #clock: Clock;
  readonly #events: EventBus;
  readonly #notifier: CostNotifier | undefined;
  readonly #writes = new SerialQueue();

  constructor(options: CostContextOptions) {
    this.vault = options.vault;
    this.#clock = options.clock;
    this.#events = options.events;
    this.#notifier = options.notifier;
  }

  db(): Db {
    return this.vault.session().db;
  }

  now(): string {
    return this.#clock.now().toISOString();
  }

  nowMs(): number {
    return this.#clock.now().getTime();
  }

  today(): string {
    return utcToday(this.#clock.now());
  }

  write<T>(task: () => Promise<T> | T): Promise<T> {
    return this.#writes.run(task);
  }

  /** Sends the budget and spike alerts that became due, each once. */
  sendDueAlerts(): CostAlert[] {
    const alerts = dueAlerts(this.db(), this.today(), this.now());
    for (const alert of alerts) {
      this.#notifier?.notify(alert);
      this.#events.emit('costAlert', alert);
    }
    return alerts;
  }
}
