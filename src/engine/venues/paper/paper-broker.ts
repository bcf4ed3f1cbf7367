import { Decimal, roundToIncrement } from '../../money/decimal.js';
import { getAssetClass } from '../../market/asset-class.js';
import type { MarketData } from '../../ports/market-data.js';
import type { Side } from '../../proposals/proposal.js';
import { DuplicateClientOrderIdError, OrderRejectedError } from '../broker-errors.js';
import type { Broker, BrokerAccount, BrokerOrder, BrokerPosition, MarketRules, OrderRequest } from '../../ports/broker.js';
import type { PaperLedger, PaperLedgerPort, PaperOrder } from '../../ports/paper-ledger.js';
import { formatMoney, formatQuantity } from '../../text/format-number.js';

export interface PaperBrokerOptions {
  accountId: string;
  market: MarketData;
  ledger: PaperLedgerPort;
  clock: () => Date;
  /** Market orders pay this much above (buys) or below (sells) the quote. */
  slippageBps: number;
  /** Charged on every fill's notional, in quote currency. */
  feeBps: number;
  /** Cash of an account that has no ledger yet. */
  startingCash: Decimal.Value;
}

export interface PaperBroker extends Broker {
  /** Fills the resting limit orders the market has crossed; resolves with how many filled. */
  tick(): Promise<number>;
}

const VENUE = 'paper';
/**
 * Fees round up to 1e-8 of the quote currency, as venues charge in a fixed precision.
 * Unrounded bps of tiny lots would grow digits until sums hit decimal.js's 20-digit precision.
 */
const FEE_INCREMENT = new Decimal('0.00000001');
const STOCK_RULES: MarketRules = rules('0.0001', '0.0001', '0.01');
const CRYPTO_RULES: MarketRules = rules('0.00001', '0.00001', '0.01');

/** Paper trading follows the real venues' lot sizes: fractional shares, crypto to 1e-5. */
export function getPaperMarketRules(symbol: string): MarketRules {
  return getAssetClass(symbol) === 'crypto' ? CRYPTO_RULES : STOCK_RULES;
}

/**
 * The simulated venue of a fresh install. Every call runs alone (a queue), works on a
 * copy of the ledger and saves it before resolving: a refused order changes nothing, and
 * an acknowledged fill is durable. Resting limit orders fill lazily whenever the broker
 * is asked anything, at the quote of that moment (the limit or better).
 */
