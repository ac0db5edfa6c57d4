import type { AuditSource } from '../../contract/audit.ts';
import type { CostBasis, PricesUsed, UsageRecord } from '../../contract/costs.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import type { Contract } from '../../contract/index.ts';
import { appendAudit } from '../audit/log.ts';
import { auditDetail } from '../audit/details.ts';
import { keyExists } from '../keys/rows.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { CostContext } from './context.ts';
import { PriceBook } from './pricing.ts';
import { deleteRecord, getRecord, insertRecord, listRecords, recordsCsv } from './records.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';

type AddInput = ParsedInputOf<Contract['usage']['add']>;
type ListInput = ParsedInputOf<Contract['usage']['list']>;
type FilterInput = ParsedInputOf<Contract['usage']['exportCsv']>;

/** Usage records entered by hand, the list of all records, and the CSV export. */
export class UsageService {
  readonly #costs: CostContext;

  constructor(costs: CostContext) {
    this.#costs = costs;
  }

  add(input: AddInput, source: AuditSource): Promise<UsageRecord> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      if (input.keyId && !keyExists(db, input.keyId)) throw phraseError('NotFound', phrase(costErrors.noKey));
      const prices = PriceBook.load(db);
      const model = prices.resolve(input.model) ?? input.model;
      const day = input.day ?? this.#costs.today();
      let cost: number | null = input.costUsd ?? null;
      let basis: CostBasis = 'given';
      let pricesUsed: PricesUsed | null = null;
      if (cost === null) {
        const priced = prices.price(model, input);
        if (priced) {
          cost = priced.costMicros;
          pricesUsed = priced.pricesUsed;
          basis = 'computed';
        } else basis = 'unpriced';
      }
      const at = this.#costs.now();
      const id = inWriteTransaction(db, () => {
        const id = insertRecord(db, {
          ...input,
          day,
          model,
          modelRaw: input.model,
          costMicros: cost,
          costBasis: basis,
          pricesUsed,
          createdAt: at,
        });
        appendAudit(db, {
          at,
          action: 'usage.added',
          source,
          keyId: input.keyId,
          detail: auditDetail.usageRecord({ day, provider: input.provider, model }),
        });
        return id;
      });
      this.#costs.sendDueAlerts();
      return getRecord(db, id)!;
    });
  }

  list(input: ListInput): { records: UsageRecord[]; total: number } {
    return listRecords(this.#costs.db(), input, input.limit, input.offset);
  }

  remove(id: number, source: AuditSource): Promise<{ id: number }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const record = getRecord(db, id);
      if (!record) throw phraseError('NotFound', phrase(costErrors.noRecord));
      inWriteTransaction(db, () => {
        deleteRecord(db, id);
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.deleted',
          source,
          keyId: record.keyId,
          detail: auditDetail.usageRecord(record),
        });
      });
      return { id };
    });
  }

  /** The export writes an audit entry, so it takes its turn with the other writes. */
  exportCsv(filter: FilterInput, source: AuditSource): Promise<{ fileName: string; csv: string; records: number }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const { csv, records } = recordsCsv(db, filter);
      const span = filter.month ?? ([filter.from, filter.to].filter(Boolean).join('_to_') || 'all');
      inWriteTransaction(db, () =>
        appendAudit(db, {
          at: this.#costs.now(),
          action: 'usage.exported',
          source,
          detail: auditDetail.usageExported(records, span),
        }),
      );
      return { fileName: `keyward-usage-${span}.csv`, csv, records };
    });
  }
}
