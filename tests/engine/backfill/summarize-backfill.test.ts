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
  it('reads "84/90 ok, 6 failed: no data at venue" with the bars stored', () => {
    const report = makeReport((symbol) => (index(symbol) < 6 ? { status: 'no_data', reason: 'no data at venue' } : ok));
    expect(summarizeBackfill(report), 'one reason needs no count').toBe('84/90 ok, 6 failed: no data at venue · 507,984 bars stored');
  });

  it('counts a symbol once however many of its timeframes failed, and only if one did', () => {
    const report = makeReport((symbol, timeframe) => {
      if (index(symbol) === 0) return { status: 'failed', reason: 'HTTP 503' };
      if (index(symbol) === 1 && timeframe === '1d') return { status: 'failed', reason: 'HTTP 503' };
      return ok;
    });
    expect(summarizeBackfill(report), 'two symbols, not four series').toBe('88/90 ok, 2 failed: HTTP 503 · 507,984 bars stored');
  });

  it('gives each reason its count when there are several', () => {
    const report = makeReport((symbol) => {
      if (index(symbol) < 6) return { status: 'no_data', reason: 'no data at venue' };
      if (index(symbol) < 8) return { status: 'failed', reason: 'circuit open for ccxt:binance' };
      return ok;
    });
    expect(summarizeBackfill(report), 'reasons in order, counted').toBe('82/90 ok, 8 failed: 6 no data at venue; 2 circuit open for ccxt:binance · 507,984 bars stored');
  });

  it('says all ok plainly', () => {
    expect(summarizeBackfill(makeReport(() => ok)), 'no failure clause').toBe('90/90 ok · 507,984 bars stored');
  });

  it('words a canceled run as "not done … canceled", not as failures', () => {
    const report = makeReport((symbol) => (index(symbol) < 30 ? ok : { status: 'canceled' }), { canceled: true, barsStored: 12_000 });
    expect(summarizeBackfill(report), 'what is left is not done, and the run was canceled').toBe('30/90 ok, 60 not done: canceled · 12,000 bars stored · canceled');
  });

  it('keeps the real reason of a failure that happened before the cancel', () => {
    const report = makeReport(
      (symbol) => {
        if (index(symbol) === 0) return { status: 'no_data', reason: 'no data at venue' };
        return index(symbol) < 10 ? ok : { status: 'canceled' };
      },
      { canceled: true, barsStored: 0 },
    );
    expect(summarizeBackfill(report), 'both causes named').toBe('9/90 ok, 81 not done: 1 no data at venue; 80 canceled · 0 bars stored · canceled');
  });
});
