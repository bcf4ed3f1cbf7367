import { describe, expect, it, vi } from 'vitest';
import type { ProposeInput, ProposeResult } from '../../../src/engine/proposals/create-proposal.js';
import { TIMEFRAME_MS, type Bar, type SeriesKey, type Timeframe } from '../../../src/engine/market/bars.js';
import type { BarStore } from '../../../src/engine/ports/bar-store.js';
import { scanWatchlist, totalOf, type HeldPosition, type ScanDeps, type ScanRequest } from '../../../src/engine/scanner/scan.js';
import type { Signal, Strategy, StrategyInput } from '../../../src/engine/strategies/strategy.js';
import { STRATEGIES } from '../../../src/engine/strategies/strategy-registry.js';
import { makeProposal } from '../gates/gate-fixtures.js';
import { breakout, HOUR } from '../strategies/bar-fixtures.js';

const NOW = new Date('2026-03-02T12:00:00.000Z');

/** `count` bars whose last one closed `closedAgo` ms before NOW. */
function seriesEndingAt(timeframe: Timeframe, count: number, closedAgo = 0): Bar[] {
  const step = TIMEFRAME_MS[timeframe];
  const lastOpen = NOW.getTime() - closedAgo - step;
  return Array.from({ length: count }, (_, i) => {
    const close = 100 + i * 0.01;
    return { t: lastOpen - (count - 1 - i) * step, o: close, h: close + 0.5, l: close - 0.5, c: close, v: 1000 };
  });
}

function fakeBarStore(series: Record<string, Bar[]>): Pick<BarStore, 'readLast'> & { reads: SeriesKey[] } {
  const reads: SeriesKey[] = [];
  return {
    reads,
    readLast: async (key, count) => {
      reads.push(key);
      if (key.symbol === 'BROKEN') throw new Error('corrupt series file');
      return (series[`${key.symbol} ${key.timeframe}`] ?? []).slice(-count);
    },
  };
}

/** A strategy that answers from a table: `symbol timeframe` → signal. */
function fakeStrategy(name: string, signals: Record<string, Partial<Signal>>): Strategy & { evaluate: ReturnType<typeof vi.fn<(input: StrategyInput) => Signal | undefined>> } {
  const evaluate = vi.fn<(input: StrategyInput) => Signal | undefined>((input) => {
    const partial = signals[`${input.symbol} ${input.timeframe}`];
    if (partial === undefined) return undefined;
    return { side: 'buy', strength: 0.5, confidence: 0.6, entry: input.bars.at(-1)?.c ?? 0, reasons: [`${name} reason`], ...partial };
  });
  return { name, description: `${name} for tests`, minBars: 1, evaluate };
}

function recordingPropose(answer: (input: ProposeInput) => ProposeResult = () => ({ kind: 'proposed', proposal: makeProposal() })) {
  return vi.fn<(input: ProposeInput) => Promise<ProposeResult>>(async (input) => answer(input));
}

const blockedBy = (gate: string): ProposeResult => ({
  kind: 'blocked',
  proposal: makeProposal(),
  trace: { evaluatedAt: NOW.toISOString(), verdicts: [{ gate, outcome: 'block', reason: `${gate} says no` }], blockedBy: gate, notEvaluated: [], passed: false },
});

function makeDeps(overrides: Partial<ScanDeps> & Pick<ScanDeps, 'strategies'>): ScanDeps {
  return {
    bars: fakeBarStore({}),
    propose: recordingPropose(),
    positions: () => ({ quantity: 0 }),
    clock: () => NOW,
    ...overrides,
  };
}

const request = (overrides: Partial<ScanRequest> = {}): ScanRequest => ({
  accountId: 'main',
  venue: 'sim',
  symbols: ['BTC/USDT'],
  timeframes: ['1h'],
  notionalPerTrade: '250',
  ...overrides,
});

