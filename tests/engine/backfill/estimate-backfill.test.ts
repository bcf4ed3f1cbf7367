import { describe, expect, it } from 'vitest';
import { SIM_PACE, type BackfillPace } from '../../../src/engine/backfill/backfill-pace.js';
import { CONFIRM_ABOVE, estimateBackfill } from '../../../src/engine/backfill/estimate-backfill.js';
import { planBackfill } from '../../../src/engine/backfill/plan-backfill.js';
import { RECORD_BYTES_PER_BAR } from '../../../src/engine/backfill/record-size.js';
import type { BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import { createSimulatedMarket } from '../../../src/engine/venues/sim/simulated-market.js';
import { RECORD_BYTES } from '../../../src/store/bar-store/bar-record.js';
import { createMemoryBarStore } from '../../helpers/memory-bar-store.js';
import { NOW, makeBars } from './backfill-fixtures.js';

const WATCHLIST = createSimulatedMarket({ clock: () => NOW }).knownSymbols();
const estimate = async (request: BackfillRequest, pace: BackfillPace = SIM_PACE, store = createMemoryBarStore()) =>
  estimateBackfill(await planBackfill(store, request, NOW.getTime(), pace), pace);

describe('estimateBackfill', () => {
  it('agrees with the bar store on the bytes a bar takes', () => {
    expect(RECORD_BYTES_PER_BAR, 'the engine cannot import the store: the two constants must match').toBe(RECORD_BYTES);
  });

  // Regression, fixed: `/backfill sim watchlist 1m 3650` (about 42 M bars, 2 GB) started at once.
  it('puts ten years of 1m bars of the watchlist at about 42 million bars and 2 GB, and asks first', async () => {
    const big = await estimate({ venue: 'sim', symbols: WATCHLIST, timeframes: ['1m'], days: 3650 });
    expect(WATCHLIST.length, 'the simulated watchlist').toBe(8);
    expect(big.series, 'one series per symbol').toBe(8);
    expect(big.bars, 'every closed minute of ten years, 24/7 on the simulated market').toBe(8 * 3650 * 1440);
    expect(big.bytes, '48 bytes a bar: 2 GB').toBe(big.bars * 48);
    expect(big.seconds, 'at 30,000 bars/s: over 20 minutes').toBeGreaterThan(20 * 60);
    expect(big.needsConfirmation, 'far above the threshold').toBe(true);
  });

  it("starts the README's first session and the benchmark's 500,000 bars at once", async () => {
    const first = await estimate({ venue: 'sim', symbols: WATCHLIST, timeframes: ['15m', '1h', '1d'], days: 60 });
    expect(first.bars, '8 symbols × (5,760 + 1,440 + 60), less the bars still forming').toBeGreaterThan(58_000);
    expect(first.needsConfirmation, 'small').toBe(false);
    const binance: BackfillPace = { barsPerRequest: 1_000, requestsPerMinute: 3_000, localBarsPerSecond: 200_000, alwaysOpen: false };
    const symbols = Array.from({ length: 90 }, (_, i) => `C${i}/USDT`);
    const bench = await estimate({ venue: 'ccxt:binance', symbols, timeframes: ['1h', '4h', '1d'], days: 180 }, binance);
    expect(bench.bars, '90 × (4,320 + 1,080 + 180), less the bars still forming').toBeGreaterThan(500_000);
    expect(bench.requests, 'one call per series here (each under 1,000 bars) except 1h: 5 each').toBe(90 * (5 + 2 + 1));
    expect(bench.needsConfirmation, `under ${CONFIRM_ABOVE.bars.toLocaleString('en-US')} bars and ${CONFIRM_ABOVE.seconds} s`).toBe(false);
  });

  it('counts only what is not stored yet, and market hours for stocks at a real venue', async () => {
    const store = createMemoryBarStore();
    const from = NOW.getTime() - 10 * 86_400_000;
    await store.append({ venue: 'sim', symbol: 'BTC/USDT', timeframe: '1h' }, makeBars(Math.ceil(from / 3_600_000) * 3_600_000, 120));
    const rest = await estimate({ venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1h'], days: 10 }, SIM_PACE, store);
    expect(rest.bars, '240 closed hours less the 120 stored').toBe(120);
    const alpaca: BackfillPace = { barsPerRequest: 10_000, requestsPerMinute: 200, localBarsPerSecond: 200_000, alwaysOpen: false };
    const stocks = await estimate({ venue: 'alpaca', symbols: ['AAPL'], timeframes: ['1m'], days: 3650 }, alpaca);
    expect(stocks.bars, 'about 252 sessions of 390 minutes a year, not 24/7').toBeLessThan(1_000_000);
    expect(stocks.bars, 'ten years of sessions').toBeGreaterThan(960_000);
  });
});
