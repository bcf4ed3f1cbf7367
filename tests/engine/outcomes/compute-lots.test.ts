import { describe, expect, it } from 'vitest';
import { computeLots } from '../../../src/engine/outcomes/compute-lots.js';
import { calculatePnl } from '../../../src/engine/outcomes/calculate-pnl.js';
import { realizedByProposal } from '../../../src/engine/outcomes/realized-by-proposal.js';
import { digits, makeFill, marksFrom } from './outcome-fixtures.js';

const day = (d: number, time = '10:00') => `2026-11-${String(d).padStart(2, '0')}T${time}:00.000Z`;

describe('computeLots: hand-computed FIFO fixtures', () => {
  it('a buy in two partial fills, then one sell: both buy fees in the cost, the sell fee off the proceeds', () => {
    const book = computeLots([
      makeFill({ side: 'buy', quantity: '0.4', price: '100', fee: '0.04', at: day(1), proposalId: 'b' }),
      makeFill({ side: 'buy', quantity: '0.6', price: '110', fee: '0.066', at: day(1, '10:05'), proposalId: 'b' }),
      makeFill({ side: 'sell', quantity: '1', price: '120', fee: '0.12', at: day(2), proposalId: 's' }),
    ]);
    expect(book.trades.length, 'one sell fill, one trade').toBe(1);
    const [trade] = book.trades;
    expect(digits(trade?.cost), '40 + 0.04 + 66 + 0.066').toBe('106.106');
    expect(digits(trade?.proceeds), '120 − 0.12').toBe('119.88');
    expect(digits(trade?.realized), '119.88 − 106.106').toBe('13.774');
    expect(trade?.proposalId, 'the trade is the sell').toBe('s');
    expect(book.open, 'nothing left').toEqual([]);
  });

  it('a loss: fees on both sides make it deeper', () => {
    const book = computeLots([
      makeFill({ side: 'buy', quantity: '2', price: '50', fee: '0.1', at: day(1) }),
      makeFill({ side: 'sell', quantity: '2', price: '45', fee: '0.09', at: day(2) }),
    ]);
    expect(digits(book.trades[0]?.realized), '(90 − 0.09) − (100 + 0.1)').toBe('-10.19');
  });

  it('a position still open: the sold part realizes, the rest keeps its share of the buy fee', () => {
    const fills = [
      makeFill({ side: 'buy', quantity: '1.5', price: '200', fee: '0.3', at: day(1) }),
      makeFill({ side: 'sell', quantity: '0.5', price: '220', fee: '0.11', at: day(2) }),
    ];
    const book = computeLots(fills);
    expect(digits(book.trades[0]?.cost), 'a third of 300.3').toBe('100.1');
    expect(digits(book.trades[0]?.realized), '(110 − 0.11) − 100.1').toBe('9.79');
    expect(book.open.map((l) => [digits(l.quantity), digits(l.cost)]), 'one lot of 1 at cost 200.2').toEqual([['1', '200.2']]);
    const report = calculatePnl(fills, marksFrom({ 'paper BTC/USDT': '210' }));
    expect(digits(report.totals.unrealized), '1 × 210 − 200.2').toBe('9.8');
    expect(digits(report.totals.total), '9.79 + 9.8').toBe('19.59');
    expect(digits(report.open[0]?.mark)).toBe('210');
  });

  it('FIFO across three buys and two sells: each sell takes the oldest lots first', () => {
    const book = computeLots([
      makeFill({ side: 'buy', quantity: '1', price: '100', fee: '1', at: day(1) }),
      makeFill({ side: 'buy', quantity: '2', price: '110', fee: '2', at: day(2) }),
      makeFill({ side: 'buy', quantity: '1', price: '130', fee: '1', at: day(3) }),
      makeFill({ side: 'sell', quantity: '2', price: '120', fee: '2.4', at: day(4) }),
      makeFill({ side: 'sell', quantity: '1.5', price: '105', fee: '1.05', at: day(5) }),
    ]);
    expect(book.trades.map((t) => digits(t.cost)), 'lot 1 (101) + half of lot 2 (111); the rest of lot 2 (111) + half of lot 3 (65.5)').toEqual(['212', '176.5']);
    expect(book.trades.map((t) => digits(t.realized)), '237.6 − 212; 156.45 − 176.5').toEqual(['25.6', '-20.05']);
    expect(book.open.map((l) => [digits(l.quantity), digits(l.cost)]), 'half of lot 3 is left').toEqual([['0.5', '65.5']]);
  });

  it('credits each buy proposal with what selling its own lots realized; the parts add up to the trade', () => {
    const book = computeLots([
      makeFill({ side: 'buy', quantity: '1', price: '100', fee: '1', at: day(1), proposalId: 'b1' }),
      makeFill({ side: 'buy', quantity: '2', price: '110', fee: '2', at: day(2), proposalId: 'b2' }),
      makeFill({ side: 'sell', quantity: '2', price: '120', fee: '2.4', at: day(4), proposalId: 's1' }),
      makeFill({ side: 'sell', quantity: '1', price: '105', fee: '1.05', at: day(5), proposalId: 's2' }),
    ]);
    const parts = book.trades.map((t) => t.opened.map((p) => [p.proposalId, digits(p.quantity), digits(p.realized)]));
    expect(parts, 's1 closes b1 (118.8 − 101) and half of b2 (118.8 − 111); s2 the rest of b2 (103.95 − 111)').toEqual([
      [
        ['b1', '1', '17.8'],
        ['b2', '1', '7.8'],
      ],
      [['b2', '1', '-7.05']],
    ]);
    for (const trade of book.trades) {
      expect(digits(trade.opened.map((p) => p.realized).reduce((a, b) => a.plus(b))), 'the parts are the whole trade').toBe(digits(trade.realized));
    }
    const byProposal = realizedByProposal(book.trades);
    expect([...byProposal].map(([id, r]) => [id, digits(r.quantity), digits(r.realized)]), 'b2 over both sells; each sell its own trade').toEqual([
      ['s1', '2', '25.6'],
      ['b1', '1', '17.8'],
      ['b2', '2', '0.75'],
      ['s2', '1', '-7.05'],
    ]);
  });

  it('orders by placement, not by the last fill time: a buy that kept filling is still the older lot', () => {
    const older = { ...makeFill({ side: 'buy', quantity: '1', price: '100', at: day(3) }), placedAt: day(1) };
    const newer = { ...makeFill({ side: 'buy', quantity: '1', price: '200', at: day(2) }), placedAt: day(2) };
    const sell = { ...makeFill({ side: 'sell', quantity: '1', price: '150', at: day(4) }), placedAt: day(4) };
    expect(digits(computeLots([newer, sell, older]).trades[0]?.realized), 'sold against the 100 lot').toBe('50');
  });

  it('keeps lots per account and symbol, and leaves a sell beyond our own buys unmatched', () => {
    const book = computeLots([
      makeFill({ side: 'buy', quantity: '1', price: '100', at: day(1), account: 'a' }),
      makeFill({ side: 'buy', quantity: '1', price: '10', at: day(1), account: 'b', symbol: 'ETH/USDT' }),
      makeFill({ side: 'sell', quantity: '1', price: '110', at: day(2), account: 'b' }),
      makeFill({ side: 'sell', quantity: '1.5', price: '12', fee: '0.3', at: day(2), account: 'b', symbol: 'ETH/USDT' }),
    ]);
    expect(book.unmatched.map((u) => [u.accountId, u.symbol, digits(u.quantity)]), "b's BTC sell has no lot; 0.5 ETH beyond b's buy").toEqual([
      ['b', 'BTC/USDT', '1'],
      ['b', 'ETH/USDT', '0.5'],
    ]);
    expect(book.trades.map((t) => [t.symbol, digits(t.quantity), digits(t.realized)]), "only b's matched ETH: 12 − 0.2 fee share − 10").toEqual([['ETH/USDT', '1', '1.8']]);
    expect(book.open.map((l) => l.accountId), "a's BTC lot is untouched by b's sell").toEqual(['a']);
  });
});
