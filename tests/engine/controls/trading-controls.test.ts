import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { ANN, BTC_BUY, createApprovalEngine, proposeOk } from '../approvals/approval-harness.js';

/** A resting paper limit buy 3% under the market, approved and left open after fill verification timed out. */
async function setUpOpenLimitOrder() {
  const h = createApprovalEngine({ pollAdvancesClock: true });
  const price = toDecimal((await h.engine.quote('paper', 'BTC/USDT')) ?? '0');
  const id = await proposeOk(h.engine, { orderType: 'limit', limitPrice: price.mul('0.97').toFixed(2) });
  await h.engine.approve(id, ANN);
  await h.settle();
  return { ...h, id };
}

describe('halt (kill switch)', () => {
  it('persists the halt, cancels open limit orders at the venue, and refuses later approvals', async () => {
    const h = await setUpOpenLimitOrder();
    expect([(await h.engine.getProposal(h.id))?.state, h.events.at(-1)?.type], 'precondition: resting, watched quietly').toEqual(['submitted', 'order_submitted']);
    const waiting = await proposeOk(h.engine, { symbol: 'ETH/USDT' });

    const report = await h.engine.halt(ANN);
    expect(h.engine.controls(), 'stored first: holds across a restart, with who and when').toMatchObject({ paused: false, halted: true, haltedBy: { id: ANN.id, name: 'Ann' } });
    expect(report, 'the resting order was canceled at the venue').toEqual({ canceled: 1, failures: [] });
    expect(h.events.at(-1), 'the chat is told what was canceled').toEqual({ type: 'trading_control', action: 'halted', by: ANN.id, byName: 'Ann', canceledOrders: 1, failures: [] });

    const refused = await h.engine.approve(waiting, ANN);
    expect(refused.kind === 'refused' ? refused.reason : refused.kind, 'the kill switch gate answers, without repeating its name').toBe('trading is halted (kill switch)');
    expect((await h.engine.getProposal(waiting))?.state, 'still pending: a halt can be lifted').toBe('pending');
    const blocked = await h.engine.propose({ ...BTC_BUY, symbol: 'SOL/USDT' });
    expect(blocked.kind === 'blocked' ? blocked.trace.blockedBy : blocked.kind, 'no new proposals either').toBe('kill_switch');
  });

  it('records the cancels it made in the same flow: /orders and /status stop showing them open, and no false HIGH follows', async () => {
    const h = await setUpOpenLimitOrder();
    h.events.length = 0;
    await h.engine.halt(ANN);

    const [order] = await h.engine.listOrders();
    expect([order?.state, order?.reason, order?.cancelRequestedAt !== undefined], 'canceled in our store before /halt answers').toEqual(['canceled', 'by the kill switch', true]);
    expect(await h.engine.getProposal(h.id), 'the card follows').toMatchObject({ state: 'canceled', reason: 'by the kill switch' });
    const status = await h.engine.getStatus();
    expect(JSON.stringify(status), '/status counts no order as open').toContain('"label":"orders not final","count":0');
    expect(h.events.map((e) => e.type), 'the cancel is told under the card, then the halt').toEqual(['order_finished', 'trading_control']);

    h.events.length = 0;
    await h.engine.reconcile();
    expect(h.events.map((e) => e.type), 'a minute later: nothing differed at the venue').toEqual([]);
  });

  it('when the lookup after the cancel fails, the minute check records the cancel later without a HIGH', async () => {
    let lookupsFail = false;
    const h = createApprovalEngine({
      pollAdvancesClock: true,
      runtimes: (built) => {
        const runtime = built.get('paper');
        if (runtime === undefined) throw new Error('no paper account');
        const getOrderByClientId: typeof runtime.broker.getOrderByClientId = (id, symbol) =>
          lookupsFail ? Promise.reject(new Error('HTTP 503')) : runtime.broker.getOrderByClientId(id, symbol);
        return new Map([['paper', { ...runtime, broker: { ...runtime.broker, getOrderByClientId } }]]);
      },
    });
    const price = toDecimal((await h.engine.quote('paper', 'BTC/USDT')) ?? '0');
    const id = await proposeOk(h.engine, { orderType: 'limit', limitPrice: price.mul('0.97').toFixed(2) });
    await h.engine.approve(id, ANN);
    await h.settle();
    lookupsFail = true;
    await h.engine.halt(ANN);
    expect((await h.engine.getProposal(id))?.state, 'not confirmed yet').toBe('submitted');
    lookupsFail = false;
    h.events.length = 0;
    await h.engine.reconcile();
    expect(h.events.map((e) => e.type), 'the cancel was ours: told as finished, not as a mismatch').toEqual(['order_finished']);
    expect((await h.engine.getProposal(id))?.state, 'recorded').toBe('canceled');
  });

  it('reports a venue it could not reach instead of hiding it', async () => {
    const h = createApprovalEngine({
      runtimes: (built) => {
        const runtime = built.get('paper');
        if (runtime === undefined) throw new Error('no paper account');
        const broken = { ...runtime.broker, cancelAllOpenOrders: () => Promise.reject(new Error('HTTP 503')) };
        return new Map([['paper', { ...runtime, broker: broken }]]);
      },
    });
    const report = await h.engine.halt(ANN);
    expect(report, 'the failure names the account').toEqual({ canceled: 0, failures: ['paper: HTTP 503'] });
    expect(h.engine.controls().halted, 'halted anyway').toBe(true);
  });

  it('resume clears the halt and the pause', async () => {
    const h = createApprovalEngine();
    const id = await proposeOk(h.engine);
    await h.engine.pause(ANN);
    await h.engine.halt(ANN);
    expect(h.engine.controls(), 'both set').toMatchObject({ paused: true, halted: true });
    await h.engine.resume(ANN);
    expect(h.engine.controls(), 'both cleared; who resumed is kept').toMatchObject({ paused: false, halted: false, resumedBy: { name: 'Ann' } });
    expect([h.engine.controls().pausedBy, h.engine.controls().haltedBy], 'who paused and halted goes with the switches').toEqual([undefined, undefined]);
    expect((await h.engine.approve(id, ANN)).kind, 'approvals work again').toBe('approved');
    await h.settle();
  });

  it('records who paused and halted, by name, and when', async () => {
    const h = createApprovalEngine();
    const pausedAt = h.clock.now().toISOString();
    await h.engine.pause(ANN);
    h.clock.advance(60_000);
    await h.engine.halt({ id: 2, name: '@bob' });
    expect(h.engine.controls(), 'each switch with its own who and when').toEqual({
      paused: true,
      halted: true,
      pausedBy: { id: ANN.id, name: 'Ann', at: pausedAt },
      haltedBy: { id: 2, name: '@bob', at: new Date(Date.parse(pausedAt) + 60_000).toISOString() },
    });
  });

  it('pause blocks new proposals with a reason that says how to undo it', async () => {
    const h = createApprovalEngine();
    await h.engine.pause(ANN);
    const result = await h.engine.propose(BTC_BUY);
    const verdict = result.kind === 'blocked' ? result.trace.verdicts.at(-1) : undefined;
    expect(verdict, 'the paused gate').toEqual({ gate: 'paused', outcome: 'block', reason: 'trading is paused (/resume to continue)', details: { paused: 'true' } });
  });
});

describe('expireDue', () => {
  it('expires only the pending proposals past their deadline', async () => {
    const h = createApprovalEngine();
    const early = await proposeOk(h.engine);
    const decided = await proposeOk(h.engine, { symbol: 'SOL/USDT' });
    await h.engine.reject(decided, ANN);
    h.clock.advance(20 * 60_000);
    const late = await proposeOk(h.engine, { symbol: 'ETH/USDT' });
    h.clock.advance(10 * 60_000);
    h.events.length = 0;

    const expired = await h.engine.expireDue();
    expect(expired.map((p) => p.id), 'only the 30-minute-old pending one').toEqual([early]);
    expect((await h.engine.getProposal(early))?.history.at(-1), 'the history says why').toMatchObject({ state: 'expired', note: 'not decided before its deadline' });
    expect([(await h.engine.getProposal(late))?.state, (await h.engine.getProposal(decided))?.state], 'the others untouched').toEqual(['pending', 'rejected']);
    expect(h.events.map((e) => (e.type === 'proposal_expired' ? e.proposal.id : e.type)), 'one event per expiry').toEqual([early]);
    expect(await h.engine.expireDue(), 'idempotent').toEqual([]);
  });
});
