import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateClientOrderIdError, OrderRejectedError } from '../../../../src/engine/venues/broker-errors.js';
import type { MarketRules, OrderRequest } from '../../../../src/engine/ports/broker.js';
import { createPaperBroker, type PaperBrokerOptions } from '../../../../src/engine/venues/paper/paper-broker.js';
import type { PaperLedger, PaperLedgerPort } from '../../../../src/engine/ports/paper-ledger.js';
import type { MarketData } from '../../../../src/engine/ports/market-data.js';
import { createSimulatedMarket } from '../../../../src/engine/venues/sim/simulated-market.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';

const NOW = new Date('2025-06-02T14:30:00.000Z');

/** A market whose prices the test sets by hand, so every expected number is hand-computed. */
function createFakeMarket(initial: Record<string, string>): MarketData & { set(symbol: string, price: string): void } {
  const prices = new Map(Object.entries(initial));
  return {
    set: (symbol, price) => void prices.set(symbol, price),
    async latestPrice(symbol) {
      const price = prices.get(symbol);
      return price === undefined ? undefined : { symbol, price: new Decimal(price), observedAt: NOW };
    },
  };
}

function createMemoryLedger(): PaperLedgerPort & { saves: number } {
  const ledgers = new Map<string, PaperLedger>();
  return {
    saves: 0,
    load: (accountId) => structuredClone(ledgers.get(accountId)),
    async save(accountId, ledger) {
      this.saves += 1;
      ledgers.set(accountId, structuredClone(ledger));
    },
    findSettledOrder: async () => undefined,
  };
}

function setup(overrides: Partial<PaperBrokerOptions> = {}) {
  const market = createFakeMarket({ AAPL: '200.00', 'BTC/USDT': '65000.00' });
  const ledger = createMemoryLedger();
  const options: PaperBrokerOptions = {
    accountId: 'paper-main',
    market,
    ledger,
    clock: () => NOW,
    slippageBps: 10,
    feeBps: 5,
    startingCash: '100000',
    ...overrides,
  };
  return { market, ledger, options, broker: createPaperBroker(options) };
}

const buy = (clientOrderId: string, rest: Partial<OrderRequest>): OrderRequest => ({
  clientOrderId,
  symbol: 'AAPL',
  side: 'buy',
  type: 'market',
  ...rest,
});
const sell = (clientOrderId: string, rest: Partial<OrderRequest>): OrderRequest => ({ ...buy(clientOrderId, rest), side: 'sell' });
const qty = (value: string) => ({ quantity: new Decimal(value) });

async function rejection(promise: Promise<unknown>): Promise<OrderRejectedError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error, 'refused with the typed error').toBeInstanceOf(OrderRejectedError);
  return error as OrderRejectedError;
}

