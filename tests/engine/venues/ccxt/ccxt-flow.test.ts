import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProposeInput } from '../../../../src/engine/proposals/create-proposal.js';
import { createCcxtBroker } from '../../../../src/engine/venues/ccxt/ccxt-broker.js';
import { getClientOrderId } from '../../../../src/engine/execution/client-order-id.js';
import { createTestClock, createTestEngine } from '../../../helpers/test-engine.js';
import { localOnlyFetch, startFakeBinance, type FakeBinance, type FakeReply } from './fake-binance.js';
import { loadFixture } from '../load-fixture.js';

// The same flow as on paper, through ccxt's binance class against a local server speaking
// Binance's REST format with recorded payloads.
const ANN = { id: 1, name: 'Ann' };
/** 30 s after the recorded ticker's closeTime (2024-05-17T14:51:00Z): a fresh price. */
const TICKER_TIME = '2024-05-17T14:51:30Z';
/**
 * The recorded account already holds 0.015 BTC (~22 % of its 4,634 USDT equity), so the
 * default 10 % position limit would block any BTC buy: this book allows 50 %.
 */
const ACCOUNTS = '[{"id":"steady","venue":"paper","maxPositionPct":50}]';

type Json = Record<string, unknown>;

let fake: FakeBinance;
beforeEach(async () => {
  fake = await startFakeBinance();
  fake.on('GET', '/api/v3/account', { body: loadFixture('binance', 'account') });
  fake.on('GET', '/api/v3/ticker/24hr', (request) => ({ body: loadFixture('binance', request.params.has('symbols') ? 'tickers' : 'ticker-btcusdt') }));
});
afterEach(async () => {
  expect(fake.requests.filter((request) => !request.routed), 'ccxt called only the endpoints a spot flow needs').toEqual([]);
  await fake.close();
});

/** The order POST answers `post`; lookups walk through `states`, the last one repeating. */
function scriptOrders(post: FakeReply, states: readonly Json[]) {
  fake.on('POST', '/api/v3/order', (request) => {
    const clientOrderId = request.params.get('newClientOrderId');
    return (post.status ?? 200) === 200 ? { ...post, body: { ...(post.body as Json), clientOrderId } } : post;
  });
  let looks = 0;
  fake.on('GET', '/api/v3/order', (request) => {
    looks += 1;
    const state = states[Math.min(looks, states.length) - 1] ?? {};
    return { body: { ...state, clientOrderId: request.params.get('origClientOrderId') } };
  });
}

function createCcxtEngine() {
  const broker = createCcxtBroker({ exchangeId: 'binance', apiKey: 'api-key', secret: 'api-secret', sandbox: false, urlsOverride: fake.url, fetchImplementation: localOnlyFetch });
  return createTestEngine({
    clock: createTestClock(TICKER_TIME),
    accounts: ACCOUNTS,
    runtimes: (built) => {
      const runtime = built.get('steady');
      if (runtime === undefined) throw new Error('no steady account');
      return new Map([['steady', { profile: { ...runtime.profile, venue: 'ccxt:binance' as const }, broker, market: broker }]]);
    },
  });
}

const MARKET_BUY: ProposeInput = {
  accountId: 'steady',
  symbol: 'BTC/USDT',
  side: 'buy',
  // Off the 0.00001 lot step on purpose: the venue must get 0.0015.
  size: { kind: 'quantity', quantity: '0.001504' },
  orderType: 'market',
  source: 'manual',
  confidence: 0.9,
  rationale: 'flow test',
};

