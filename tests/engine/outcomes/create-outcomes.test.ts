import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { buildFills } from '../../../src/engine/outcomes/build-fills.js';
import { createOutcomes } from '../../../src/engine/outcomes/create-outcomes.js';
import { makeProposal } from '../gates/gate-fixtures.js';
import { digits, makeOrder, recordsOf } from './outcome-fixtures.js';

const NOW = new Date('2026-11-20T17:00:00.000Z');

const ORDERS = [
  makeOrder({ clientOrderId: 'o1', proposalId: 'buy-1', state: 'filled', filledQuantity: '2', averagePrice: '100', fees: '0.2', createdAt: '2026-11-19T10:00:00.000Z', updatedAt: '2026-11-19T10:00:05.000Z' }),
  // Canceled after a partial fill: the filled part is real.
  makeOrder({ clientOrderId: 'o2', proposalId: 'buy-2', state: 'canceled', filledQuantity: '1', averagePrice: '110', fees: '0.11', createdAt: '2026-11-19T11:00:00.000Z', updatedAt: '2026-11-19T11:10:00.000Z' }),
  makeOrder({ clientOrderId: 'o3', proposalId: 'sell-1', side: 'sell', state: 'partially_filled', filledQuantity: '1.5', averagePrice: '120', fees: '0.18', createdAt: '2026-11-20T09:00:00.000Z', updatedAt: '2026-11-20T09:01:00.000Z' }),
  makeOrder({ clientOrderId: 'o4', proposalId: 'buy-3', state: 'canceled', filledQuantity: '0', createdAt: '2026-11-20T10:00:00.000Z' }),
  makeOrder({ clientOrderId: 'o5', proposalId: 'buy-4', state: 'intent', filledQuantity: '0', createdAt: '2026-11-20T10:00:00.000Z' }),
  makeOrder({ clientOrderId: 'o6', proposalId: 'gone', accountId: 'bold', symbol: 'ETH/USDT', state: 'filled', filledQuantity: '3', averagePrice: '10', fees: '0', createdAt: '2026-11-20T11:00:00.000Z', updatedAt: '2026-11-20T11:00:01.000Z' }),
];
const PROPOSALS = [
  makeProposal({ id: 'buy-1', accountId: 'paper', source: 'strategy:swing', state: 'filled', createdAt: '2026-11-19T09:59:00.000Z', decision: { decision: 'approved', by: 1, byName: 'Ann', at: '2026-11-19T09:59:30.000Z' } }),
  makeProposal({ id: 'buy-2', accountId: 'paper', source: 'research', state: 'canceled', createdAt: '2026-11-19T10:59:00.000Z', decision: { decision: 'approved', by: 1, byName: 'Ann', at: '2026-11-19T10:59:30.000Z' } }),
  makeProposal({ id: 'sell-1', accountId: 'paper', source: 'manual', state: 'partially_filled', createdAt: '2026-11-20T08:59:00.000Z', decision: { decision: 'approved', by: 1, byName: 'Ann', at: '2026-11-20T08:59:30.000Z' } }),
  makeProposal({ id: 'no-1', accountId: 'paper', source: 'manual', state: 'rejected', createdAt: '2026-11-20T12:00:00.000Z', decision: { decision: 'rejected', by: 1, byName: 'Ann', at: '2026-11-20T12:01:00.000Z' } }),
  makeProposal({ id: 'late', accountId: 'paper', source: 'manual', state: 'expired', createdAt: '2026-11-20T13:00:00.000Z' }),
];

describe('buildFills', () => {
  it('takes every order that filled anything, at its average price and fees, with its proposal’s source', async () => {
    const fills = buildFills(await recordsOf(ORDERS, PROPOSALS).settledFills());
    expect(fills.map((f) => [f.proposalId, f.side, digits(f.quantity), digits(f.price), digits(f.fee), f.source]), 'no fill from o4 (nothing filled) or o5 (an intent)').toEqual([
      ['buy-1', 'buy', '2', '100', '0.2', 'strategy:swing'],
      ['buy-2', 'buy', '1', '110', '0.11', 'research'],
      ['sell-1', 'sell', '1.5', '120', '0.18', 'manual'],
      ['gone', 'buy', '3', '10', '0', 'unknown'],
    ]);
    expect([fills[0]?.at, fills[0]?.placedAt], 'the fill time and the placement time').toEqual(['2026-11-19T10:00:05.000Z', '2026-11-19T10:00:00.000Z']);
  });
});

describe('createOutcomes', () => {
  const outcomes = (marks: (a: string, s: string) => Promise<ReturnType<typeof toDecimal> | undefined>) =>
    createOutcomes({ ...recordsOf(ORDERS, PROPOSALS), marks, clock: () => NOW, capital: () => toDecimal(10_000) });
  const asked: string[] = [];
  const marks = async (accountId: string, symbol: string) => {
    asked.push(`${accountId} ${symbol}`);
    return accountId === 'bold' ? undefined : toDecimal(130);
  };

  it('computes P&L for a window from the order records, pricing only what is still held', async () => {
    asked.length = 0;
    const report = await outcomes(marks).pnl('today');
    // Sold 1.5 today: the 2 @ 100 lot (cost 200.2), 1.5 of it → 150.15; proceeds 180 − 0.18.
    expect(digits(report.totals.realized), '179.82 − 150.15').toBe('29.67');
    // Left: 0.5 of lot 1 (cost 50.05) and lot 2 (cost 110.11), at 130.
    expect(digits(report.totals.unrealized), '195 − 160.16').toBe('34.84');
    expect(report.unpriced.map((u) => u.accountId), "bold's ETH has no price").toEqual(['bold']);
    expect(asked.sort(), 'one price per held symbol').toEqual(['bold ETH/USDT', 'paper BTC/USDT']);
  });

  it('filters to one account, and a failing price source leaves lots unpriced instead of failing', async () => {
    const report = await outcomes(async () => Promise.reject(new Error('venue down'))).pnl('all', 'bold');
    expect(Object.keys(report.byAccount)).toEqual(['bold']);
    expect([report.totals.trades, digits(report.totals.unrealized)]).toEqual([0, '0']);
    expect(report.unpriced.map((u) => digits(u.quantity))).toEqual(['3']);
  });

  it('builds the daily (24 h) and weekly reports from the same numbers, with approval counts', async () => {
    const daily = await outcomes(marks).dailyReport(NOW);
    expect([daily.kind, daily.range.label, daily.range.from?.toISOString()]).toEqual(['daily', 'last 24 h', '2026-11-19T17:00:00.000Z']);
    expect(digits(daily.pnl.totals.realized), 'the same trade as /pnl today').toBe('29.67');
    expect(daily.approvals, 'created in the last 24 h: the sell, a rejection and an expiry').toMatchObject({ proposals: 3, approved: 1, rejected: 1, expired: 1 });
    const weekly = await outcomes(marks).weeklyReport(NOW);
    expect([weekly.kind, weekly.approvals.proposals, digits(weekly.pnl.totals.fees)], 'every fill of the week').toEqual(['weekly', 5, '0.49']);
    expect(await outcomes(marks).update(), 'the 17:00 job gets a one-line summary of the day').toBe(
      "last 24 h: 1 trade, realized +29.67, unrealized +34.84 (after entry fees); 1 open position without a price",
    );
  });
});