describe('scanWatchlist', () => {
  it('skips and counts stale series: no strategy ever sees them', async () => {
    const bars = fakeBarStore({
      'BTC/USDT 1h': seriesEndingAt('1h', 100),
      'ETH/USDT 1h': seriesEndingAt('1h', 100, 2 * TIMEFRAME_MS['1h'] + 1), // closed just over 2 bars ago
      'SOL/USDT 1h': seriesEndingAt('1h', 100, 2 * TIMEFRAME_MS['1h']), // exactly at the limit: fresh
    });
    const strategy = fakeStrategy('fake', {});
    const summary = await scanWatchlist(makeDeps({ bars, strategies: [strategy] }), request({ symbols: ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'DOGE/USDT'] }));
    expect(summary.seriesScanned, 'every series was read').toBe(4);
    expect(summary.stale, 'ETH is too old, DOGE has no bars').toBe(2);
    expect(strategy.evaluate.mock.calls.map(([input]) => input.symbol), 'only fresh series are evaluated').toEqual(['BTC/USDT', 'SOL/USDT']);
  });

  it('honours maxBarAgeFactor and reads barsPerSeries bars', async () => {
    const bars = fakeBarStore({ 'BTC/USDT 4h': seriesEndingAt('4h', 300, 3 * TIMEFRAME_MS['4h']) });
    const strategy = fakeStrategy('fake', {});
    const deps = makeDeps({ bars, strategies: [strategy] });
    expect((await scanWatchlist(deps, request({ timeframes: ['4h'] }))).stale, 'three bars late by default').toBe(1);
    await scanWatchlist(deps, request({ timeframes: ['4h'], maxBarAgeFactor: 3, barsPerSeries: 120 }));
    expect(strategy.evaluate.mock.calls[0]?.[0].bars.length, 'a looser limit lets it through, 120 bars').toBe(120);
  });

  it('drops a bar that is still forming', async () => {
    const closed = seriesEndingAt('1h', 50);
    const forming: Bar = { t: NOW.getTime() - 60_000, o: 1, h: 1, l: 1, c: 1, v: 1 };
    const strategy = fakeStrategy('fake', {});
    await scanWatchlist(makeDeps({ bars: fakeBarStore({ 'BTC/USDT 1h': [...closed, forming] }), strategies: [strategy] }), request());
    expect(strategy.evaluate.mock.calls[0]?.[0].bars.at(-1), 'the strategy sees the last closed bar').toEqual(closed.at(-1));
  });

  it('turns signals into market proposals from strategy:<name>', async () => {
    const bars = fakeBarStore({ 'BTC/USDT 1h': seriesEndingAt('1h', 60) });
    const strategy = fakeStrategy('swing', { 'BTC/USDT 1h': { confidence: 0.7, stop: 95.123456789012, target: 110.1, reasons: ['broke out', 'on volume'] } });
    const propose = recordingPropose();
    const summary = await scanWatchlist(makeDeps({ bars, strategies: [strategy], propose }), request());
    expect(propose.mock.calls[0]?.[0], 'a notional market buy with the signal\'s levels and reasons').toEqual({
      accountId: 'main',
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { kind: 'notional', notional: '250' },
      orderType: 'market',
      stopPrice: '95.12345679',
      targetPrice: '110.1',
      source: 'strategy:swing',
      confidence: 0.7,
      rationale: 'swing on 1h bars: broke out; on volume',
    });
    expect(summary, 'one signal, one proposal').toMatchObject({ symbolsScanned: 1, seriesScanned: 1, stale: 0, signals: 1, proposed: 1, skipped: {}, blocked: {} });
  });

  it('hands strategies the position and sizes a sell to the held quantity', async () => {
    const bars = fakeBarStore({ 'ETH/USDT 1h': seriesEndingAt('1h', 60) });
    const strategy = fakeStrategy('swing', { 'ETH/USDT 1h': { side: 'sell' } });
    const propose = recordingPropose();
    const positions = vi.fn(async (): Promise<HeldPosition> => ({ quantity: 0.125, averagePrice: 2000, entries: 2 }));
    await scanWatchlist(makeDeps({ bars, strategies: [strategy], propose, positions }), request({ symbols: ['ETH/USDT'] }));
    expect(positions, 'asked once per account and symbol').toHaveBeenCalledWith('main', 'ETH/USDT');
    expect(strategy.evaluate.mock.calls[0]?.[0], 'the strategy knows the position').toMatchObject({ positionQuantity: 0.125, positionAveragePrice: 2000, positionEntries: 2 });
    expect(propose.mock.calls[0]?.[0].size, 'exit the whole position').toEqual({ kind: 'quantity', quantity: '0.125' });
  });

  it('never proposes a sell with nothing held', async () => {
    const bars = fakeBarStore({ 'ETH/USDT 1h': seriesEndingAt('1h', 60) });
    const propose = recordingPropose();
    const summary = await scanWatchlist(makeDeps({ bars, strategies: [fakeStrategy('bad', { 'ETH/USDT 1h': { side: 'sell' } })], propose }), request({ symbols: ['ETH/USDT'] }));
    expect(propose, 'a sell while flat would open a short').not.toHaveBeenCalled();
    expect(summary.skipped, 'counted as skipped, and why').toEqual({ nothing_to_sell: 1 });
  });

  it('counts blocked proposals by gate, and invalid ones', async () => {
    const symbols = ['A', 'B', 'C', 'D'];
    const bars = fakeBarStore(Object.fromEntries(symbols.map((s) => [`${s} 1h`, seriesEndingAt('1h', 60)])));
    const strategy = fakeStrategy('dca', Object.fromEntries(symbols.map((s) => [`${s} 1h`, {}])));
    const answers: Record<string, ProposeResult> = { A: blockedBy('min_confidence'), B: blockedBy('cooldown'), C: blockedBy('min_confidence'), D: { kind: 'invalid', problem: 'unknown symbol' } };
    const propose = recordingPropose((input) => answers[input.symbol] ?? { kind: 'invalid', problem: '?' });
    const summary = await scanWatchlist(makeDeps({ bars, strategies: [strategy], propose }), request({ symbols }));
    expect(summary.blocked, 'what blocks trading, by gate').toEqual({ min_confidence: 2, cooldown: 1 });
    expect(summary, 'nothing proposed, one skipped as invalid').toMatchObject({ signals: 4, proposed: 0, skipped: { invalid: 1 } });
  });

  it('proposes at most one buy and one sell per symbol: the strongest wins', async () => {
    const bars = fakeBarStore({ 'BTC/USDT 1h': seriesEndingAt('1h', 60), 'BTC/USDT 4h': seriesEndingAt('4h', 60), 'BTC/USDT 1d': seriesEndingAt('1d', 60) });
    const dca = fakeStrategy('dca', { 'BTC/USDT 1h': { strength: 0.6 }, 'BTC/USDT 4h': { strength: 0.9, reasons: ['deep dip'] } });
    const channel = fakeStrategy('channel', { 'BTC/USDT 1d': { strength: 0.9, confidence: 0.5 }, 'BTC/USDT 1h': { side: 'sell', strength: 0.4 } });
    const propose = recordingPropose();
    const summary = await scanWatchlist(
      makeDeps({ bars, strategies: [dca, channel], propose, positions: () => ({ quantity: 1 }) }),
      request({ timeframes: ['1h', '4h', '1d'] }),
    );
    expect(summary.signals, 'four signals seen').toBe(4);
    expect(propose.mock.calls.map(([i]) => [i.side, i.source, i.rationale]), 'the 4h dca buy beats the equally strong, less confident 1d channel buy').toEqual([
      ['buy', 'strategy:dca', 'dca on 4h bars: deep dip'],
      ['sell', 'strategy:channel', 'channel on 1h bars: channel reason'],
    ]);
    expect(summary.proposed, 'one per symbol and side').toBe(2);
    expect(summary.skipped, 'the two weaker buys are skipped, not lost').toEqual({ weaker_signal: 2 });
  });

  it('every signal ends in exactly one of proposed, blocked or skipped, and the counts add up', async () => {
    const symbols = ['A', 'B', 'C', 'D', 'E'];
    const bars = fakeBarStore(Object.fromEntries(symbols.flatMap((s) => [[`${s} 1h`, seriesEndingAt('1h', 60)], [`${s} 4h`, seriesEndingAt('4h', 60)]])));
    // Two timeframes for every symbol: one signal per symbol is weaker and set aside.
    const strategy = fakeStrategy('dca', Object.fromEntries(symbols.flatMap((s) => [[`${s} 1h`, { strength: 0.9 }], [`${s} 4h`, { strength: 0.4 }]])));
    const answers: Record<string, ProposeResult> = { A: blockedBy('min_confidence'), C: { kind: 'invalid', problem: 'no price' } };
    const propose = recordingPropose((input) => answers[input.symbol] ?? { kind: 'proposed', proposal: makeProposal() });
    const summary = await scanWatchlist(
      makeDeps({ bars, strategies: [strategy], propose, hasPending: (_account, symbol) => symbol === 'B' }),
      request({ symbols, timeframes: ['1h', '4h'] }),
    );
    expect(summary.signals, 'ten signals').toBe(10);
    expect(summary, 'where each went').toMatchObject({ proposed: 2, blocked: { min_confidence: 1 }, skipped: { weaker_signal: 5, already_pending: 1, invalid: 1 }, failed: 0 });
    expect(summary.proposed + totalOf(summary.blocked) + totalOf(summary.skipped) + summary.failed, 'the parts add up to the signals').toBe(summary.signals);
    expect(propose.mock.calls.map(([i]) => i.symbol), 'a pending duplicate never reaches the gates').not.toContain('B');
  });

  it('records a failing series or proposal and scans the rest', async () => {
    const bars = fakeBarStore({ 'ETH/USDT 1h': seriesEndingAt('1h', 60) });
    const strategy = fakeStrategy('dca', { 'ETH/USDT 1h': {} });
    const propose = vi.fn<(input: ProposeInput) => Promise<ProposeResult>>().mockRejectedValue(new Error('store down'));
    const summary = await scanWatchlist(makeDeps({ bars, strategies: [strategy], propose }), request({ symbols: ['BROKEN', 'ETH/USDT'] }));
    expect(summary.failures.map((f) => [f.symbol, f.stage]), 'both failures are reported').toEqual([['BROKEN', 'bars'], ['ETH/USDT', 'propose']]);
    expect(summary.seriesScanned, 'the healthy series was still scanned').toBe(1);
    expect([summary.signals, summary.failed], 'the signal whose proposing failed is counted as failed').toEqual([1, 1]);
  });

  it('runs the real strategies end to end', async () => {
    const bars = breakout(3000);
    const closedAt = (bars.at(-1)?.t ?? 0) + HOUR;
    const propose = recordingPropose();
    const deps = makeDeps({ bars: fakeBarStore({ 'BTC/USDT 1h': bars }), strategies: Object.values(STRATEGIES), propose, clock: () => new Date(closedAt + 60_000) });
    const summary = await scanWatchlist(deps, request());
    expect(propose.mock.calls.map(([i]) => i.source), 'only swing sees a volume breakout').toEqual(['strategy:swing']);
    expect(propose.mock.calls[0]?.[0].rationale, 'the reasons reach the proposal').toMatch(/^swing on 1h bars: close 104\.00 broke above the 20-bar high/);
    expect(summary.proposed, 'proposed').toBe(1);
  });

  it('times the scan with the injected clock', async () => {
    let ms = NOW.getTime();
    const summary = await scanWatchlist(makeDeps({ strategies: [], clock: () => new Date((ms += 7)) }), request());
    expect(summary.durationMs, 'start and end read the same clock').toBe(7);
  });
});
