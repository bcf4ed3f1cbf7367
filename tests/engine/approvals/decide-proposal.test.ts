import { describe, expect, it } from 'vitest';
import { getClientOrderId } from '../../../src/engine/execution/client-order-id.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { ANN, BOB, createApprovalEngine, proposeOk } from './approval-harness.js';

async function setUp() {
  const h = createApprovalEngine();
  const id = await proposeOk(h.engine);
  h.events.length = 0;
  const reference = toDecimal((await h.engine.getProposal(id))?.referencePrice ?? '0');
  return { ...h, id, reference };
}

describe('approve: the happy path', () => {
  it('approves, stores the intent in the same step, executes in the background and fills once', async () => {
    const h = await setUp();
    const result = await h.engine.approve(h.id, ANN);
    expect(result.kind === 'approved' ? result.clientOrderId : result.kind, 'the client order id derives from the proposal').toBe(getClientOrderId(h.id));
    expect((await h.engine.getProposal(h.id))?.decision, 'who and when').toMatchObject({ decision: 'approved', by: ANN.id, byName: 'Ann' });
    await h.settle();
    expect((await h.engine.getProposal(h.id))?.state, 'the paper market order fills').toBe('filled');
    expect((await h.engine.listOrders()).map((o) => [o.clientOrderId, o.state, o.submitAttempts]), 'one order, one POST').toEqual([[getClientOrderId(h.id), 'filled', 1]]);
    expect(h.events.map((e) => e.type), 'each step is told').toEqual(['proposal_decided', 'order_submitted', 'order_finished']);
  });

  it('a drift within the tolerance is fine', async () => {
    const h = await setUp();
    h.setPrice('BTC/USDT', h.reference.mul('1.009'));
    expect((await h.engine.approve(h.id, ANN)).kind, '0.9% < 1%').toBe('approved');
    await h.settle();
  });
});

describe('approve: re-checked at tap time', () => {
  it('refuses when the price drifted beyond the tolerance, and leaves the proposal pending', async () => {
    const h = await setUp();
    h.setPrice('BTC/USDT', h.reference.mul('1.02'));
    const result = await h.engine.approve(h.id, ANN);
    expect(result.kind, 'a stale price is not what the person approved').toBe('refused');
    expect(result.kind === 'refused' ? result.reason : '', 'says how far it moved').toMatch(/^the price moved 2\.00% since the proposal .*tolerance 1%\)$/);
    expect((await h.engine.getProposal(h.id))?.state, 'may be approved once the price is back').toBe('pending');
    expect([(await h.engine.listOrders()).length, h.events.map((e) => e.type)], 'no order, one refusal event').toEqual([0, ['approval_refused']]);
  });

  it('refuses while a gate blocks (paused after proposing), and leaves the proposal pending', async () => {
    const h = await setUp();
    await h.engine.pause(ANN);
    const result = await h.engine.approve(h.id, ANN);
    expect(result.kind === 'refused' ? result.reason : result.kind, 'the reason, without repeating the gate it names').toBe('trading is paused (/resume to continue)');
    expect([(await h.engine.getProposal(h.id))?.state, (await h.engine.listOrders()).length], 'pending, nothing sent').toEqual(['pending', 0]);
    await h.engine.resume(ANN);
    expect((await h.engine.approve(h.id, ANN)).kind, 'approvable again after /resume').toBe('approved');
    await h.settle();
  });

  it('cancels on a block that waiting cannot clear (min_confidence raised since)', async () => {
    const h = await setUp();
    // Raised from the chat after the proposal: the re-check at the tap reads the current profile.
    const raised = await h.engine.thresholds.apply({ accountId: 'paper', key: 'minConfidence', value: 0.95 }, { id: ANN.id, name: ANN.name, role: 'approver' });
    expect(raised.kind, 'an approver may tighten').toBe('applied');
    const result = await h.engine.approve(h.id, ANN);
    expect(result.kind, 'refused').toBe('refused');
    expect((await h.engine.getProposal(h.id)), 'closed for good, with the reason').toMatchObject({ state: 'canceled', reason: 'min_confidence: confidence 0.9 is below the minimum 0.95' });
    expect((await h.engine.listOrders()), 'nothing sent').toEqual([]);
  });

  it('after the deadline it answers "already decided" with the expired proposal, and sends nothing', async () => {
    const h = await setUp();
    h.clock.advance(30 * 60_000);
    const result = await h.engine.approve(h.id, ANN);
    expect(result.kind === 'already_decided' ? result.proposal.state : result.kind, 'expired before the tap counted').toBe('expired');
    expect((await h.engine.listOrders()), 'no order for an expired idea').toEqual([]);
  });

  it('answers not_found for an unknown id', async () => {
    const h = await setUp();
    expect(await h.engine.approve('p-nope', ANN), 'a value, not a throw').toEqual({ kind: 'not_found' });
  });
});

describe('reject and double taps', () => {
  it('rejects without a re-check, once; later taps are "already decided"', async () => {
    const h = await setUp();
    h.setPrice('BTC/USDT', h.reference.mul(2));
    const result = await h.engine.reject(h.id, BOB);
    expect(result.kind, 'rejection can only make things safer').toBe('rejected');
    expect((await h.engine.getProposal(h.id)), 'recorded with who and when').toMatchObject({ state: 'rejected', decision: { decision: 'rejected', by: BOB.id, byName: 'Bob' } });
    expect((await h.engine.reject(h.id, ANN)).kind, 'a second reject').toBe('already_decided');
    expect((await h.engine.approve(h.id, ANN)).kind, 'an approve after the reject').toBe('already_decided');
    expect([(await h.engine.listOrders()).length, h.events.map((e) => e.type)], 'no order; one decision event').toEqual([0, ['proposal_decided']]);
  });

  it('two concurrent approves → exactly one "approved", the other "already_decided", one order', async () => {
    const h = await setUp();
    const results = await Promise.all([h.engine.approve(h.id, ANN), h.engine.approve(h.id, BOB)]);
    await h.settle();
    expect(results.map((r) => r.kind).sort(), 'one winner').toEqual(['already_decided', 'approved']);
    expect((await h.engine.listOrders()).length, 'exactly one order').toBe(1);
    const ledger = h.document.data.paperLedgers['paper'];
    expect(ledger?.orderSequence, 'exactly one order reached the venue').toBe(1);
    expect((await h.engine.getProposal(h.id))?.history.filter((e) => e.state === 'approved').length, 'approved once in the history').toBe(1);
  });

  it('approve racing reject: one of them decides, never both', async () => {
    const h = await setUp();
    const results = await Promise.all([h.engine.approve(h.id, ANN), h.engine.reject(h.id, BOB)]);
    await h.settle();
    const decided = results.filter((r) => r.kind === 'approved' || r.kind === 'rejected');
    expect(decided.length, 'exactly one decision').toBe(1);
    expect((await h.engine.getProposal(h.id))?.decision?.decision, 'the stored decision is the winner').toBe(decided[0]?.kind);
  });
});
