import { toDecimal } from '../money/decimal.js';
import type { Gate, GateVerdict } from './gate.js';
import { formatPercentValue, formatPrice } from '../text/format-number.js';

const NAME = 'price_sanity';

/**
 * A limit far from the market is almost always a typo (an extra zero, a wrong symbol):
 * it would either never fill or fill at a terrible price. Market orders take the market
 * price, so there is nothing to check.
 */
export const priceSanityGate: Gate = {
  name: NAME,
  check({ proposal, account, market }): GateVerdict {
    if (proposal.orderType !== 'limit') return { gate: NAME, outcome: 'pass', details: { orderType: proposal.orderType } };
    if (proposal.limitPrice === undefined) return { gate: NAME, outcome: 'block', reason: 'the limit order has no limit price' };
    const limit = toDecimal(proposal.limitPrice);
    const details = { limitPrice: limit.toString(), marketPrice: market.price.toString(), bandPct: String(account.limitPriceBandPct) };
    if (!limit.isFinite() || limit.lte(0)) {
      return { gate: NAME, outcome: 'block', reason: `the limit price ${details.limitPrice} is not positive`, details };
    }
    if (!market.price.isFinite() || market.price.lte(0)) {
      return { gate: NAME, outcome: 'block', reason: 'there is no valid market price to compare the limit with', details };
    }
    const deviationPct = limit.minus(market.price).abs().div(market.price).mul(100);
    const withDeviation = { ...details, deviationPct: deviationPct.toDecimalPlaces(2).toString() };
    if (deviationPct.lte(account.limitPriceBandPct)) return { gate: NAME, outcome: 'pass', details: withDeviation };
    return {
      gate: NAME,
      outcome: 'block',
      reason:
        `limit ${formatPrice(limit)} is ${formatPercentValue(withDeviation.deviationPct)} from the market price ${formatPrice(market.price)} ` +
        `(limit ${details.bandPct}%)`,
      details: withDeviation,
    };
  },
};