export function createPaperBroker(options: PaperBrokerOptions): PaperBroker {
  const { accountId, market, clock } = options;
  const slippageRate = toRate(options.slippageBps, 'slippageBps');
  const feeRate = toRate(options.feeBps, 'feeBps');
  const startingCash = new Decimal(options.startingCash);
  if (startingCash.isNegative()) throw new RangeError(`startingCash must not be negative, got ${startingCash.toFixed()}`);
  const serial = createSerialQueue();

  /**
   * The shape of every call: load, settle crossed limits, work, saving after each step that
   * changed something — settled fills are kept even when the work then refuses an order.
   */
  function transact<T>(work: (ledger: PaperLedger, now: Date, settled: number) => Promise<T>): Promise<T> {
    return serial(async () => {
      const ledger = options.ledger.load(accountId) ?? { cash: startingCash.toFixed(), positions: {}, orders: {} };
      let saved = JSON.stringify(ledger);
      const saveIfChanged = async () => {
        const current = JSON.stringify(ledger);
        if (current === saved) return;
        await options.ledger.save(accountId, ledger);
        saved = current;
      };
      const now = clock();
      const settled = await settleOpenOrders(ledger, now);
      await saveIfChanged();
      const result = await work(ledger, now, settled);
      await saveIfChanged();
      return result;
    });
  }

  async function settleOpenOrders(ledger: PaperLedger, now: Date): Promise<number> {
    let filled = 0;
    for (const order of Object.values(ledger.orders)) {
      if (order.status !== 'open' || order.limitPrice === undefined) continue;
      const quote = await market.latestPrice(order.symbol);
      if (quote === undefined || !isMarketable(order.side, quote.price, new Decimal(order.limitPrice))) continue;
      applyFill(ledger, order, quote.price, feeRate, now);
      filled += 1;
    }
    return filled;
  }

  async function submit(ledger: PaperLedger, now: Date, request: OrderRequest): Promise<BrokerOrder> {
    if (request.clientOrderId === '') throw reject('an order needs a client order id');
    if (getOwn(ledger.orders, request.clientOrderId) !== undefined || (await options.ledger.findSettledOrder(accountId, request.clientOrderId)) !== undefined) {
      throw new DuplicateClientOrderIdError(VENUE, request.clientOrderId);
    }
    const quote = await market.latestPrice(request.symbol);
    if (quote === undefined) throw reject(`unknown symbol ${request.symbol}`);
    const marketRules = getPaperMarketRules(request.symbol);
    const limitPrice = request.type === 'limit' ? roundLimitPrice(request, marketRules) : undefined;
    // Sized at the price it would fill at now: the slipped quote, or the limit it may rest at.
    const sizingPrice = limitPrice ?? slip(quote.price, request.side, slippageRate, marketRules);
    const quantity = resolveQuantity(request, sizingPrice, marketRules);
    assertAffordable(ledger, request, quantity, sizingPrice, feeRate);
    const order = newOrder(ledger, request, quantity, limitPrice, now);
    ledger.orders = { ...ledger.orders, [order.clientOrderId]: order };
    if (limitPrice === undefined) applyFill(ledger, order, sizingPrice, feeRate, now);
    else if (isMarketable(order.side, quote.price, limitPrice)) applyFill(ledger, order, quote.price, feeRate, now);
    return toBrokerOrder(order);
  }

  async function getAccount(ledger: PaperLedger, now: Date): Promise<BrokerAccount> {
    let equity = new Decimal(ledger.cash);
    for (const [symbol, position] of Object.entries(ledger.positions)) {
      // A symbol the market no longer quotes is marked at cost rather than at zero.
      const price = (await market.latestPrice(symbol))?.price ?? new Decimal(position.averagePrice);
      equity = equity.plus(price.mul(position.quantity));
    }
    const day = now.toISOString().slice(0, 10);
    if (ledger.dayStart?.day !== day) ledger.dayStart = { day, equity: equity.toFixed() };
    return { equity, cash: new Decimal(ledger.cash), dayStartEquity: new Decimal(ledger.dayStart.equity) };
  }

  function cancelWhere(ledger: PaperLedger, now: Date, matches: (order: PaperOrder) => boolean): number {
    const canceled = Object.values(ledger.orders).filter((order) => order.status === 'open' && matches(order));
    for (const order of canceled) {
      order.status = 'canceled';
      order.reason = 'canceled by request';
      order.updatedAt = now.toISOString();
    }
    return canceled.length;
  }

  return {
    venue: VENUE,
    submitOrder: (request) => transact((ledger, now) => submit(ledger, now, request)),
    getOrderByClientId: (clientOrderId) =>
      transact(async (ledger) => {
        const order = getOwn(ledger.orders, clientOrderId) ?? (await options.ledger.findSettledOrder(accountId, clientOrderId));
        return order === undefined ? undefined : toBrokerOrder(order);
      }),
    // An order that already filled or was canceled is left as it is: read it back instead.
    cancelOrder: (target) =>
      transact(async (ledger, now) => void cancelWhere(ledger, now, (order) => order.clientOrderId === target.clientOrderId)),
    cancelAllOpenOrders: () => transact(async (ledger, now) => cancelWhere(ledger, now, () => true)),
    getPositions: () =>
      transact(async (ledger) => Object.entries(ledger.positions).map(([symbol, position]) => toBrokerPosition(symbol, position))),
    getAccount: () => transact(getAccount),
    getMarketRules: async (symbol) => getPaperMarketRules(symbol),
    tick: () => transact(async (_ledger, _now, settled) => settled),
  };
}

