import type { AuditSource } from '../../contract/audit.ts';
import type { Budget, BudgetStatus } from '../../contract/costs.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import type { Contract } from '../../contract/index.ts';
import { appendAudit } from '../audit/log.ts';
import { auditDetail } from '../audit/details.ts';
import { keyExists } from '../keys/rows.ts';
import { inWriteTransaction } from '../vault/database.ts';
import { budgetStatus, deleteBudget, getBudget, listBudgets, upsertBudget } from './budgets.ts';
import { monthOf } from '../../contract/days.ts';
import type { CostContext } from './context.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';

type BudgetSetInput = ParsedInputOf<Contract['budgets']['set']>;

/** Monthly budgets: for all usage, a provider or a key. Crossing 50, 80 and 100 % alerts once each. */
export class BudgetService {
  readonly #costs: CostContext;

  constructor(costs: CostContext) {
    this.#costs = costs;
  }

  /** Each budget with its spend in `month` (default: this month). */
  list(month?: string): BudgetStatus[] {
    const db = this.#costs.db();
    const today = this.#costs.today();
    return listBudgets(db).map((budget) => budgetStatus(db, budget, month ?? monthOf(today), today));
  }

  set(input: BudgetSetInput, source: AuditSource): Promise<Budget> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      if (input.scope === 'key' && !keyExists(db, input.keyId!)) throw phraseError('NotFound', phrase(costErrors.noKey));
      const at = this.#costs.now();
      const budget = inWriteTransaction(db, () => {
        const saved = upsertBudget(
          db,
          {
            scope: input.scope,
            provider: input.scope === 'provider' ? input.provider! : null,
            keyId: input.scope === 'key' ? input.keyId! : null,
            monthlyMicros: input.monthlyUsd,
          },
          at,
        );
        appendAudit(db, {
          at,
          action: 'budget.set',
          source,
          keyId: saved.keyId,
          detail: auditDetail.budgetSet(saved),
        });
        return saved;
      });
      this.#costs.sendDueAlerts();
      return budget;
    });
  }

  remove(id: string, source: AuditSource): Promise<{ id: string }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const budget = getBudget(db, id);
      if (!budget) throw phraseError('NotFound', phrase(costErrors.noBudget));
      inWriteTransaction(db, () => {
        deleteBudget(db, id);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'budget.deleted',
          source,
          keyId: budget.keyId,
          detail: auditDetail.budgetDeleted(budget),
        });
      });
      return { id };
    });
  }
}
