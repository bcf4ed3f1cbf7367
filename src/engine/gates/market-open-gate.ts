import { getAssetClass } from '../market/asset-class.js';
import { formatNyseTime, isNyseOpen, nextNyseOpen } from '../market/nyse-calendar.js';
import type { Gate } from './gate.js';

/**
 * Equity orders only while the NYSE regular session is open (extended hours are thinly
 * traded and Alpaca needs special order flags for them); crypto trades around the clock.
 */
export const marketOpenGate: Gate = {
  name: 'market_open',
  check({ proposal, now }) {
    const assetClass = getAssetClass(proposal.symbol);
    if (assetClass === 'crypto' || isNyseOpen(now)) return { gate: 'market_open', outcome: 'pass', details: { assetClass } };
    const nextOpen = nextNyseOpen(now);
    return {
      gate: 'market_open',
      outcome: 'block',
      reason: `NYSE is closed; it opens ${formatNyseTime(nextOpen)}`,
      details: { assetClass, nextOpen: nextOpen.toISOString() },
    };
  },
};
