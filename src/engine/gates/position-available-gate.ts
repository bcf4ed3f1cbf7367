import { getSymbolUnits } from '../market/asset-class.js';
import { Decimal, toDecimal } from '../money/decimal.js';
import { sizeOrder } from '../orders/size-order.js';
import type { Gate, GateInput, GateVerdict } from './gate.js';
import { formatQuantity } from '../text/format-number.js';

const NAME = 'position_available';

/**
 * Where the account cannot short (paper, spot crypto, Alpaca without margin), a sell may
 * not exceed what is held minus what open sell orders already promised: the venue would
 * refuse it after Approve, and the risk gates would misread it as a new short.
 */
export const positionAvailableGate: Gate = {
  name: NAME,
  check(input): GateVerdict {
    const { proposal, state } = input;
    if (proposal.side === 'buy') return { gate: NAME, outcome: 'pass', details: { side: 'buy' } };
    const held = state.positions.find((p) => p.symbol === proposal.symbol)?.quantity ?? new Decimal(0);
    const inOpenSells = state.openSellQuantity[proposal.symbol] ?? new Decimal(0);
    const available = Decimal.max(held.minus(inOpenSells), 0);
    const selling = getSellQuantity(input);
    const details = {
      side: 'sell',
      shortingEnabled: String(state.shortingEnabled),
      held: held.toFixed(),
      inOpenSells: inOpenSells.toFixed(),
      available: available.toFixed(),
      selling: selling.toFixed(),
    };
    if (state.shortingEnabled || selling.lte(available)) return { gate: NAME, outcome: 'pass', details };
    return { gate: NAME, outcome: 'block', reason: describeShortfall(proposal.symbol, held, inOpenSells, available, selling), details };
  },
};

/** The quantity the order would sell: rounded as the order will be, or as asked when it cannot be sized. */
function getSellQuantity({ proposal, market }: GateInput): Decimal {
  const sized = sizeOrder(proposal, market.price, market.rules);
  if (sized.ok) return sized.order.quantity;
  return proposal.size.kind === 'quantity' ? toDecimal(proposal.size.quantity) : toDecimal(proposal.size.notional).div(proposal.limitPrice ?? market.price);
}

/** "holding 3.88 SOL (0.5 in open sell orders); a sell of 50 would short …" */
function describeShortfall(symbol: string, held: Decimal, inOpenSells: Decimal, available: Decimal, selling: Decimal): string {
  const { base } = getSymbolUnits(symbol);
  const amount = (d: Decimal) => formatQuantity(d, 12);
  const holding = held.gt(0) ? `holding ${amount(held)} ${base}` : `holding no ${base}`;
  const promised = inOpenSells.gt(0) ? ` (${amount(inOpenSells)} in open sell orders)` : '';
  const most = available.gt(0) ? `; at most ${amount(available)} can be sold` : '';
  return `${holding}${promised}; a sell of ${amount(selling.toSignificantDigits(12))} would short, and this account cannot short${most}`;
}
