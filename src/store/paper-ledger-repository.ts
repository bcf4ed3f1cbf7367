import type { PaperLedger, PaperLedgerPort, PaperOrder } from '../engine/ports/paper-ledger.js';
import { paperOrderId } from './archive-settled.js';
import { CountersignError } from '../errors.js';
import type { Store } from './open-store.js';
import { PaperLedgerSchema, formatZodIssues } from './schema.js';

/**
 * A ledger the schema refuses was about to be saved: a bug in the paper broker. It is
 * refused before the write, because one bad field would make the whole store fail to
 * load on the next start.
 */
export class InvalidPaperLedgerError extends CountersignError {
  readonly code = 'paper_ledger_invalid';
  constructor(
    readonly accountId: string,
    readonly issues: readonly string[],
  ) {
    super(`refused to save the paper ledger of ${accountId}: ${issues.join('; ')}`);
  }
}

/**
 * The paper broker's balances, positions and open orders, one ledger per account id.
 * Filled and canceled orders move to the history after a save (see archive-settled.ts).
 */
export function createPaperLedgerRepository(store: Pick<Store, 'document' | 'archiver' | 'history'>): PaperLedgerPort {
  const { document, archiver, history } = store;
  return {
    load(accountId): PaperLedger | undefined {
      const ledgers = document.read().paperLedgers;
      // Own keys only: an account id like "constructor" must not find Object.prototype.
      return Object.hasOwn(ledgers, accountId) ? structuredClone(ledgers[accountId]) : undefined;
    },
    async save(accountId, ledger) {
      const result = PaperLedgerSchema.safeParse(ledger);
      if (!result.success) throw new InvalidPaperLedgerError(accountId, formatZodIssues(result.error, `paperLedgers.${accountId}`));
      await document.update((data) => {
        // A computed key in a literal is always an own property, even "__proto__".
        data.paperLedgers = { ...data.paperLedgers, [accountId]: result.data };
      });
      archiver.request();
    },
    findSettledOrder: (accountId, clientOrderId) => history.get<PaperOrder>('paper_order', paperOrderId(accountId, clientOrderId)),
  };
}
