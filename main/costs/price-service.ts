import type { AuditSource } from '../../contract/audit.ts';
import type { ModelPrice, PriceTable } from '../../contract/costs.ts';
import type { ParsedInputOf } from '../../contract/define.ts';
import { KeywardError } from '../../contract/errors.ts';
import type { Contract } from '../../contract/index.ts';
import { appendAudit } from '../audit/log.ts';
import { auditDetail } from '../audit/details.ts';
import { inWriteTransaction } from '../vault/database.ts';
import type { CostContext } from './context.ts';
import { PRICE_SNAPSHOT } from './price-data.ts';
import { deleteOverride, PriceBook, saveOverride } from './pricing.ts';
import { priceUnpricedRecords } from './records.ts';
import { phrase, type Phrase } from '../../i18n/phrase.ts';
import { phraseError, phraseText } from '../../i18n/phrase-text.ts';
import { costErrors } from './errors.ts';

type PriceSetInput = ParsedInputOf<Contract['prices']['set']>;

/** The price table: the shipped snapshot, with the user's own prices over it. */
export class PriceService {
  readonly #costs: CostContext;

  constructor(costs: CostContext) {
    this.#costs = costs;
  }

  list(provider: string | undefined): PriceTable {
    const models = PriceBook.load(this.#costs.db())
      .list()
      .filter((p) => provider === undefined || p.provider === provider)
      .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
    return { source: PRICE_SNAPSHOT.source, snapshotDate: PRICE_SNAPSHOT.snapshotDate, models };
  }

  /** Records left unpriced for lack of this model's price are priced with it; priced records keep their cost. */
  set(input: PriceSetInput, source: AuditSource): Promise<{ price: ModelPrice; repriced: number }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const book = PriceBook.load(db);
      const model = book.resolve(input.model) ?? input.model.trim();
      const current = book.get(model);
      const provider = input.provider ?? current?.provider;
      if (!provider) throw invalid('provider', phrase(costErrors.priceNeedsProvider, { model }));
      const inputRate = input.input ?? current?.input;
      const output = input.output ?? current?.output;
      if (inputRate === undefined || output === undefined) {
        throw invalid(inputRate === undefined ? 'input' : 'output', phrase(costErrors.priceNeedsRates, { model }));
      }
      const price: ModelPrice = {
        model,
        provider,
        name: input.name ?? current?.name ?? model,
        origin: 'user',
        input: inputRate,
        output,
        cachedInput: input.cachedInput ?? current?.cachedInput ?? null,
        cacheWrite: input.cacheWrite ?? current?.cacheWrite ?? null,
        cacheWrite1h: input.cacheWrite1h ?? current?.cacheWrite1h ?? null,
        perRequest: input.perRequest ?? current?.perRequest ?? null,
        above200k: null,
        deprecationDate: current?.deprecationDate ?? null,
        updatedAt: this.#costs.now(),
      };
      const repriced = inWriteTransaction(db, () => {
        saveOverride(db, price, price.updatedAt!);
        const count = priceUnpricedRecords(db, PriceBook.load(db), model);
        appendAudit(db, {
          at: price.updatedAt!,
          action: 'price.set',
          source,
          detail: auditDetail.priceSet(model, count),
        });
        return count;
      });
      if (repriced > 0) this.#costs.sendDueAlerts();
      return { price: PriceBook.load(db).get(model)!, repriced };
    });
  }

  reset(modelText: string, source: AuditSource): Promise<{ price: ModelPrice | null }> {
    return this.#costs.write(() => {
      const db = this.#costs.db();
      const model = PriceBook.load(db).resolve(modelText) ?? modelText.trim();
      const removed = inWriteTransaction(db, () => {
        const removed = deleteOverride(db, model);
        if (removed) appendAudit(db, { at: this.#costs.now(), action: 'price.reset', source, detail: auditDetail.name(model) });
        return removed;
      });
      if (!removed) throw phraseError('NotFound', phrase(costErrors.noOwnPrice, { model }));
      return { price: PriceBook.load(db).get(model) ?? null };
    });
  }
}

/** A field's problem: the issue names the field for a form, the phrase says the problem in the window's language. */
function invalid(path: string, said: Phrase): KeywardError {
  const message = phraseText(said);
  return new KeywardError('Invalid', `${path}: ${message}`, { issues: [{ path, message }], phrase: said });
}