describe('paper broker market orders', () => {
  it('fills a buy at the quote plus slippage and charges the fee on the notional', async () => {
    const { broker } = setup();
    const order = await broker.submitOrder(buy('b1', qty('10')));
    // 200.00 × 1.001 = 200.20; notional 2002.00; fee 5 bps = 1.001.
    expect(order.status, 'market orders fill at once').toBe('filled');
    expect(order.averagePrice?.toFixed(), 'buy pays more').toBe('200.2');
    expect(order.fees.toFixed(), 'fee in quote currency').toBe('1.001');
    expect((await broker.getAccount()).cash.toFixed(), '100000 − 2002 − 1.001').toBe('97996.999');
    const [position] = await broker.getPositions();
    expect([position?.quantity.toFixed(), position?.averageEntryPrice.toFixed()], 'the position').toEqual(['10', '200.2']);
  });

  it('fills a sell below the quote, keeps the average entry and marks equity at the quote', async () => {
    const { broker, market, ledger, options } = setup();
    await broker.submitOrder(buy('b1', qty('10')));
    market.set('AAPL', '210.00');
    const order = await broker.submitOrder(sell('s1', qty('4')));
    // 210 × 0.999 = 209.79; notional 839.16; fee 0.41958; P&L (209.79 − 200.2) × 4 − fee.
    expect([order.averagePrice?.toFixed(), order.fees.toFixed()], 'sell receives less').toEqual(['209.79', '0.41958']);
    expect(ledger.load(options.accountId)?.orders.s1?.realizedPnl, 'realized P&L of the sell').toBe('37.94042');
    const account = await broker.getAccount();
    expect(account.cash.toFixed(), '97996.999 + 839.16 − 0.41958').toBe('98835.73942');
    expect(account.equity.toFixed(), 'cash + 6 × 210').toBe('100095.73942');
    const [position] = await broker.getPositions();
    expect([position?.quantity.toFixed(), position?.averageEntryPrice.toFixed()], 'sells keep the entry').toEqual(['6', '200.2']);
  });

  it('rounds the slipped price to the tick against the trader', async () => {
    const { broker, market } = setup();
    market.set('AAPL', '123.45');
    // 123.45 × 1.001 = 123.57345 → 123.58 for a buy; × 0.999 = 123.32655 → 123.32 for a sell.
    expect((await broker.submitOrder(buy('b1', qty('1')))).averagePrice?.toFixed(), 'buy rounds up').toBe('123.58');
    expect((await broker.submitOrder(sell('s1', qty('1')))).averagePrice?.toFixed(), 'sell rounds down').toBe('123.32');
    expect(await broker.getPositions(), 'a closed position disappears').toEqual([]);
  });

  it('sizes a notional order at the fill price, rounded down to the lot size', async () => {
    const { broker } = setup();
    const order = await broker.submitOrder(buy('n1', { symbol: 'BTC/USDT', notional: new Decimal('1000') }));
    // 65000 × 1.001 = 65065; 1000 / 65065 = 0.0153692... → 0.01536; notional 999.3984; fee 0.4996992.
    expect(order.filledQuantity.toFixed(), 'never spends more than given').toBe('0.01536');
    expect((await broker.getAccount()).cash.toFixed(), '100000 − 999.3984 − 0.4996992').toBe('99000.1019008');
  });
});

describe('paper broker limit orders', () => {
  it('rests a limit buy, then fills it at the market price once the market crosses', async () => {
    const { broker, market } = setup();
    const resting = await broker.submitOrder(buy('l1', { type: 'limit', limitPrice: new Decimal('195'), ...qty('5') }));
    expect(resting.status, 'above the limit it waits').toBe('open');
    market.set('AAPL', '196.00');
    expect(await broker.tick(), 'not crossed yet').toBe(0);
    market.set('AAPL', '194.50');
    const filled = await broker.getOrderByClientId('l1', 'AAPL');
    expect([filled?.status, filled?.averagePrice?.toFixed(), filled?.fees.toFixed()], 'limit or better, fee charged').toEqual([
      'filled',
      '194.5',
      '0.48625',
    ]);
    expect((await broker.getAccount()).cash.toFixed(), '100000 − 972.5 − 0.48625').toBe('99027.01375');
  });

  it('fills a marketable limit at once at the quote, without slippage', async () => {
    const { broker } = setup();
    const order = await broker.submitOrder(buy('l1', { type: 'limit', limitPrice: new Decimal('205'), ...qty('1') }));
    expect([order.status, order.averagePrice?.toFixed()], 'better than the limit').toEqual(['filled', '200']);
  });

  it('rests a limit sell until the price rises to it', async () => {
    const { broker, market } = setup();
    await broker.submitOrder(buy('b1', qty('2')));
    await broker.submitOrder(sell('l1', { type: 'limit', limitPrice: new Decimal('220'), ...qty('2') }));
    market.set('AAPL', '221.10');
    expect(await broker.tick(), 'one order crossed').toBe(1);
    const order = await broker.getOrderByClientId('l1', 'AAPL');
    expect([order?.status, order?.averagePrice?.toFixed()], 'the limit or better').toEqual(['filled', '221.1']);
  });

  it('fills when the clock moves the simulated price across the limit', async () => {
    let now = NOW;
    const market = createSimulatedMarket({ clock: () => now });
    const broker = createPaperBroker({ ...setup().options, market, clock: () => now });
    const start = market.priceAt('SPY', NOW) ?? new Decimal(0);
    const limit = start.mul('0.999').toDecimalPlaces(2, Decimal.ROUND_DOWN);
    await broker.submitOrder(buy('l1', { symbol: 'SPY', type: 'limit', limitPrice: limit, ...qty('1') }));
    let minute = 1;
    while ((market.priceAt('SPY', new Date(NOW.getTime() + minute * 60_000)) ?? limit).gt(limit)) minute += 1;
    now = new Date(NOW.getTime() + (minute - 1) * 60_000);
    expect(await broker.tick(), 'a minute before the cross it still rests').toBe(0);
    now = new Date(NOW.getTime() + minute * 60_000);
    const order = await broker.getOrderByClientId('l1', 'SPY');
    expect(order?.status, `crossed after ${minute} minutes`).toBe('filled');
    expect(order?.averagePrice?.lte(limit), 'at the limit or better').toBe(true);
  });

  it('cancels resting orders, releases what they reserved and never fills them later', async () => {
    const { broker, market } = setup();
    const order = await broker.submitOrder(buy('l1', { type: 'limit', limitPrice: new Decimal('190'), ...qty('500') }));
    // 500 × 190 × 1.0005 = 95047.50 reserved; 30 × 200.20 × 1.0005 = 6009.003 > 4952.50 free.
    await rejection(broker.submitOrder(buy('b1', qty('30'))));
    await broker.cancelOrder(order);
    market.set('AAPL', '150.00');
    expect((await broker.getOrderByClientId('l1', 'AAPL'))?.status, 'stays canceled').toBe('canceled');
    expect((await broker.submitOrder(buy('b2', qty('30')))).status, 'its cash is free again').toBe('filled');
  });

  it('cancels every open order at once and counts them', async () => {
    const { broker } = setup();
    await broker.submitOrder(buy('l1', { type: 'limit', limitPrice: new Decimal('100'), ...qty('1') }));
    await broker.submitOrder(buy('l2', { type: 'limit', limitPrice: new Decimal('101'), ...qty('1') }));
    const filled = await broker.submitOrder(buy('b1', qty('1')));
    expect(await broker.cancelAllOpenOrders(), 'both resting orders').toBe(2);
    expect(await broker.cancelAllOpenOrders(), 'nothing left').toBe(0);
    await broker.cancelOrder(filled);
    expect((await broker.getOrderByClientId('b1', 'AAPL'))?.status, 'a filled order stays filled').toBe('filled');
  });
});

