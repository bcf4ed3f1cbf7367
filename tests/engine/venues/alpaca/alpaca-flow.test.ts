import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlpacaBroker } from '../../../../src/engine/venues/alpaca/alpaca-broker.js';
import { getClientOrderId } from '../../../../src/engine/execution/client-order-id.js';
import { createTestClock, createTestEngine } from '../../../helpers/test-engine.js';
import { loadFixture } from '../load-fixture.js';

// The same flow as on paper — propose, approve, execute, verify the fill — through the
// Alpaca adapter and the SDK's real HTTP calls, answered by nock with recorded payloads.
const PAPER = 'https://paper-api.alpaca.markets';
const DATA = 'https://data.alpaca.markets';
const ANN = { id: 1, name: 'Ann' };
/** Wednesday 10:00 ET: NYSE is open. */
const OPEN_MARKET = '2026-11-18T15:00:00Z';

type Json = Record<string, unknown>;

/** The venue side: recorded reads, plus the order POST and lookups a test scripts. */
function standUpAlpaca(clock: { now: () => Date }, post: { status: number; payload: Json }, lookups: readonly Json[]) {
  const trade = loadFixture<{ symbol: string; trade: Json }>('alpaca', 'latest-trade-aapl');
  // The recorded trade is from 2024: re-stamp it "now" so the stale-data gate sees a live price.
  nock(DATA).persist().get('/v2/stocks/AAPL/trades/latest').query({ feed: 'iex' }).reply(200, () => ({ ...trade, trade: { ...trade.trade, t: clock.now().toISOString() } }));
  nock(PAPER).persist().get('/v2/account').reply(200, loadFixture('alpaca', 'account'));
  nock(PAPER).persist().get('/v2/positions').reply(200, loadFixture('alpaca', 'positions'));
  nock(PAPER).persist().get('/v2/assets/AAPL').reply(200, loadFixture('alpaca', 'asset-aapl'));

  const bodies: Json[] = [];
  const lookedUp: (string | null)[] = [];
  nock(PAPER)
    .persist()
    .post('/v2/orders', (body: Json) => {
      bodies.push(body);
      return true;
    })
    // An accepted order echoes the client order id it was sent with, as Alpaca does.
    .reply((_uri, body) => [post.status, post.status === 200 ? { ...post.payload, client_order_id: (body as Json).client_order_id } : post.payload]);
  nock(PAPER)
    .persist()
    .get('/v2/orders:by_client_order_id')
    .query(true)
    .reply((uri) => {
      const id = new URL(uri, PAPER).searchParams.get('client_order_id');
      lookedUp.push(id);
      // The last scripted state repeats: the venue keeps reporting where the order ended.
      const payload = lookups[Math.min(lookedUp.length, lookups.length) - 1] ?? {};
      return [200, { ...payload, client_order_id: id }];
    });
  return { bodies, lookedUp };
}

function createAlpacaEngine() {
  const clock = createTestClock(OPEN_MARKET);
  const alpaca = createAlpacaBroker({ keyId: 'PKTEST', secretKey: 'secret', live: false });
  return createTestEngine({
    clock,
    accounts: '[{"id":"steady","venue":"paper"}]',
    runtimes: (built) => {
      const runtime = built.get('steady');
      if (runtime === undefined) throw new Error('no steady account');
      return new Map([['steady', { profile: { ...runtime.profile, venue: 'alpaca' as const }, broker: alpaca, market: alpaca }]]);
    },
  });
}

/** A limit buy of ~10 AAPL whose size and limit are off the venue's increments on purpose. */
async function proposeAndApprove(h: ReturnType<typeof createAlpacaEngine>) {
  const proposed = await h.engine.propose({
    accountId: 'steady',
    symbol: 'AAPL',
    side: 'buy',
    size: { kind: 'quantity', quantity: '10.0000000004' },
    orderType: 'limit',
    limitPrice: '189.505',
    source: 'manual',
    confidence: 0.9,
    rationale: 'flow test',
  });
  if (proposed.kind !== 'proposed') throw new Error(`not proposed: ${JSON.stringify(proposed)}`);
  const approved = await h.engine.approve(proposed.proposal.id, ANN);
  expect(approved.kind, 'the re-check at tap time passes').toBe('approved');
  expect(await h.tasks.drain(10_000), 'execution finishes in the background').toBe(true);
  return { id: proposed.proposal.id, clientOrderId: getClientOrderId(proposed.proposal.id) };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('the same flow runs through the Alpaca adapter against payloads shaped like the real API', () => {
  it('propose → approve → POST with the derived id and rounded qty → lookup by client id → filled', async () => {
    const h = createAlpacaEngine();
    const venue = standUpAlpaca(h.clock, { status: 200, payload: loadFixture('alpaca', 'order-accepted') }, [loadFixture('alpaca', 'order-filled')]);
    const { id, clientOrderId } = await proposeAndApprove(h);

    expect(venue.bodies, 'one POST, Alpaca wire format, rounded to the venue increments').toEqual([
      { symbol: 'AAPL', side: 'buy', type: 'limit', time_in_force: 'day', client_order_id: clientOrderId, qty: '10', limit_price: '189.5' },
    ]);
    expect(venue.lookedUp, 'the fill was verified by client order id').toEqual([clientOrderId]);
    expect((await h.engine.getProposal(id)), 'filled at the average price of the payload; Alpaca charges no commission').toMatchObject({
      state: 'filled',
      fill: { filledQuantity: '10', averagePrice: '189.482', fees: '0', slippage: '-0.388' },
    });
    expect((await h.engine.listOrders())[0], 'the venue order id is kept').toMatchObject({ state: 'filled', venueOrderId: '7c1a9b4e-2f0d-4c65-9a8e-3d2b6f1e0a57', submitAttempts: 1 });
    expect(h.events.map((e) => e.type), 'the chat hears each step').toEqual(['proposal_created', 'proposal_decided', 'order_submitted', 'order_finished']);
  });

  it('follows a partial fill to the full fill', async () => {
    const h = createAlpacaEngine();
    const states = [loadFixture<Json>('alpaca', 'order-partially-filled'), loadFixture<Json>('alpaca', 'order-filled')];
    const venue = standUpAlpaca(h.clock, { status: 200, payload: loadFixture('alpaca', 'order-accepted') }, states);
    const { id, clientOrderId } = await proposeAndApprove(h);

    expect(venue.lookedUp, 'partially filled (4 of 10), then filled').toEqual([clientOrderId, clientOrderId]);
    expect((await h.engine.getProposal(id))?.fill, 'the final fill, not the partial one').toMatchObject({ filledQuantity: '10', averagePrice: '189.482' });
    expect(venue.bodies.length, 'one POST').toBe(1);
  });

  it('a 403 "insufficient buying power" fails the proposal with Alpaca’s reason and is never retried', async () => {
    const h = createAlpacaEngine();
    const venue = standUpAlpaca(h.clock, { status: 403, payload: loadFixture('alpaca', 'error-insufficient-buying-power') }, []);
    const { id } = await proposeAndApprove(h);

    expect((await h.engine.getProposal(id)), 'failed, with the venue’s words for the chat').toMatchObject({ state: 'failed', reason: 'insufficient buying power' });
    expect([venue.bodies.length, venue.lookedUp.length], 'one POST; a definite no needs no lookup').toEqual([1, 0]);
    expect(h.events.at(-1)?.type, 'the chat is told it ended').toBe('order_finished');
  });
});