function rules(quantityIncrement: string, minQuantity: string, priceIncrement: string): MarketRules {
  return {
    quantityIncrement: new Decimal(quantityIncrement),
    minQuantity: new Decimal(minQuantity),
    priceIncrement: new Decimal(priceIncrement),
  };
}

function toRate(bps: number, name: string): Decimal {
  if (!Number.isFinite(bps) || bps < 0) throw new RangeError(`${name} must be a non-negative number, got ${bps}`);
  return new Decimal(bps).div(10_000);
}

function reject(reason: string): OrderRejectedError {
  return new OrderRejectedError(VENUE, reason);
}

/** Own keys only: a client order id such as "constructor" must not find Object.prototype. */
function getOwn<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Runs one task at a time, in call order, whatever the previous one did. */
function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Buys round down and sells up, so the limit never becomes worse than the one asked for. */
function roundLimitPrice(request: OrderRequest, marketRules: MarketRules): Decimal {
  const { limitPrice, side } = request;
  const mode = side === 'buy' ? 'down' : 'up';
  const rounded = limitPrice === undefined ? undefined : roundToIncrement(limitPrice, marketRules.priceIncrement, mode);
  if (rounded === undefined || !rounded.gt(0)) throw reject('a limit order needs a positive limit price');
  return rounded;
}

/** Slippage always hurts: buys pay the tick above, sells receive the tick below. */
function slip(price: Decimal, side: Side, rate: Decimal, marketRules: MarketRules): Decimal {
  const tick = marketRules.priceIncrement;
  if (side === 'buy') return roundToIncrement(price.mul(rate.plus(1)), tick, 'up');
  return roundToIncrement(price.mul(new Decimal(1).minus(rate)), tick, 'down');
}

function resolveQuantity(request: OrderRequest, price: Decimal, marketRules: MarketRules): Decimal {
  const { quantity, notional } = request;
  if ((quantity === undefined) === (notional === undefined)) throw reject('give exactly one of quantity and notional');
  const raw = quantity ?? (notional as Decimal).div(price);
  if (!raw.isFinite() || !raw.gt(0)) throw reject('the order size must be positive');
  // Down, so a notional order never spends more than it was given.
  const rounded = roundToIncrement(raw, marketRules.quantityIncrement, 'down');
  if (rounded.lt(marketRules.minQuantity)) {
    throw reject(`quantity ${formatQuantity(raw)} is below the minimum ${formatQuantity(marketRules.minQuantity)} for ${request.symbol}`);
  }
  return rounded;
}

/**
 * Resting orders reserve what they may use (cash for buys, units for sells), so no fill,
 * now or later, can take cash below zero or sell what is not held.
 */
function assertAffordable(ledger: PaperLedger, request: OrderRequest, quantity: Decimal, price: Decimal, feeRate: Decimal): void {
  const resting = Object.values(ledger.orders).filter((order) => order.status === 'open' && order.side === request.side);
  if (request.side === 'buy') {
    const reserved = sum(resting.map((order) => calculateCost(new Decimal(order.quantity).mul(order.limitPrice ?? 0), feeRate)));
    const available = new Decimal(ledger.cash).minus(reserved);
    const needed = calculateCost(quantity.mul(price), feeRate);
    if (needed.gt(available)) {
      // Rounded outwards first, so a shortfall never reads as two equal amounts.
      const [neededText, availableText] = [formatMoney(needed.toDecimalPlaces(2, Decimal.ROUND_UP)), formatMoney(available.toDecimalPlaces(2, Decimal.ROUND_DOWN))];
      throw reject(`insufficient cash: the order needs ${neededText}, ${availableText} is available`);
    }
    return;
  }
  const onSale = sum(resting.filter((order) => order.symbol === request.symbol).map((order) => new Decimal(order.quantity)));
  const available = new Decimal(getOwn(ledger.positions, request.symbol)?.quantity ?? 0).minus(onSale);
  if (quantity.gt(available)) {
    const selling = `${formatQuantity(quantity)} ${request.symbol}`;
    throw reject(`insufficient position: selling ${selling}, ${formatQuantity(available)} is held and free (paper accounts cannot short)`);
  }
}

