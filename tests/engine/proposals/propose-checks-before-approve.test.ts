import { describe, expect, it } from 'vitest';
import type { AccountRuntime } from '../../../src/engine/execution/execution-deps.js';
import type { ProposeResult } from '../../../src/engine/proposals/create-proposal.js';
import { CircuitOpenError } from '../../../src/resilience/circuit-open-error.js';
import { VenueUnavailableError } from '../../../src/errors.js';
import { VenueAuthError } from '../../../src/engine/venues/broker-errors.js';
import { ANN, BTC_BUY, createApprovalEngine, proposeOk } from '../approvals/approval-harness.js';
import { createTestEngine } from '../../helpers/test-engine.js';

const SOL = { ...BTC_BUY, symbol: 'SOL/USDT' };

function blockOf(result: ProposeResult): string {
  if (result.kind !== 'blocked') return `not blocked: ${result.kind}`;
  const verdict = result.trace.verdicts.at(-1);
  return `${result.trace.blockedBy ?? '?'}: ${verdict?.outcome === 'block' ? verdict.reason : ''}`;
}

/** A paper account holding 2 SOL, bought a moment ago. */
async function holdingTwoSol() {
  const h = createApprovalEngine();
  const id = await proposeOk(h.engine, { ...SOL, size: { kind: 'quantity', quantity: '2' } });
  await h.engine.approve(id, ANN);
  await h.settle();
  return h;
}

describe('propose: what would fail after Approve is refused when proposing', () => {
  it('a sell larger than the paper position is blocked by position_available, saying how much is held', async () => {
    const h = await holdingTwoSol();
    const result = await h.engine.propose({ ...SOL, side: 'sell', size: { kind: 'quantity', quantity: '50' } });
    expect(blockOf(result), 'it used to pass every gate and fail after Approve with "paper accounts cannot short"').toBe(
      'position_available: holding 2 SOL; a sell of 50 would short, and this account cannot short; at most 2 can be sold',
    );
  });

  it('a sell far beyond the position is told as such, not as a 14 % short by max_position_size', async () => {
    const h = await holdingTwoSol();
    const result = await h.engine.propose({ ...SOL, side: 'sell', size: { kind: 'quantity', quantity: '100' } });
    expect(result.kind === 'blocked' ? result.trace.blockedBy : result.kind, 'the position gate answers first').toBe('position_available');
  });

  it('selling what was just bought passes the cooldown: it reduces the position', async () => {
    const h = await holdingTwoSol();
    const result = await h.engine.propose({ ...SOL, side: 'sell', size: { kind: 'quantity', quantity: '2' } });
    expect(result.kind === 'proposed' ? 'proposed' : blockOf(result), 'an exit minutes after the entry is never held back').toBe('proposed');
    const more = await h.engine.propose({ ...SOL, size: { kind: 'quantity', quantity: '1' } });
    expect(more.kind === 'blocked' ? more.trace.blockedBy : more.kind, 'buying more right away still waits').toBe('cooldown');
  });

  it('dust (buy $0.0000001) is blocked by min_order_size with the venue minimum', async () => {
    const { engine } = createTestEngine();
    const result = await engine.propose({ ...SOL, size: { kind: 'notional', notional: '0.0000001' } });
    expect(blockOf(result), 'it used to be proposed as "BUY 0" and refused only after Approve').toMatch(
      /^min_order_size: size 0\.000000000\d+ SOL is below the venue's minimum of 0\.00001 SOL \(about 0\.00\d+ USDT at [\d,.]+\)$/,
    );
  });

  it('a buy whose stop is above the price is blocked by stop_and_target', async () => {
    const { engine, market, clock } = createTestEngine();
    const price = market.priceAt('SOL/USDT', clock.now());
    const result = await engine.propose({ ...SOL, stopPrice: price?.mul('1.01').toDecimalPlaces(2).toFixed() ?? '1' });
    expect(result.kind === 'blocked' ? result.trace.blockedBy : result.kind, 'a stop above a buy fires at once').toBe('stop_and_target');
  });
});

describe('propose: a venue that cannot be asked', () => {
  const failing = (error: Error) => (built: Map<string, AccountRuntime>) => {
    const runtime = built.get('paper');
    if (runtime === undefined) throw new Error('no paper account');
    const broker = { ...runtime.broker, getAccount: () => Promise.reject(error) };
    return new Map([['paper', { ...runtime, broker }]]);
  };

  it.each([
    ['down', new VenueUnavailableError('paper', 'connect ECONNREFUSED 127.0.0.1:443')],
    ['behind an open breaker', new CircuitOpenError('paper')],
  ])('answers "unreachable" as a value when the venue is %s, and proposes nothing', async (_name, error) => {
    const { engine, events, decisions } = createTestEngine({ runtimes: failing(error) });
    const result = await engine.propose(SOL);
    expect(result, 'a value the chat can state, not an error with a ref').toEqual({ kind: 'unreachable', venue: 'paper', reason: error.message, error });
    expect([engine.listProposals().length, events.length, decisions.entries.length], 'nothing stored, told or logged').toEqual([0, 0, 0]);
  });

  it('states a refusal the venue explains (bad keys) as invalid', async () => {
    const { engine } = createTestEngine({ runtimes: failing(new VenueAuthError('paper')) });
    expect(await engine.propose(SOL), 'the venue said why').toEqual({ kind: 'invalid', problem: 'paper refused the API keys; nothing was proposed' });
  });
});
