import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import { parseStoreData } from '../../../src/store/parse-store-data.js';
import { createTestEngine } from '../../helpers/test-engine.js';
import { ANN, BTC_BUY, createApprovalEngine } from '../approvals/approval-harness.js';

describe('propose: invalid input is a value with a problem to show', () => {
  it.each([
    ['an unknown account', { accountId: 'nope' }, 'unknown account "nope" (accounts: paper)'],
    ['an unknown symbol, with the known ones', { symbol: 'ZZZ/USDT' }, '"ZZZ/USDT" is not a symbol on paper. Known there: AAPL, MSFT, NVDA, SPY, TSLA, BTC/USDT, ETH/USDT, SOL/USDT'],
    ['a zero size', { size: { kind: 'quantity', quantity: '0' } }, 'size must be a number above zero, got "0"'],
    ['a negative notional', { size: { kind: 'notional', notional: '-5' } }, 'size must be a number above zero, got "-5"'],
    ['a size that is not a number', { size: { kind: 'quantity', quantity: 'lots' } }, 'size must be a number above zero, got "lots"'],
    ['a limit order without a price', { orderType: 'limit' }, 'a limit order needs a limit price above zero'],
    ['a limit price of zero', { orderType: 'limit', limitPrice: '0' }, 'a limit order needs a limit price above zero'],
    ['a confidence above 1', { confidence: 1.5 }, 'confidence must be between 0 and 1'],
  ] as const)('%s', async (_name, change, problem) => {
    const { engine, events, decisions } = createTestEngine();
    const result = await engine.propose({ ...BTC_BUY, ...change });
    expect(result, 'invalid, with a problem the chat can show').toEqual({ kind: 'invalid', problem });
    expect([engine.listProposals().length, events.length, decisions.entries.length], 'nothing stored, told or logged').toEqual([0, 0, 0]);
  });
});

describe('propose: the gates decide', () => {
  it('blocked by a gate → kind "blocked", logged with outcome "blocked" and the data mode, nothing stored', async () => {
    const { engine, events, decisions } = createTestEngine();
    const result = await engine.propose({ ...BTC_BUY, confidence: 0.2 });
    expect(result.kind, 'an expected negative').toBe('blocked');
    expect(result.kind === 'blocked' ? result.trace.blockedBy : undefined, 'names the gate').toBe('min_confidence');
    expect(decisions.entries.map((d) => [d.outcome, d.dataMode, d.trace.blockedBy]), 'the shadow log keeps blocked ideas').toEqual([['blocked', 'PAPER', 'min_confidence']]);
    expect(decisions.entries[0]?.trace.notEvaluated, 'the gates after the block are listed as not evaluated').toEqual(['position_available', 'cooldown', 'max_open_positions', 'max_position_size', 'max_daily_loss']);
    expect([engine.listProposals().length, events.length], 'no pending proposal, no announcement').toEqual([0, 0]);
  });

  it('blocks a stock while NYSE is closed (Friday 07:00 ET)', async () => {
    const { engine } = createTestEngine();
    const result = await engine.propose({ ...BTC_BUY, symbol: 'AAPL', size: { kind: 'quantity', quantity: '1' } });
    expect(result.kind === 'blocked' ? result.trace.blockedBy : result.kind, 'market hours matter for equities').toBe('market_open');
  });

  it('passed → a pending proposal, a proposal_created event and a "proposed" log entry', async () => {
    const { engine, events, decisions, clock, market } = createTestEngine();
    const result = await engine.propose(BTC_BUY);
    if (result.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(result)}`);
    const { proposal } = result;
    const now = clock.now();
    expect((await engine.getProposal(proposal.id)), 'stored as it was returned').toEqual(proposal);
    expect(proposal, 'priced at the market, pending, with a deadline').toMatchObject({
      state: 'pending',
      accountId: 'paper',
      venue: 'paper',
      referencePrice: market.priceAt('BTC/USDT', now)?.toString(),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + 30 * 60_000).toISOString(),
      history: [{ state: 'pending', at: now.toISOString(), by: ANN.id }],
    });
    expect([proposal.gateTrace.passed, proposal.gateTrace.verdicts.length], 'every default gate ran and passed').toEqual([true, DEFAULT_GATES.length]);
    expect(events, 'the approvers are told').toEqual([{ type: 'proposal_created', proposal }]);
    expect(decisions.entries.map((d) => [d.outcome, d.dataMode, d.proposal.id]), 'logged too').toEqual([['proposed', 'PAPER', proposal.id]]);
  });
});

describe('propose: what is stored is what the store can load again', () => {
  /** A restart: the document as JSON, through the same validation the store runs on load. */
  const reload = (document: { data: unknown }) => () => parseStoreData(JSON.parse(JSON.stringify(document.data)), 'countersign.json');

  it('a normal proposal survives a restart', async () => {
    const { engine, document } = createTestEngine();
    await engine.propose(BTC_BUY);
    expect(reload(document), 'the store loads again').not.toThrow();
  });

  // Regression, fixed (create-proposal.ts checkInput/isPositive): any string decimal.js parses passes, so
  // "$1e2" or "$0x64" (both 100) is stored as the size verbatim; the store schema (plain
  // decimal strings only) then rejects the whole file on the next start.
  // once fixed.
  it.each(['1e2', '0x64'])('refuses or normalizes a notional written as %s', async (notional) => {
    const { engine, document } = createTestEngine();
    const result = await engine.propose({ ...BTC_BUY, size: { kind: 'notional', notional } });
    if (result.kind === 'invalid') return;
    expect(result.kind, 'precondition: 100 USDT passes every gate').toBe('proposed');
    expect(reload(document), `"${notional}" stored verbatim makes the store unloadable`).not.toThrow();
  });

  // Regression, fixed (create-proposal.ts buildProposal: `price.toString()`): decimal.js writes 7e-7 and
  // smaller in exponent notation, so a sub-micro token (Binance lists several) gets
  // referencePrice "6e-7", which the store schema rejects on the next load. The same
  // `toString()` is in build-order-intent.ts, apply-broker-order.ts and sync-proposal.ts.
  it('stores the reference price of a sub-micro token in plain notation', async () => {
    const { engine, document, setPrice } = createApprovalEngine();
    setPrice('BTC/USDT', '0.0000006');
    const result = await engine.propose({ ...BTC_BUY, size: { kind: 'quantity', quantity: '100000' } });
    expect(result.kind, 'the gates pass: a tiny price is still a price').toBe('proposed');
    expect(reload(document), 'referencePrice "6e-7" makes the store unloadable').not.toThrow();
  });
});