async function proposeAndApprove(h: ReturnType<typeof createCcxtEngine>, input: ProposeInput = MARKET_BUY) {
  const proposed = await h.engine.propose(input);
  if (proposed.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(proposed)}`);
  const approved = await h.engine.approve(proposed.proposal.id, ANN);
  expect(approved.kind, 'the re-check at tap time passes').toBe('approved');
  expect(await h.tasks.drain(10_000), 'execution finishes in the background').toBe(true);
  return { id: proposed.proposal.id, clientOrderId: getClientOrderId(proposed.proposal.id) };
}

const posted = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v3/order').map((r) => r.params);
const lookedUp = () => fake.requests.filter((r) => r.method === 'GET' && r.path === '/api/v3/order').map((r) => r.params.get('origClientOrderId'));

/** GET /api/v3/order as Binance answers it: the order without its fills. */
const queried = (changes: Json) => ({ ...loadFixture<Json>('binance', 'query-order'), ...changes });
const MARKET_FILLED = queried({ orderId: 28457211, type: 'MARKET', price: '0.00000000', origQty: '0.00150000', executedQty: '0.00150000', cummulativeQuoteQty: '100.20750000', status: 'FILLED' });

describe('the same flow runs through the ccxt adapter against payloads shaped like the real API', () => {
  it('propose → approve → POST with the derived id and rounded quantity → lookup by client id → filled', async () => {
    const h = createCcxtEngine();
    scriptOrders({ body: loadFixture('binance', 'order-market-buy-full') }, [MARKET_FILLED]);
    const { id, clientOrderId } = await proposeAndApprove(h);

    const params = posted().map((p) => Object.fromEntries(['symbol', 'side', 'type', 'quantity', 'newClientOrderId'].map((k) => [k, p.get(k)])));
    expect(params, 'one POST in Binance format, rounded to the lot step').toEqual([{ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.0015', newClientOrderId: clientOrderId }]);
    expect(lookedUp(), 'the fill was verified by client order id').toEqual([clientOrderId]);
    expect((await h.engine.getProposal(id)), 'filled at the average of the two fills; the BTC commission valued in USDT').toMatchObject({
      state: 'filled',
      fill: { filledQuantity: '0.0015', averagePrice: '66805', fees: '0.1002075' },
    });
    expect((await h.engine.listOrders())[0], 'the venue order id is kept').toMatchObject({ state: 'filled', venueOrderId: '28457211', submitAttempts: 1 });
    expect(h.events.map((e) => e.type), 'the chat hears each step').toEqual(['proposal_created', 'proposal_decided', 'order_submitted', 'order_finished']);
  });

  // Regression, fixed (apply-broker-order.ts: `fees: order.fees.toString()` overwrites what we knew).
  // Binance reports commissions only in the POST's `fills`; GET /api/v3/order carries none,
  // so ccxt maps it to fee 0 and the fill check overwrites the 0.1002075 USDT the POST
  // reported: the order record then says 0 while the proposal (synced before) says
  // 0.1002075. Fees only grow with fills; never replace a known fee by an unreported one.
  //
  it('keeps the fees the POST reported after the fill check looks the order up', async () => {
    const h = createCcxtEngine();
    scriptOrders({ body: loadFixture('binance', 'order-market-buy-full') }, [MARKET_FILLED]);
    const { id } = await proposeAndApprove(h);
    expect((await h.engine.getProposal(id))?.fill?.fees, 'the proposal has the fee from the POST').toBe('0.1002075');
    expect((await h.engine.listOrders())[0]?.fees, 'and so must the order record: 0.0000015 BTC at 66805').toBe('0.1002075');
  });

  it('follows a resting limit order from partially filled to filled', async () => {
    const h = createCcxtEngine();
    const states = [queried({}), queried({ executedQty: '0.01000000', cummulativeQuoteQty: '650.00000000', status: 'FILLED' })];
    scriptOrders({ body: loadFixture('binance', 'order-limit-new-full') }, states);
    const limitBuy: ProposeInput = { ...MARKET_BUY, orderType: 'limit', limitPrice: '65000.004', size: { kind: 'quantity', quantity: '0.01' } };
    const { id, clientOrderId } = await proposeAndApprove(h, limitBuy);

    expect(posted().map((p) => [p.get('type'), p.get('price'), p.get('timeInForce')]), 'a GTC limit, price on the tick').toEqual([['LIMIT', '65000', 'GTC']]);
    expect(lookedUp(), '0.004 of 0.01 filled, then all of it').toEqual([clientOrderId, clientOrderId]);
    expect((await h.engine.getProposal(id)), 'average = cumulative quote / executed').toMatchObject({ state: 'filled', fill: { filledQuantity: '0.01', averagePrice: '65000' } });
  });

  it('-2010 insufficient balance fails the proposal with Binance’s reason and is never retried', async () => {
    const h = createCcxtEngine();
    scriptOrders({ status: 400, body: loadFixture('binance', 'error-insufficient-balance') }, []);
    const { id } = await proposeAndApprove(h);

    const proposal = (await h.engine.getProposal(id));
    expect(proposal?.state, 'a definite no').toBe('failed');
    expect(proposal?.reason, 'Binance’s words reach the chat').toContain('Account has insufficient balance for requested action.');
    expect([posted().length, lookedUp().length], 'one POST; nothing to look up').toEqual([1, 0]);
  });
});