describe('paper broker refusals', () => {
  it('refuses a buy beyond the cash, a sell beyond the position and an unknown symbol, storing nothing', async () => {
    const { broker, ledger } = setup();
    expect((await rejection(broker.submitOrder(buy('x1', qty('1000'))))).reason, 'names the problem').toMatch(/insufficient cash/);
    expect((await rejection(broker.submitOrder(sell('x2', qty('1'))))).reason, 'no shorting').toMatch(/insufficient position/);
    const unknown = await rejection(broker.submitOrder(buy('x3', { symbol: 'NOPE', ...qty('1') })));
    expect(unknown.reason, 'unknown symbol').toMatch(/unknown symbol NOPE/);
    expect(await broker.getOrderByClientId('x1', 'AAPL'), 'a refused order does not exist').toBeUndefined();
    expect(ledger.saves, 'nothing was written').toBe(0);
    expect((await broker.submitOrder(buy('x1', qty('1')))).status, 'so its client id is still free').toBe('filled');
  });

  it('states the amounts in a refusal grouped and without exponents', async () => {
    const { broker } = setup();
    // 1,000 × 200.20 (10 bps slippage) = 200,200 plus a 5 bps fee of 100.10.
    expect((await rejection(broker.submitOrder(buy('x1', qty('1000'))))).reason, 'as the chat shows it').toBe('insufficient cash: the order needs 200,300.10, 100,000.00 is available');
    expect((await rejection(broker.submitOrder(sell('x2', qty('1200.5'))))).reason, 'a quantity grouped too').toBe('insufficient position: selling 1,200.5 AAPL, 0 is held and free (paper accounts cannot short)');
    expect((await rejection(broker.submitOrder(buy('x3', { symbol: 'BTC/USDT', ...qty('0.000000001') })))).reason, 'a dust size, never 1e-9').toMatch(/^quantity 0\.000000001 is below the minimum 0\.\d+ for BTC\/USDT$/);
  });

  it('spends cash down to exactly zero, fee included, and not a cent more', async () => {
    const { broker } = setup({ slippageBps: 0, startingCash: '200.1' });
    await broker.submitOrder(buy('b1', qty('1')));
    expect((await broker.getAccount()).cash.toFixed(), '200.1 − 200 − 0.1').toBe('0');
    await rejection(broker.submitOrder(buy('b2', qty('0.0001'))));
  });

  it('rounds fees up to 1e-8 of the quote currency', async () => {
    const { broker } = setup();
    const order = await broker.submitOrder(buy('b1', { symbol: 'BTC/USDT', ...qty('0.00001') }));
    // 0.00001 × 65065 = 0.65065; 5 bps of it = 0.000325325 → 0.00032533.
    expect(order.fees.toFixed(), 'venues charge in a fixed precision').toBe('0.00032533');
  });

  it.each([
    { name: 'below the minimum lot', request: buy('x', qty('0.00001')) },
    { name: 'both quantity and notional', request: buy('x', { ...qty('1'), notional: new Decimal('10') }) },
    { name: 'no size', request: buy('x', {}) },
    { name: 'a negative size', request: buy('x', qty('-1')) },
    { name: 'a limit order without a price', request: buy('x', { type: 'limit', ...qty('1') }) },
    { name: 'an empty client order id', request: buy('', qty('1')) },
  ])('refuses $name', async ({ request }) => {
    await rejection(setup().broker.submitOrder(request));
  });

  it('keeps a limit fill that settled just before a refused order', async () => {
    const { broker, market, ledger, options } = setup();
    await broker.submitOrder(buy('l1', { type: 'limit', limitPrice: new Decimal('190'), ...qty('1') }));
    market.set('AAPL', '189.00');
    await rejection(broker.submitOrder(sell('s1', qty('5'))));
    expect(ledger.load(options.accountId)?.orders.l1?.status, 'the fill is on disk').toBe('filled');
  });

  it('does not sell units already promised to a resting sell', async () => {
    const { broker } = setup();
    await broker.submitOrder(buy('b1', qty('3')));
    await broker.submitOrder(sell('l1', { type: 'limit', limitPrice: new Decimal('300'), ...qty('2') }));
    await rejection(broker.submitOrder(sell('s1', qty('2'))));
    expect((await broker.submitOrder(sell('s2', qty('1')))).status, 'the free unit sells').toBe('filled');
  });

  it('refuses a second submit with the same client id, also when both race', async () => {
    const { broker } = setup();
    const results = await Promise.allSettled([broker.submitOrder(buy('d1', qty('1'))), broker.submitOrder(buy('d1', qty('1')))]);
    expect(results.map((result) => result.status), 'exactly one is accepted').toEqual(['fulfilled', 'rejected']);
    const second = results[1];
    expect(second?.status === 'rejected' && second.reason, 'typed so the caller looks it up').toBeInstanceOf(DuplicateClientOrderIdError);
    expect((await broker.getPositions())[0]?.quantity.toFixed(), 'bought once').toBe('1');
  });
});

