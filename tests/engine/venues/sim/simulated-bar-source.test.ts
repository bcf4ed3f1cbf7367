import { describe, expect, it } from 'vitest';
import type { BarPage } from '../../../../src/engine/ports/bar-source.js';
import { TIMEFRAMES, TIMEFRAME_MS, type Bar } from '../../../../src/engine/market/bars.js';
import { createSimulatedMarket } from '../../../../src/engine/venues/sim/simulated-market.js';
import { createSimulatedBarSource, SIM_PAGE_SIZE } from '../../../../src/engine/venues/sim/simulated-bar-source.js';
import { validateBars } from '../../../../src/engine/market/validate-bars.js';

const NOW = new Date('2026-01-05T12:00:00Z');
const createMarket = (seed = 7) => createSimulatedMarket({ seed, clock: () => NOW });
const HOUR = 3_600_000;

async function collect(pages: AsyncIterable<BarPage>): Promise<BarPage[]> {
  const result: BarPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}
const flatten = (pages: readonly BarPage[]): Bar[] => pages.flatMap((page) => [...page.bars]);

describe('createSimulatedBarSource', () => {
  it('is the `sim` venue and gives the same bars for the same seed', async () => {
    const from = NOW.getTime() - 24 * HOUR;
    const first = createSimulatedBarSource(createMarket());
    const second = createSimulatedBarSource(createMarket());
    expect(first.venue, 'bar store key').toBe('sim');
    const a = flatten(await collect(first.fetchBars('AAPL', '15m', from, NOW.getTime())));
    const b = flatten(await collect(second.fetchBars('AAPL', '15m', from, NOW.getTime())));
    expect(a, 'deterministic').toEqual(b);
    const other = flatten(await collect(createSimulatedBarSource(createMarket(8)).fetchBars('AAPL', '15m', from, NOW.getTime())));
    expect(other, 'another seed, another walk').not.toEqual(a);
  });

  it.each(TIMEFRAMES)('builds sound %s bars on the UTC grid: open and close from the walk, high/low around them', async (timeframe) => {
    const market = createMarket();
    const length = TIMEFRAME_MS[timeframe];
    const to = Math.floor(NOW.getTime() / length) * length;
    const bars = flatten(await collect(createSimulatedBarSource(market).fetchBars('BTC/USDT', timeframe, to - 50 * length, to)));
    expect(bars, 'fifty whole bars in the window').toHaveLength(50);
    expect(validateBars(bars, timeframe).dropped, 'every bar passes validation').toBe(0);
    const [firstBar] = bars;
    expect(firstBar?.t, 'opens on the grid').toBe(to - 50 * length);
    expect(firstBar?.o, 'open is the price in the first minute').toBe(market.priceAt('BTC/USDT', new Date(firstBar!.t))?.toNumber());
    expect(firstBar?.c, 'close is the price in the last minute').toBe(market.priceAt('BTC/USDT', new Date(firstBar!.t + length - 60_000))?.toNumber());
    expect(bars.every((b) => b.h > b.l), 'every bar has a range, even a one-minute bar (ATR > 0)').toBe(true);
    expect(bars.every((b) => b.v > 0), 'volume is positive').toBe(true);
  });

  it('hands out only bars fully closed by `to`, starting at or after `from`', async () => {
    const from = Date.UTC(2026, 0, 5, 9, 30);
    const to = Date.UTC(2026, 0, 5, 11, 45);
    const bars = flatten(await collect(createSimulatedBarSource(createMarket()).fetchBars('AAPL', '1h', from, to)));
    expect(bars.map((b) => new Date(b.t).toISOString()), '09:00 opened before `from`, 11:00 is still forming at 11:45').toEqual(['2026-01-05T10:00:00.000Z']);
  });

  it('pages 1,000 bars at a time', async () => {
    const to = NOW.getTime();
    const pages = await collect(createSimulatedBarSource(createMarket()).fetchBars('ETH/USDT', '1m', to - 2_500 * 60_000, to));
    expect(pages.map((page) => page.bars.length), 'two full pages and the rest').toEqual([SIM_PAGE_SIZE, SIM_PAGE_SIZE, 500]);
    const bars = flatten(pages);
    expect(bars.every((b, i) => i === 0 || b.t === bars[i - 1]!.t + 60_000), 'contiguous across pages').toBe(true);
    expect(pages.every((page) => page.dropped === 0), 'nothing dropped').toBe(true);
  });

  it('serves stocks around the clock (the walk has no sessions)', async () => {
    const saturday = Date.UTC(2026, 0, 10, 12);
    const bars = flatten(await collect(createSimulatedBarSource(createMarket()).fetchBars('AAPL', '1h', saturday, saturday + 3 * HOUR)));
    expect(bars, 'weekend bars exist in the simulation').toHaveLength(3);
  });

  it('has no pages for a symbol the market does not know, and none for an empty window', async () => {
    const source = createSimulatedBarSource(createMarket());
    expect(await collect(source.fetchBars('NOPE', '1h', NOW.getTime() - 10 * HOUR, NOW.getTime())), 'unknown symbol: empty, not an error').toEqual([]);
    expect(await collect(source.fetchBars('AAPL', '1h', NOW.getTime(), NOW.getTime())), 'from = to').toEqual([]);
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    const to = NOW.getTime();
    const pages = createSimulatedBarSource(createMarket()).fetchBars('AAPL', '1m', to - 3_000 * 60_000, to, controller.signal);
    const seen: BarPage[] = [];
    const run = (async () => {
      for await (const page of pages) {
        seen.push(page);
        controller.abort();
      }
    })();
    await expect(run, 'the abort reason surfaces').rejects.toThrow();
    expect(seen, 'no page after the cancel').toHaveLength(1);
  });
});
