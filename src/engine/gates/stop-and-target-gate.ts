import { toDecimal, type Decimal } from '../money/decimal.js';
import { calculateRewardRisk } from '../proposals/calculate-reward-risk.js';
import type { Side } from '../proposals/proposal.js';
import type { Gate, GateVerdict } from './gate.js';
import { formatPercentValue, formatPrice } from '../text/format-number.js';

const NAME = 'stop_and_target';

type Level = 'stop' | 'target';

/**
 * A stop or target on the wrong side of the entry (a buy's stop above the price) or far
 * from it (a target of 10 on a 144 coin) is a typo or a confused idea, and it is what the
 * trade is judged by. Each must sit on its side — for a buy stop < entry < target, for a
 * sell the reverse — and within the account's `stopTargetBandPct` of the entry (the
 * limit, or the market price for a market order). That band is wider than the limit-price
 * band on purpose: a dropped or extra digit is 90 % off or more, while a real swing plan's
 * target can sit 15 % away.
 */
export const stopAndTargetGate: Gate = {
  name: NAME,
  check({ proposal, account, market }): GateVerdict {
    const entry = proposal.limitPrice === undefined ? market.price : toDecimal(proposal.limitPrice);
    const levels: [Level, Decimal][] = [];
    if (proposal.stopPrice !== undefined) levels.push(['stop', toDecimal(proposal.stopPrice)]);
    if (proposal.targetPrice !== undefined) levels.push(['target', toDecimal(proposal.targetPrice)]);
    const details: Record<string, string> = { side: proposal.side, entry: entry.toFixed(), bandPct: String(account.stopTargetBandPct) };
    if (levels.length === 0) return { gate: NAME, outcome: 'pass', details };
    if (!entry.isFinite() || entry.lte(0)) return { gate: NAME, outcome: 'block', reason: 'there is no valid entry price to check the stop and target against', details };
    for (const [level, price] of levels) {
      const distancePct = price.minus(entry).abs().div(entry).mul(100);
      details[level] = price.toFixed();
      details[`${level}DistancePct`] = distancePct.toDecimalPlaces(2).toFixed();
      const wrongSide = describeWrongSide(proposal.side, level, price, entry, market.rules.priceIncrement);
      if (wrongSide !== undefined) return { gate: NAME, outcome: 'block', reason: wrongSide, details };
      if (distancePct.gt(account.stopTargetBandPct)) {
        const tick = market.rules.priceIncrement;
        const reason = `the ${level} ${formatPrice(price, tick)} is ${formatPercentValue(distancePct.toDecimalPlaces(2))} from the entry ${formatPrice(entry, tick)} (limit ${account.stopTargetBandPct}%)`;
        return { gate: NAME, outcome: 'block', reason, details };
      }
    }
    const [stop, target] = [proposal.stopPrice, proposal.targetPrice].map((p) => (p === undefined ? undefined : toDecimal(p)));
    const ratio = stop === undefined || target === undefined ? undefined : calculateRewardRisk(entry, stop, target);
    return { gate: NAME, outcome: 'pass', details: ratio === undefined ? details : { ...details, rewardRisk: ratio.toDecimalPlaces(2).toFixed() } };
  },
};

/** Why the level is on the wrong side of the entry, or undefined when it is on the right one. */
function describeWrongSide(side: Side, level: Level, price: Decimal, entry: Decimal, tick: Decimal): string | undefined {
  // A buy profits above the entry and a sell below it: the target sits on that side, the stop on the other.
  const mustBeAbove = (side === 'buy') === (level === 'target');
  if (mustBeAbove ? price.gt(entry) : price.lt(entry)) return undefined;
  const where = price.eq(entry) ? 'at' : mustBeAbove ? 'below' : 'above';
  return `the ${level} ${formatPrice(price, tick)} is ${where} the entry ${formatPrice(entry, tick)}: a ${side}'s ${level} must be ${mustBeAbove ? 'above' : 'below'} it`;
}