describe('paper broker persistence and account', () => {
  it('survives a restart: a new broker on the same ledger sees cash, positions and resting orders', async () => {
    const first = setup();
    await first.broker.submitOrder(buy('b1', qty('10')));
    await first.broker.submitOrder(buy('l1', { type: 'limit', limitPrice: new Decimal('190'), ...qty('1') }));
    const restarted = createPaperBroker({ ...first.options, startingCash: '1' });
    expect((await restarted.getAccount()).cash.toFixed(), 'the ledger, not startingCash').toBe('97996.999');
    expect((await restarted.getPositions())[0]?.quantity.toFixed(), 'the position').toBe('10');
    first.market.set('AAPL', '189.00');
    expect((await restarted.getOrderByClientId('l1', 'AAPL'))?.status, 'the resting order fills after the restart').toBe('filled');
  });

  it('resolves a fill only after the ledger is saved, and fails when the save fails', async () => {
    const ledger = createMemoryLedger();
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowLedger: PaperLedgerPort = { ...ledger, load: (id) => ledger.load(id), save: async (id, data) => gate.then(() => ledger.save(id, data)) };
    const broker = createPaperBroker({ ...setup().options, ledger: slowLedger });
    let resolved = false;
    const submitted = broker.submitOrder(buy('b1', qty('1'))).then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(resolved, 'not acknowledged before it is durable').toBe(false);
    release();
    await submitted;
    expect(ledger.load('paper-main')?.orders.b1?.status, 'durable when acknowledged').toBe('filled');
    const brokenDisk: PaperLedgerPort = { load: () => undefined, save: () => Promise.reject(new Error('disk full')), findSettledOrder: async () => undefined };
    const failing = createPaperBroker({ ...setup().options, ledger: brokenDisk });
    await expect(failing.submitOrder(buy('b2', qty('1'))), 'an unsaved fill is no fill').rejects.toThrow('disk full');
  });

  it('records day-start equity at the first look of each UTC day, persisted', async () => {
    let now = new Date('2025-06-02T00:05:00Z');
    const { broker, market, options } = setup({ clock: () => now });
    await broker.submitOrder(buy('b1', qty('10')));
    const first = await broker.getAccount();
    market.set('AAPL', '250.00');
    now = new Date('2025-06-02T23:59:00Z');
    const later = await createPaperBroker({ ...options, clock: () => now }).getAccount();
    expect(later.dayStartEquity?.eq(first.equity), 'same day: still the first look, after a restart').toBe(true);
    expect(later.equity.minus(first.equity).toFixed(), '10 × (250 − 200)').toBe('500');
    now = new Date('2025-06-03T00:00:00Z');
    expect((await broker.getAccount()).dayStartEquity?.eq(later.equity), 'a new day starts at the current equity').toBe(true);
  });

  it('reports the paper market rules per asset class', async () => {
    const { broker } = setup();
    const stock = await broker.getMarketRules('AAPL');
    const crypto = await broker.getMarketRules('BTC/USDT');
    const increments = (rules: MarketRules) => [rules.quantityIncrement, rules.minQuantity, rules.priceIncrement].map(String);
    expect(increments(stock), 'fractional shares').toEqual(['0.0001', '0.0001', '0.01']);
    expect(increments(crypto), 'crypto lots').toEqual(['0.00001', '0.00001', '0.01']);
  });
});

