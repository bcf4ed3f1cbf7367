import { Decimal, roundToIncrement } from '../../money/decimal.js';
import type { MarketData, PriceQuote } from '../../ports/market-data.js';
import { mix32 } from './mix32.js';

export interface SimulatedAsset {
  readonly symbol: string;
  /** The level the walk wanders around; roughly the price at the walk's epoch. */
  readonly basePrice: number;
  /** Annualized volatility of log returns, e.g. 0.25 for 25 %. */
  readonly annualVolatility: number;
}

export const DEFAULT_SIMULATED_ASSETS: readonly SimulatedAsset[] = [
  { symbol: 'AAPL', basePrice: 190, annualVolatility: 0.25 },
  { symbol: 'MSFT', basePrice: 420, annualVolatility: 0.22 },
  { symbol: 'NVDA', basePrice: 120, annualVolatility: 0.5 },
  { symbol: 'SPY', basePrice: 560, annualVolatility: 0.15 },
  { symbol: 'TSLA', basePrice: 250, annualVolatility: 0.55 },
  { symbol: 'BTC/USDT', basePrice: 65_000, annualVolatility: 0.55 },
  { symbol: 'ETH/USDT', basePrice: 3_200, annualVolatility: 0.7 },
  { symbol: 'SOL/USDT', basePrice: 150, annualVolatility: 0.9 },
];

export interface SimulatedMarket extends MarketData {
  knownSymbols(): string[];
  /** The price during the minute that contains `time`; undefined for an unknown symbol. */
  priceAt(symbol: string, time: Date): Decimal | undefined;
}

export interface SimulatedMarketOptions {
  /** Same seed, symbol and minute: same price, on every machine and every run. */
  seed?: number;
  clock: () => Date;
  assets?: readonly SimulatedAsset[];
}

const EPOCH_MS = Date.UTC(2024, 0, 1);
const MINUTE_MS = 60_000;
const MINUTES_PER_YEAR = 525_600;
/** 2^16 minutes (~45 days) per block: a lookup walks at most 16 bridge levels. */
const BLOCK_MINUTES = 2 ** 16;
/**
 * Block anchors scatter around the base price with half the spread the walk would build
 * over one block, so prices stay plausible for any date instead of drifting for years.
 */
const ANCHOR_SPREAD = 0.5;
const PRICE_INCREMENT = new Decimal('0.01');

interface Walk {
  readonly base: number;
  readonly key: number;
  /** Standard deviation of one minute's log return. */
  readonly minuteSd: number;
  readonly anchorSd: number;
}

/**
 * A deterministic geometric random walk per symbol, sampled per minute.
 *
 * Why a Brownian bridge instead of stepping minute by minute: every block of 2^16
 * minutes starts and ends at a hash-seeded anchor, and the log price at any minute is
 * found by halving the block down to it, each midpoint drawn from (seed, symbol, node).
 * So any minute of any date costs 16 hash draws, with no state and no cache, and
 * consecutive minutes still differ by exactly the per-minute volatility — which is what
 * deterministic OHLC bars of any timeframe need.
 */
export function createSimulatedMarket(options: SimulatedMarketOptions): SimulatedMarket {
  const seed = options.seed ?? 42;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const walks = new Map((options.assets ?? DEFAULT_SIMULATED_ASSETS).map((asset) => [asset.symbol, createWalk(seed, asset)]));

  function priceAt(symbol: string, time: Date): Decimal | undefined {
    const walk = walks.get(symbol);
    if (walk === undefined) return undefined;
    const ms = time.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`priceAt needs a valid date for ${symbol}`);
    const minute = Math.floor((ms - EPOCH_MS) / MINUTE_MS);
    const price = walk.base * Math.exp(logOffsetAt(walk, minute));
    return Decimal.max(roundToIncrement(price, PRICE_INCREMENT, 'nearest'), PRICE_INCREMENT);
  }

  return {
    knownSymbols: () => [...walks.keys()],
    priceAt,
    async latestPrice(symbol): Promise<PriceQuote | undefined> {
      const now = options.clock();
      const price = priceAt(symbol, now);
      return price === undefined ? undefined : { symbol, price, observedAt: now };
    },
  };
}

function createWalk(seed: number, asset: SimulatedAsset): Walk {
  if (!(asset.basePrice > 0) || !(asset.annualVolatility >= 0)) {
    throw new RangeError(`simulated asset ${asset.symbol} needs a positive price and a non-negative volatility`);
  }
  const minuteSd = asset.annualVolatility / Math.sqrt(MINUTES_PER_YEAR);
  return {
    base: asset.basePrice,
    // Seeds are folded to 32 bits: seeds that differ only above bit 32 share a walk.
    key: mix32(hashString(asset.symbol) ^ mix32(seed >>> 0)),
    minuteSd,
    anchorSd: minuteSd * Math.sqrt(BLOCK_MINUTES) * ANCHOR_SPREAD,
  };
}

/** Log of price / base at `minute` (minutes since the epoch, negative before it). */
function logOffsetAt(walk: Walk, minute: number): number {
  const block = Math.floor(minute / BLOCK_MINUTES);
  let lo = block * BLOCK_MINUTES;
  let hi = lo + BLOCK_MINUTES;
  // Node 0 of a block is its starting anchor; bridge nodes are heap-numbered from 1.
  let low = walk.anchorSd * gaussian(walk.key, block, 0);
  let high = walk.anchorSd * gaussian(walk.key, block + 1, 0);
  let node = 1;
  while (minute !== lo && minute !== hi) {
    const mid = (lo + hi) / 2;
    // A Brownian bridge over a span of n minutes has variance n/4 × σ² at its midpoint.
    const value = (low + high) / 2 + (walk.minuteSd * Math.sqrt(hi - lo) * gaussian(walk.key, block, node)) / 2;
    if (minute < mid) {
      hi = mid;
      high = value;
      node *= 2;
    } else {
      lo = mid;
      low = value;
      node = node * 2 + 1;
    }
  }
  return minute === lo ? low : high;
}

/** A standard normal draw determined by its three inputs (Box–Muller on hashed bits). */
function gaussian(key: number, block: number, node: number): number {
  const h = mix32((mix32((key + Math.imul(block, 0x9e3779b1)) | 0) + Math.imul(node, 0x85ebca77)) | 0);
  const u1 = (mix32(h ^ 0x68e31da4) + 1) / 4_294_967_297;
  const u2 = mix32(h ^ 0x1b56c4e9) / 4_294_967_296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}


/** FNV-1a over UTF-16 code units. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}