/** Notional plus its fee, exactly as a fill will charge it (a fill at a better price costs less). */
function calculateCost(notional: Decimal, feeRate: Decimal): Decimal {
  return notional.plus(calculateFee(notional, feeRate));
}

function calculateFee(notional: Decimal, feeRate: Decimal): Decimal {
  return roundToIncrement(notional.mul(feeRate), FEE_INCREMENT, 'up');
}

function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, value) => total.plus(value), new Decimal(0));
}

function isMarketable(side: Side, marketPrice: Decimal, limitPrice: Decimal): boolean {
  return side === 'buy' ? marketPrice.lte(limitPrice) : marketPrice.gte(limitPrice);
}

function newOrder(ledger: PaperLedger, request: OrderRequest, quantity: Decimal, limitPrice: Decimal | undefined, now: Date): PaperOrder {
  const at = now.toISOString();
  // Settled orders leave the ledger, so the ledger counts orders itself for unique ids.
  ledger.orderSequence = (ledger.orderSequence ?? 0) + 1;
  return {
    venueOrderId: `paper-${ledger.orderSequence}`,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    status: 'open',
    quantity: quantity.toFixed(),
    ...(request.notional === undefined ? {} : { notional: request.notional.toFixed() }),
    ...(limitPrice === undefined ? {} : { limitPrice: limitPrice.toFixed() }),
    filledQuantity: '0',
    fees: '0',
    createdAt: at,
    updatedAt: at,
  };
}

/** Fills the whole order at `price`: paper orders never fill partially. */
function applyFill(ledger: PaperLedger, order: PaperOrder, price: Decimal, feeRate: Decimal, now: Date): void {
  const quantity = new Decimal(order.quantity);
  const notional = quantity.mul(price);
  const fee = calculateFee(notional, feeRate);
  const held = getOwn(ledger.positions, order.symbol) ?? { quantity: '0', averagePrice: '0' };
  const heldQuantity = new Decimal(held.quantity);
  const { [order.symbol]: _replaced, ...otherPositions } = ledger.positions;
  if (order.side === 'buy') {
    const total = heldQuantity.plus(quantity);
    const averagePrice = heldQuantity.mul(held.averagePrice).plus(notional).div(total).toFixed();
    ledger.cash = new Decimal(ledger.cash).minus(notional).minus(fee).toFixed();
    ledger.positions = { ...otherPositions, [order.symbol]: { quantity: total.toFixed(), averagePrice } };
  } else {
    const rest = heldQuantity.minus(quantity);
    // assertAffordable reserves every unit on sale, so this only fires on a ledger bug.
    if (rest.isNegative()) throw new Error(`paper ledger invariant broken: selling more ${order.symbol} than held`);
    order.realizedPnl = price.minus(held.averagePrice).mul(quantity).minus(fee).toFixed();
    ledger.cash = new Decimal(ledger.cash).plus(notional).minus(fee).toFixed();
    const remaining = { ...held, quantity: rest.toFixed() };
    ledger.positions = rest.isZero() ? otherPositions : { ...otherPositions, [order.symbol]: remaining };
  }
  order.status = 'filled';
  order.filledQuantity = order.quantity;
  order.averagePrice = price.toFixed();
  order.fees = fee.toFixed();
  order.updatedAt = now.toISOString();
}

function toBrokerOrder(order: PaperOrder): BrokerOrder {
  return {
    venueOrderId: order.venueOrderId,
    clientOrderId: order.clientOrderId,
    symbol: order.symbol,
    side: order.side,
    status: order.status,
    filledQuantity: new Decimal(order.filledQuantity),
    fees: new Decimal(order.fees),
    ...(order.averagePrice === undefined ? {} : { averagePrice: new Decimal(order.averagePrice) }),
    ...(order.reason === undefined ? {} : { reason: order.reason }),
  };
}

function toBrokerPosition(symbol: string, position: { quantity: string; averagePrice: string }): BrokerPosition {
  return { symbol, quantity: new Decimal(position.quantity), averageEntryPrice: new Decimal(position.averagePrice) };
}