describe('paper broker money invariants (property)', () => {
  const stepArbitrary = fc.record({
    side: fc.constantFrom('buy' as const, 'sell' as const),
    symbol: fc.constantFrom('AAPL', 'BTC/USDT'),
    size: fc.oneof(
      fc.integer({ min: 1, max: 300_000 }).map((n) => ({ quantity: new Decimal(n).div(10_000) })),
      fc.integer({ min: 1, max: 500_000 }).map((cents) => ({ notional: new Decimal(cents).div(100) })),
    ),
    cents: fc.integer({ min: 1, max: 10_000_000 }),
  });
  type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

  /** Submits one market order at a fresh quote and checks what it did to the account. */
  async function checkStep({ broker, market }: ReturnType<typeof setup>, { side, symbol, size, cents }: Step, id: string) {
    const quote = new Decimal(cents).div(100);
    market.set(symbol, quote.toFixed(2));
    const before = (await broker.getAccount()).equity;
    const order = await broker.submitOrder({ clientOrderId: id, symbol, side, type: 'market', ...size }).catch((error: unknown) => {
      if (error instanceof OrderRejectedError) return undefined;
      throw error;
    });
    const account = await broker.getAccount();
    expect(account.cash.gte(0), 'cash never goes negative').toBe(true);
    // Marked at the quote, a trade only loses what the venue took: the fee and the slippage.
    const slippageCost = order === undefined ? 0 : (order.averagePrice ?? quote).minus(quote).abs().mul(order.filledQuantity);
    const expected = order === undefined ? new Decimal(0) : order.fees.plus(slippageCost).neg();
    expect(account.equity.minus(before).toFixed(), 'equity change').toBe(expected.toFixed());
  }

  it('each fill changes equity by exactly −(fee + slippage cost), and cash never goes negative', async () => {
    const costs = { slippageBps: fc.integer({ min: 0, max: 200 }), feeBps: fc.integer({ min: 0, max: 100 }) };
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 25 }), fc.record(costs), async (steps, { slippageBps, feeBps }) => {
        const context = setup({ slippageBps, feeBps, startingCash: '25000' });
        for (const [i, step] of steps.entries()) await checkStep(context, step, `p${i}`);
        for (const position of await context.broker.getPositions()) {
          expect(position.quantity.gt(0), 'no short and no empty position').toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
