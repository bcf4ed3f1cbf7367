import type { ProposeInput } from '../proposals/create-proposal.js';
import type { Timeframe } from '../market/bars.js';
import { toDecimal, toDecimalString } from '../money/decimal.js';
import type { Signal } from '../strategies/strategy.js';

/** One signal that survived the scan's dedupe, with where it came from. */
export interface ScanCandidate {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly strategy: string;
  readonly signal: Signal;
}

export interface SizingRequest {
  readonly accountId: string;
  /** Quote currency to spend per buy, a plain decimal. */
  readonly notionalPerTrade: string;
}

/**
 * A market order idea for the gates: buys spend the configured notional, sells close the
 * whole held quantity. Undefined for a sell with nothing held (strategies only sell what
 * is held; a position closed since must not turn into a short).
 */
export function toProposeInput(candidate: ScanCandidate, request: SizingRequest, heldQuantity: number): ProposeInput | undefined {
  const { signal } = candidate;
  if (signal.side === 'sell' && !(heldQuantity > 0)) return undefined;
  const size = signal.side === 'buy'
    ? { kind: 'notional' as const, notional: request.notionalPerTrade }
    : { kind: 'quantity' as const, quantity: toDecimalString(heldQuantity) };
  const stopPrice = toPriceString(signal.stop);
  const targetPrice = toPriceString(signal.target);
  return {
    accountId: request.accountId,
    symbol: candidate.symbol,
    side: signal.side,
    size,
    orderType: 'market',
    ...(stopPrice === undefined ? {} : { stopPrice }),
    ...(targetPrice === undefined ? {} : { targetPrice }),
    source: `strategy:${candidate.strategy}`,
    confidence: signal.confidence,
    rationale: `${candidate.strategy} on ${candidate.timeframe} bars: ${signal.reasons.join('; ')}`,
  };
}

/**
 * Indicator levels are binary floats (63849.99999999999); ten significant digits keep
 * every real tick and drop the noise. Rounding to the venue's tick happens at execution.
 */
function toPriceString(price: number | undefined): string | undefined {
  if (price === undefined || !Number.isFinite(price) || !(price > 0)) return undefined;
  return toDecimalString(toDecimal(price).toSignificantDigits(10));
}
