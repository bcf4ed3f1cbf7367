import { toDecimal, toDecimalString } from '../money/decimal.js';
import type { OrderRecord, OrderState } from '../orders/order-record.js';
import type { FillSummary, Proposal, ProposalState } from '../proposals/proposal.js';
import { canTransition, transitionProposal } from '../proposals/transition-proposal.js';

const TARGET: Readonly<Record<OrderState, ProposalState | undefined>> = {
  intent: undefined,
  unknown: undefined,
  open: 'submitted',
  partially_filled: 'partially_filled',
  filled: 'filled',
  canceled: 'canceled',
  rejected: 'failed',
  expired: 'expired',
};

/**
 * Brings a proposal in line with its order, through legal transitions only (approved →
 * submitted → filled, never a jump). Returns the proposal unchanged when nothing moved.
 */
export function syncProposalWithOrder(proposal: Proposal, order: OrderRecord, at: Date): Proposal {
  const target = TARGET[order.state];
  if (target === undefined) return proposal;
  const fill = getFillSummary(proposal, order);
  const grew = fill !== undefined && fill.filledQuantity !== proposal.fill?.filledQuantity;
  if (target === proposal.state && !(target === 'partially_filled' && grew)) return proposal;

  let next = proposal;
  const event = { at: at.toISOString(), ...(order.reason === undefined ? {} : { note: order.reason }) };
  if (!canTransition(next.state, target) && canTransition(next.state, 'submitted')) {
    next = transitionProposal(next, 'submitted', event);
  }
  if (!canTransition(next.state, target)) return next;
  const reason = target === 'failed' || target === 'canceled' || target === 'expired' ? order.reason : undefined;
  return transitionProposal(next, target, event, { ...(fill === undefined ? {} : { fill }), ...(reason === undefined ? {} : { reason }) });
}

/** Average price, fees and slippage against the proposal's reference (positive = worse). */
export function getFillSummary(proposal: Proposal, order: OrderRecord): FillSummary | undefined {
  if (order.averagePrice === undefined || toDecimal(order.filledQuantity).lte(0)) return undefined;
  const average = toDecimal(order.averagePrice);
  const reference = toDecimal(proposal.referencePrice);
  const slippage = proposal.side === 'buy' ? average.minus(reference) : reference.minus(average);
  return { filledQuantity: order.filledQuantity, averagePrice: order.averagePrice, fees: order.fees, slippage: toDecimalString(slippage) };
}
