import { expect } from 'vitest';
import { getClientOrderId } from '../../../../src/engine/execution/client-order-id.js';
import { isFinalOrderState, type OrderState } from '../../../../src/engine/orders/order-record.js';
import type { ProposalState } from '../../../../src/engine/proposals/proposal.js';
import { canTransition } from '../../../../src/engine/proposals/transition-proposal.js';
import type { CrashableWorld } from './crashable-world.js';
import { PEOPLE, type Outcome } from './run-schedule.js';

/** The proposal state a final order leaves behind (sync-proposal's mapping, restated). */
const PROPOSAL_AFTER: Partial<Record<OrderState, ProposalState>> = { filled: 'filled', canceled: 'canceled', rejected: 'failed', expired: 'expired' };
const LAPSE_REASON = 'not sent before the proposal expired';

/**
 * The reliability target, checked on the persisted store and the venue's own book after
 * quiescence: never two orders for one proposal, never a lost approval, one decision,
 * our records agree with the venue, and every state change was a legal one.
 */
export function checkExactlyOnce(world: CrashableWorld, proposalId: string, outcomes: readonly Outcome[]): void {
  expect(world.failures, 'no background task or event listener failed').toEqual([]);
  const trading = world.trading();
  const proposal = trading.proposals[proposalId];
  if (proposal === undefined) throw new Error('the proposal must survive every crash');

  const states = proposal.history.map((event) => event.state);
  expect(states[0], 'history starts pending').toBe('pending');
  for (let i = 1; i < states.length; i++) {
    expect(canTransition(states[i - 1]!, states[i]!), `every history step is legal: ${states.join(' → ')}`).toBe(true);
  }
  expect(states.at(-1), 'the last history entry is the current state').toBe(proposal.state);

  const atVenue = world.venue.acceptedFor(getClientOrderId(proposalId));
  expect(atVenue.length, 'the venue never accepted two orders for one proposal').toBeLessThanOrEqual(1);
  const records = Object.values(trading.orders).filter((o) => o.proposalId === proposalId);
  expect(records.length, 'one order record per proposal').toBeLessThanOrEqual(1);

  const winners = outcomes.filter((o) => o.kind === 'approved' || o.kind === 'rejected');
  const answers = outcomes.map((o) => `${o.tap} by ${o.who}: ${o.kind}`).join(', ');
  expect(winners.length, `concurrent and repeated taps yield one decision (${answers})`).toBeLessThanOrEqual(1);
  const winner = winners[0];
  if (winner !== undefined) {
    expect(proposal.decision?.decision, 'the acknowledged decision is the stored one').toBe(winner.kind);
    expect(proposal.decision?.by, 'by the person who was told so').toBe(PEOPLE[winner.who].id);
  }

  const record = records[0];
  if (proposal.decision?.decision !== 'approved') {
    expect(record, 'no approval, no order record').toBeUndefined();
    expect(atVenue, 'no approval, nothing at the venue').toEqual([]);
    if (winner?.kind === 'rejected') expect(proposal.state, 'a winning reject is final').toBe('rejected');
    return;
  }
  if (record === undefined) throw new Error(`approved proposal ${proposalId} has no order record: a lost approval`);
  expect(isFinalOrderState(record.state), `the order ends final after quiescence, not ${record.state}`).toBe(true);
  const venueOrder = atVenue[0];
  if (venueOrder === undefined) {
    const explained = record.state === 'rejected' || (record.state === 'canceled' && (record.reason ?? '').includes(LAPSE_REASON));
    expect(explained, `an approval with nothing at the venue says why (order ${record.state}: ${record.reason ?? 'no reason'})`).toBe(true);
  } else {
    expect(record.state, 'our order state is the venue order state').toBe(venueOrder.status);
    expect(record.venueOrderId, 'the record points at the venue order').toBe(venueOrder.venueOrderId);
    expect(record.filledQuantity, 'the filled quantity is the venue one').toBe(venueOrder.filledQuantity.toString());
  }
  expect(proposal.state, `the proposal follows its ${record.state} order`).toBe(PROPOSAL_AFTER[record.state]);
}
