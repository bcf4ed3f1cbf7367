import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { calculateMaxDrawdown } from '../../../src/engine/outcomes/calculate-pnl-stats.js';
import { calculatePnl } from '../../../src/engine/outcomes/calculate-pnl.js';
import { resolvePnlWindow } from '../../../src/engine/outcomes/pnl-window.js';
import { digits, makeFill, marksFrom } from './outcome-fixtures.js';

const day = (d: number, time = '10:00') => `2026-11-${String(d).padStart(2, '0')}T${time}:00.000Z`;

/**
 * Three buys from three sources, two sells by hand (see compute-lots.test.ts):
 * trade 1 = +25.6 (dca lot +17.8, swing lot +7.8), trade 2 = −20.05 (swing −6.7, manual −13.35),
 * half of the manual lot open at cost 65.5.
 */
const FIFO = [
  makeFill({ side: 'buy', quantity: '1', price: '100', fee: '1', at: day(1), source: 'strategy:dca' }),
  makeFill({ side: 'buy', quantity: '2', price: '110', fee: '2', at: day(2), source: 'strategy:swing' }),
  makeFill({ side: 'buy', quantity: '1', price: '130', fee: '1', at: day(3), source: 'manual' }),
  makeFill({ side: 'sell', quantity: '2', price: '120', fee: '2.4', at: day(4), source: 'manual' }),
  makeFill({ side: 'sell', quantity: '1.5', price: '105', fee: '1.05', at: day(5), source: 'manual' }),
];
const MARKS = marksFrom({ 'paper BTC/USDT': '140' });

describe('calculatePnl: statistics', () => {
  const report = calculatePnl(FIFO, MARKS, { capital: () => toDecimal(1000) });
  const t = report.totals;

  it('realized, unrealized, total and fees', () => {
    expect(digits(t.realized), '25.6 − 20.05').toBe('5.55');
    expect(digits(t.unrealized), '0.5 × 140 − 65.5').toBe('4.5');
    expect(digits(t.total)).toBe('10.05');
    expect(digits(t.fees), '1 + 2 + 1 + 2.4 + 1.05').toBe('7.45');
  });

  it('win rate, average win and loss, profit factor', () => {
    expect([t.trades, t.wins, t.losses, t.winRate]).toEqual([2, 1, 1, 0.5]);
    expect(digits(t.averageWin)).toBe('25.6');
    expect(digits(t.averageLoss), 'a loss is negative').toBe('-20.05');
    expect(t.profitFactor?.toDecimalPlaces(6).toFixed(), '25.6 / 20.05').toBe('1.276808');
  });

  it('max drawdown of the realized curve 0 → 25.6 → 5.55, in money and % of capital + peak', () => {
    expect(digits(t.maxDrawdown.amount)).toBe('20.05');
    expect(t.maxDrawdown.pct, '20.05 / 1025.6').toBeCloseTo(20.05 / 1025.6, 12);
    expect(report.curve.map((p) => [p.kind, digits(p.pnl)]), 'start, a step per trade, the end with unrealized').toEqual([
      ['start', '0'],
      ['trade', '25.6'],
      ['trade', '5.55'],
      ['mark', '10.05'],
    ]);
  });

  it('no losses: profit factor undefined; no trades: rates undefined; no capital: no %', () => {
    const winsOnly = calculatePnl(FIFO.slice(0, 4), MARKS).totals;
    expect(winsOnly.profitFactor, 'nothing to divide by').toBeUndefined();
    expect([digits(winsOnly.maxDrawdown.amount), winsOnly.maxDrawdown.pct], 'never fell, and no capital given').toEqual(['0', undefined]);
    const none = calculatePnl(FIFO.slice(0, 3), MARKS).totals;
    expect([none.trades, none.winRate, none.averageWin, none.averageLoss]).toEqual([0, undefined, undefined, undefined]);
  });

  it('drawdown takes the deepest fall from any peak', () => {
    const curve = ['0', '10', '4', '30', '12', '25', '-1'].map(toDecimal);
    expect(digits(calculateMaxDrawdown(curve).amount), '30 → −1').toBe('31');
  });
});

