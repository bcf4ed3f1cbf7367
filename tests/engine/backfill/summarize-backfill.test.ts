import { describe, expect, it } from 'vitest';
import type { BackfillReport, SeriesResult } from '../../../src/engine/backfill/run-backfill.js';
import { summarizeBackfill } from '../../../src/engine/backfill/summarize-backfill.js';
import type { Timeframe } from '../../../src/engine/market/bars.js';

const TIMEFRAMES: readonly Timeframe[] = ['1h', '4h', '1d'];
const SYMBOLS = Array.from({ length: 90 }, (_, i) => `SYM${i}/USDT`);

/** A report of 90 symbols × 3 timeframes where `statusOf` decides each series. */
function makeReport(statusOf: (symbol: string, timeframe: Timeframe) => Pick<SeriesResult, 'status' | 'reason'>, options: { canceled?: boolean; barsStored?: number } = {}): BackfillReport {
  const series = SYMBOLS.flatMap((symbol) =>
    TIMEFRAMES.map((timeframe): SeriesResult => ({ symbol, timeframe, stored: 0, dropped: 0, gaps: 0, missingBars: 0, ...statusOf(symbol, timeframe) })),
  );
  return {
    request: { venue: 'ccxt:binance', symbols: SYMBOLS, timeframes: TIMEFRAMES, days: 180 },
    series,
    barsStored: options.barsStored ?? 507_984,
    durationMs: 41_000,
    canceled: options.canceled ?? false,
  };
}

const index = (symbol: string) => Number(symbol.slice(3, -5));
const ok = { status: 'ok' } as const;

describe('summarizeBackfill', () => {
  it('reads "252/270 series ok, 18 failed: no data at venue" with the bars stored', () => {
    const report = makeReport((symbol) => (index(symbol) < 6 ? { status: 'no_data', reason: 'no data at venue' } : ok));
    expect(summarizeBackfill(report), 'one reason needs no count').toBe('252/270 series ok, 18 failed: no data at venue · 507,984 bars stored');
  });

  it('counts series, the unit the progress counts: one failed timeframe of a symbol is one series', () => {
    const report = makeReport((symbol, timeframe) => {
      if (index(symbol) === 0) return { status: 'failed', reason: 'HTTP 503' };
      if (index(symbol) === 1 && timeframe === '1d') return { status: 'failed', reason: 'HTTP 503' };
      return ok;
    });
    expect(summarizeBackfill(report), 'three timeframes of one symbol and one of another: four series').toBe('266/270 series ok, 4 failed: HTTP 503 · 507,984 bars stored');
  });

  it('gives each reason its count when there are several', () => {
    const report = makeReport((symbol) => {
      if (index(symbol) < 6) return { status: 'no_data', reason: 'no data at venue' };
      if (index(symbol) < 8) return { status: 'failed', reason: 'circuit open for ccxt:binance' };
      return ok;
    });
    expect(summarizeBackfill(report), 'reasons in order, counted').toBe('246/270 series ok, 24 failed: 18 no data at venue; 6 circuit open for ccxt:binance · 507,984 bars stored');
  });

  it('says all ok plainly', () => {
    expect(summarizeBackfill(makeReport(() => ok)), 'no failure clause').toBe('270/270 series ok · 507,984 bars stored');
  });

  it('words a canceled run as "not done … canceled", not as failures, and says canceled once', () => {
    const report = makeReport((symbol) => (index(symbol) < 30 ? ok : { status: 'canceled' }), { canceled: true, barsStored: 12_000 });
    expect(summarizeBackfill(report), 'what is left is not done, and the run was canceled').toBe('90/270 series ok, 180 not done · 12,000 bars stored · canceled');
  });

  it('keeps the real reason of a failure that happened before the cancel', () => {
    const report = makeReport(
      (symbol) => {
        if (index(symbol) === 0) return { status: 'no_data', reason: 'no data at venue' };
        return index(symbol) < 10 ? ok : { status: 'canceled' };
      },
      { canceled: true, barsStored: 1 },
    );
    expect(summarizeBackfill(report), 'the failure as a failure, the rest not done').toBe('27/270 series ok, 3 failed: no data at venue, 240 not done · 1 bar stored · canceled');
  });
});
