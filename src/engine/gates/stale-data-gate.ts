import type { Gate, GateVerdict } from './gate.js';

const NAME = 'stale_market_data';

/**
 * Sizing and the price checks are only as good as the price they use: an old quote (a
 * stalled feed, a halted symbol), a non-positive one, or one for another symbol blocks.
 */
export const staleDataGate: Gate = {
  name: NAME,
  check({ proposal, account, market, now }): GateVerdict {
    const ageSeconds = (now.getTime() - market.observedAt.getTime()) / 1000;
    const details = {
      price: market.price.toString(),
      // toISOString throws on an invalid date; the verdict must still be a value.
      observedAt: Number.isNaN(ageSeconds) ? 'invalid' : market.observedAt.toISOString(),
      ageSeconds: ageSeconds.toFixed(1),
      maxAgeSeconds: String(account.maxDataAgeSeconds),
    };
    if (market.symbol !== proposal.symbol) {
      return { gate: NAME, outcome: 'block', reason: `the price is for ${market.symbol}, not ${proposal.symbol}`, details };
    }
    if (!market.price.isFinite() || market.price.lte(0)) {
      return { gate: NAME, outcome: 'block', reason: `the price of ${proposal.symbol} is not positive (${details.price})`, details };
    }
    // Written so that an invalid observedAt (NaN age) blocks rather than passes.
    if (!(ageSeconds <= account.maxDataAgeSeconds)) {
      const reason = `the price of ${proposal.symbol} is ${Math.round(ageSeconds)} s old (limit ${account.maxDataAgeSeconds} s)`;
      return { gate: NAME, outcome: 'block', reason, details };
    }
    return { gate: NAME, outcome: 'pass', details };
  },
};
