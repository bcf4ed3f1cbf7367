import type { ProposeInput } from '../../../src/engine/proposals/create-proposal.js';
import type { Broker } from '../../../src/engine/ports/broker.js';
import type { AccountRuntime } from '../../../src/engine/execution/execution-deps.js';
import type { MarketData } from '../../../src/engine/ports/market-data.js';
import { Decimal } from '../../../src/engine/money/decimal.js';
import { createTestClock, createTestEngine, type TestEngineOptions } from '../../helpers/test-engine.js';

export const ANN = { id: 1, name: 'Ann' };
export const BOB = { id: 2, name: 'Bob' };

/** A small crypto market buy: crypto trades around the clock, so no market-hours gate. */
export const BTC_BUY: ProposeInput = {
  accountId: 'paper',
  symbol: 'BTC/USDT',
  side: 'buy',
  size: { kind: 'quantity', quantity: '0.01' },
  orderType: 'market',
  source: 'manual',
  confidence: 0.9,
  rationale: 'test',
  createdBy: ANN.id,
};

/** Wraps a market so a test can pin prices; unpinned symbols keep the simulated walk. */
export function withPinnedPrices(base: MarketData, pinned: ReadonlyMap<string, Decimal>, clock: () => Date): MarketData {
  return {
    async latestPrice(symbol) {
      const price = pinned.get(symbol);
      return price === undefined ? base.latestPrice(symbol) : { symbol, price, observedAt: clock() };
    },
  };
}

/**
 * The test engine with every account's prices settable, and — with `pollAdvancesClock` —
 * a broker whose order lookups each move the clock by a second, so fill verification of a
 * resting order reaches its deadline instead of polling an instant sleep forever.
 */
export function createApprovalEngine(options: TestEngineOptions & { pollAdvancesClock?: boolean } = {}) {
  const clock = options.clock ?? createTestClock();
  const pinned = new Map<string, Decimal>();
  const h = createTestEngine({
    ...options,
    clock,
    runtimes: (built) => {
      const wrapped = new Map<string, AccountRuntime>();
      for (const [id, runtime] of built) {
        const broker: Broker = options.pollAdvancesClock ? withTickingLookups(runtime.broker, clock.advance) : runtime.broker;
        wrapped.set(id, { ...runtime, broker, market: withPinnedPrices(runtime.market, pinned, clock.now) });
      }
      return options.runtimes?.(wrapped) ?? wrapped;
    },
  });
  /** Pins the price every account sees for `symbol` (approval re-checks, not paper fills). */
  const setPrice = (symbol: string, price: Decimal.Value) => void pinned.set(symbol, new Decimal(price));
  return { ...h, setPrice, settle: () => h.tasks.drain(5_000) };
}

function withTickingLookups(broker: Broker, advance: (ms: number) => void): Broker {
  return {
    ...broker,
    getOrderByClientId: (clientOrderId, symbol) => {
      advance(1_000);
      return broker.getOrderByClientId(clientOrderId, symbol);
    },
  };
}

/** Proposes and insists it passed the gates; returns the proposal id. */
export async function proposeOk(engine: ReturnType<typeof createTestEngine>['engine'], input: Partial<ProposeInput> = {}): Promise<string> {
  const result = await engine.propose({ ...BTC_BUY, ...input });
  if (result.kind !== 'proposed') throw new Error(`expected a proposal, got ${JSON.stringify(result.kind === 'invalid' ? result.problem : result.kind === 'unreachable' ? result.error.message : result.trace)}`);
  return result.proposal.id;
}
