import type { Decimal } from '../money/decimal.js';
import { exact } from './exact-decimal.js';

/**
 * Unrealized P&L, the one definition /positions and /pnl share: what the open quantity is
 * worth at the mark, minus what it cost *including the entry fees already paid*.
 *
 * Why fees in: the entry fee is money already gone, and leaving it out would make a
 * position look better than the account it sits in (and the fees line of /pnl would not
 * add up to the change in equity). Why only the entry fee: the exit fee depends on how and
 * when the position is closed, so it is not guessed; it lands in realized P&L at the sale.
 * So realized + unrealized is always the change in equity so far, to the cent.
 */
export function calculateUnrealized(position: { readonly quantity: Decimal; readonly cost: Decimal }, mark: Decimal): Decimal {
  return exact(position.quantity).mul(mark).minus(position.cost);
}
