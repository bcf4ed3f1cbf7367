import type { DecisionRow } from '../settings/decision-row.js';

/** How long after a decision its price is looked at: 1 d and 7 d. */
export const SHADOW_HORIZONS = [
  { label: '1 d', ms: 86_400_000 },
  { label: '7 d', ms: 7 * 86_400_000 },
] as const;

export type ShadowGroup = 'approved' | 'rejected' | 'expired' | 'blocked';
export const SHADOW_GROUPS: readonly ShadowGroup[] = ['rejected', 'expired', 'blocked', 'approved'];

export interface ShadowMark {
  /** Mean move in the trade's favour, as a fraction of the reference price; undefined with none. */
  readonly average: number | undefined;
  readonly n: number;
}

export interface ShadowPnl {
  readonly horizons: readonly { readonly label: string; readonly groups: Readonly<Record<ShadowGroup, ShadowMark>> }[];
}

/** The price of a symbol of an account at a time (the first bar opening at or after it); undefined when unknown. */
export type PriceAt = (accountId: string, symbol: string, at: number) => number | undefined;

/**
 * Shadow P&L: every decision marked to market at each horizon as if it had been taken at
 * its reference price, grouped by what became of it: approved, rejected or let expire by
 * a person, or blocked by the gates. A buy gains when the price rose, a sell when it
 * fell. Decisions whose horizon is still ahead, or with no price then, are left out.
 */
export function calculateShadowPnl(rows: readonly DecisionRow[], outcomeOf: (row: DecisionRow) => ShadowGroup | undefined, priceAt: PriceAt, now: number): ShadowPnl {
  return {
    horizons: SHADOW_HORIZONS.map((horizon) => {
      const sums: Record<ShadowGroup, { sum: number; n: number }> = { approved: { sum: 0, n: 0 }, rejected: { sum: 0, n: 0 }, expired: { sum: 0, n: 0 }, blocked: { sum: 0, n: 0 } };
      for (const row of rows) {
        const at = row.at + horizon.ms;
        const group = at > now ? undefined : outcomeOf(row);
        if (group === undefined) continue;
        const reference = Number(row.referencePrice);
        const price = priceAt(row.accountId, row.symbol, at);
        if (price === undefined || !(reference > 0)) continue;
        const move = (price - reference) / reference;
        sums[group].sum += row.side === 'buy' ? move : -move;
        sums[group].n += 1;
      }
      const mark = (g: ShadowGroup): ShadowMark => ({ average: sums[g].n === 0 ? undefined : sums[g].sum / sums[g].n, n: sums[g].n });
      return { label: horizon.label, groups: { approved: mark('approved'), rejected: mark('rejected'), expired: mark('expired'), blocked: mark('blocked') } };
    }),
  };
}
