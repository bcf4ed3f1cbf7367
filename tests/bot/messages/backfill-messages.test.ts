import { describe, expect, it } from 'vitest';
import {
  backfillBusyMessage,
  backfillReportMessage,
  describeEstimate,
  describePlan,
  roundEstimate,
} from '../../../src/bot/messages/backfill-messages.js';
import type { BackfillEstimate } from '../../../src/engine/backfill/estimate-backfill.js';
import type { BackfillReport, BackfillRequest, SeriesResult } from '../../../src/engine/backfill/run-backfill.js';
import type { BackfillJobRecord } from '../../../src/engine/ports/backfill-jobs.js';
import { formatCliReport } from '../../../src/cli/run-backfill-cli.js';

const REQUEST: BackfillRequest = { venue: 'ccxt:binance', symbols: ['BTC/USDT', 'ETH/USDT'], timeframes: ['1h', '1d'], days: 3650 };
const JOB: BackfillJobRecord = { id: 'bjob1', request: REQUEST, state: 'done', startedAt: '2026-11-20T12:00:00Z' };
const estimate = (bars: number, seconds: number): BackfillEstimate => ({ series: 4, bars, bytes: bars * 48, requests: 1, seconds, needsConfirmation: false });

const series = (symbol: string, timeframe: '1h' | '1d', changes: Partial<SeriesResult>): SeriesResult => ({
  symbol,
  timeframe,
  stored: 87_600,
  dropped: 0,
  gaps: 0,
  missingBars: 0,
  status: 'ok',
  ...changes,
});

function report(list: readonly SeriesResult[], changes: Partial<BackfillReport> = {}): BackfillReport {
  return { request: REQUEST, series: list, barsStored: list.reduce((n, s) => n + s.stored, 0), durationMs: 400, canceled: false, ...changes };
}

describe('backfill messages', () => {
  it('gives an estimate to three significant figures: "about 42,000,000 bars", not a false precision', () => {
    expect(roundEstimate(42_047_992), 'ten years of 1m bars of the watchlist').toBe(42_000_000);
    expect(roundEstimate(5_169_599), 'rounds, not truncates').toBe(5_170_000);
    expect(roundEstimate(691_192), 'six figures').toBe(691_000);
    expect(roundEstimate(9_999), 'counts under 10,000 stay exact').toBe(9_999);
    expect(roundEstimate(17_280), 'from 10,000 on, three figures').toBe(17_300);
    expect(describeEstimate(estimate(42_047_992, 1_401)), 'bars, disk and whole minutes').toBe('about 42,000,000 bars · 1.9 GB on disk · about 23m');
    expect(describeEstimate(estimate(59, 0)), 'a quick one').toBe('about 59 bars · 2.8 kB on disk · under a minute');
    expect(describeEstimate(estimate(0, 0)), 'not "about 0 bars · 0 B on disk"').toBe('nothing missing, all stored already');
  });

  it('says the days back with a thousands separator, in the chat and the CLI alike', () => {
    expect(describePlan(REQUEST, estimate(105_120, 7_260)), 'one line for both').toBe(
      '2 symbols × 2 timeframes = 4 series, 3,650 days back: about 105,000 bars · 4.8 MB on disk · about 2h 1m',
    );
  });

  it('names the job holding the venue with plurals that fit', () => {
    const one: BackfillJobRecord = { ...JOB, request: { ...REQUEST, symbols: ['BTC/USDT'], days: 1 } };
    expect(backfillBusyMessage(one), 'one symbol, one day').toBe('A backfill is already running on ccxt:binance: bjob1 (1 symbol, 1h, 1d, 1 day). Cancel it or wait.');
  });

  it('lists the series that need attention once each, without repeating the reason, and says what to do next', () => {
    const text = backfillReportMessage(
      JOB,
      report([
        series('BTC/USDT', '1h', { gaps: 2, missingBars: 5, dropped: 1 }),
        series('BTC/USDT', '1d', {}),
        series('ETH/USDT', '1h', { status: 'no_data', stored: 0, reason: 'no data at venue' }),
        series('ETH/USDT', '1d', { status: 'failed', stored: 3_000, reason: 'ccxt:binance unavailable: HTTP 503' }),
      ]),
    ).value;
    expect(text.split('\n').slice(1), 'the summary, the three series, the next step').toEqual([
      '✅ Done in under 1s: 2/4 series ok, 2 failed: 1 no data at venue; 1 ccxt:binance unavailable: HTTP 503 · 178,200 bars stored',
      '• BTC/USDT 1h: 87,600 bars stored, 2 gaps (5 bars missing: the venue has none there), 1 bad bar from the venue dropped',
      '• ETH/USDT 1h: no data at venue',
      '• ETH/USDT 1d: failed after 3,000 bars stored (ccxt:binance unavailable: HTTP 503)',
      'Run the same /backfill again to retry: only what is missing is fetched.',
    ]);
  });

  it('leaves the series a cancel left undone to the summary line, and says how to resume', () => {
    const canceled = report([series('BTC/USDT', '1h', {}), series('BTC/USDT', '1d', { status: 'canceled', stored: 10 })], { canceled: true, durationMs: 65_000 });
    expect(backfillReportMessage(JOB, canceled).value.split('\n').slice(1), 'no line per undone series').toEqual([
      '⏹ Canceled in 1m 5s: 1/4 series ok, 3 not done · 87,610 bars stored',
      'Run the same /backfill again to resume where it stopped.',
    ]);
    expect(formatCliReport(canceled), 'the CLI says it in its own words').toBe(
      '1/4 series ok, 3 not done · 87,610 bars stored · canceled\nRun the same command again to resume where it stopped.\n',
    );
  });
});