describe('calculatePnl: by account and by source', () => {
  it('credits realized P&L to the source that opened the lots; fees to each fill’s source', () => {
    const { bySource, totals } = calculatePnl(FIFO, MARKS);
    const row = (s: string) => [digits(bySource[s]?.realized), digits(bySource[s]?.unrealized), digits(bySource[s]?.fees), bySource[s]?.trades];
    expect(row('strategy:dca'), 'its lot sold at 120 with half the 2.4 fee').toEqual(['17.8', '0', '1', 1]);
    expect(row('strategy:swing'), '+7.8 then −6.7').toEqual(['1.1', '0', '2', 2]);
    expect(row('manual'), 'half a lot sold at a loss, the other half open, and the sell fees').toEqual(['-13.35', '4.5', '4.45', 1]);
    const realized = Object.values(bySource).reduce((s, x) => s.plus(x.realized), toDecimal(0));
    expect(digits(realized), 'the sources add up to the total').toBe(digits(totals.realized));
  });

  it('splits by account, and capital makes each account’s drawdown %', () => {
    const fills = [
      makeFill({ side: 'buy', quantity: '1', price: '100', at: day(1), account: 'steady' }),
      makeFill({ side: 'sell', quantity: '1', price: '90', at: day(2), account: 'steady' }),
      makeFill({ side: 'buy', quantity: '2', price: '10', fee: '0.02', at: day(1), account: 'bold', symbol: 'ETH/USDT' }),
      makeFill({ side: 'sell', quantity: '1', price: '15', fee: '0.015', at: day(3), account: 'bold', symbol: 'ETH/USDT' }),
    ];
    const capital = (id: string) => (id === 'steady' ? toDecimal(500) : undefined);
    const report = calculatePnl(fills, marksFrom({ 'bold ETH/USDT': '12' }), { capital });
    expect(Object.keys(report.byAccount)).toEqual(['bold', 'steady']);
    expect(digits(report.byAccount.steady?.realized)).toBe('-10');
    expect(report.byAccount.steady?.maxDrawdown.pct, '10 of 500').toBe(0.02);
    expect(digits(report.byAccount.bold?.realized), '14.985 − 10.01').toBe('4.975');
    expect(digits(report.byAccount.bold?.unrealized), '12 − 10.01').toBe('1.99');
    expect(report.byAccount.bold?.maxDrawdown.pct, 'no capital known').toBeUndefined();
    expect(report.totals.maxDrawdown.pct, 'the total needs every account’s capital').toBeUndefined();
  });

  it('reports open quantity without a mark as unpriced instead of guessing', () => {
    const report = calculatePnl(FIFO, () => undefined);
    expect(digits(report.totals.unrealized)).toBe('0');
    expect(report.unpriced.map((u) => [u.accountId, u.symbol, digits(u.quantity)])).toEqual([['paper', 'BTC/USDT', '0.5']]);
  });
});

describe('calculatePnl: windows', () => {
  const NOW = new Date('2026-11-20T12:00:00.000Z');
  // Lots bought on 1 Oct, long before every window but "all": FIFO still uses them.
  const fills = [
    makeFill({ side: 'buy', quantity: '3', price: '100', fee: '3', at: '2026-10-01T10:00:00.000Z' }),
    makeFill({ side: 'sell', quantity: '1', price: '110', at: '2026-10-15T10:00:00.000Z' }),
    makeFill({ side: 'sell', quantity: '1', price: '120', at: '2026-11-15T10:00:00.000Z' }),
    makeFill({ side: 'sell', quantity: '1', price: '90', fee: '0.5', at: '2026-11-20T08:00:00.000Z' }),
  ];
  const realizedIn = (w: 'today' | '7d' | '30d' | 'all') => {
    const report = calculatePnl(fills, () => undefined, { range: resolvePnlWindow(w, NOW) });
    return [report.totals.trades, digits(report.totals.realized), digits(report.totals.fees)];
  };

  it('counts the trades closed in the window, each against its old lot (cost 101 a unit)', () => {
    expect(realizedIn('today'), 'only 08:00 today: 89.5 − 101').toEqual([1, '-11.5', '0.5']);
    expect(realizedIn('7d'), 'adds 15 Nov: +19').toEqual([2, '7.5', '0.5']);
    expect(realizedIn('30d'), '15 Oct is 36 days back').toEqual([2, '7.5', '0.5']);
    expect(realizedIn('all'), 'adds 15 Oct: +9, and the buy fee').toEqual([3, '16.5', '3.5']);
  });

  it('starts the curve at the window start and ends it at now', () => {
    const report = calculatePnl(fills, () => undefined, { range: resolvePnlWindow('today', NOW) });
    expect(report.curve.map((p) => p.at)).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-20T08:00:00.000Z', NOW.toISOString()]);
  });
});
