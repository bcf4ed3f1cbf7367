import { describe, expect, it } from 'vitest';
import { dailyReportMessage, weeklyReportMessage } from '../../../src/bot/messages/report-messages.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { createOutcomes } from '../../../src/engine/outcomes/create-outcomes.js';
import { makeProposal } from '../../engine/gates/gate-fixtures.js';
import { makeOrder, recordsOf } from '../../engine/outcomes/outcome-fixtures.js';

const NOW = new Date('2026-11-20T22:00:00.000Z');
const at = (iso: string) => ({ createdAt: iso, updatedAt: iso });

// steady (paper): +19.8 yesterday-ish, −10.2 today. bold (live): 1 ETH bought today, open at 12.
const ORDERS = [
  makeOrder({ clientOrderId: 'o1', proposalId: 'b1', accountId: 'steady', filledQuantity: '2', averagePrice: '100', fees: '0.2', ...at('2026-11-16T10:00:00.000Z') }),
  makeOrder({ clientOrderId: 'o2', proposalId: 's1', accountId: 'steady', side: 'sell', filledQuantity: '1', averagePrice: '120', fees: '0.1', ...at('2026-11-17T10:00:00.000Z') }),
  makeOrder({ clientOrderId: 'o3', proposalId: 's2', accountId: 'steady', side: 'sell', filledQuantity: '1', averagePrice: '90', fees: '0.1', ...at('2026-11-20T15:00:00.000Z') }),
  makeOrder({ clientOrderId: 'o4', proposalId: 'b2', accountId: 'bold', venue: 'alpaca', symbol: 'ETH/USD', filledQuantity: '1', averagePrice: '10', fees: '0', ...at('2026-11-20T16:00:00.000Z') }),
];
const PROPOSALS = [
  makeProposal({ id: 'b1', accountId: 'steady', source: 'strategy:swing', createdAt: '2026-11-16T09:59:00.000Z', state: 'filled' }),
  makeProposal({ id: 's2', accountId: 'steady', source: 'manual', createdAt: '2026-11-20T14:59:00.000Z', state: 'filled', decision: { decision: 'approved', by: 1, byName: 'Ann', at: '2026-11-20T15:00:00.000Z' } }),
  makeProposal({ id: 'r1', accountId: 'bold', source: 'research', createdAt: '2026-11-20T18:00:00.000Z', state: 'rejected', decision: { decision: 'rejected', by: 1, byName: 'Ann', at: '2026-11-20T18:01:00.000Z' } }),
];
const ACCOUNTS = [
  { id: 'steady', live: false },
  { id: 'bold', live: true },
];
const outcomes = createOutcomes({ ...recordsOf(ORDERS, PROPOSALS), marks: async () => toDecimal(12), clock: () => NOW });

describe('dailyReportMessage', () => {
  it('says LIVE when any account is live, and gives the day in the /pnl numbers, approvals and accounts', async () => {
    const text = dailyReportMessage(await outcomes.dailyReport(NOW), ACCOUNTS).value;
    expect(text.split('\n').slice(0, 5)).toEqual([
      '🔴 <b>LIVE</b> · <b>Daily report</b> · last 24 h to 22:00 UTC',
      // 89.9 − 100.1 today; the ETH lot is 2 up at 12.
      'Realized <b>-10.20</b> · unrealized +2.00 (after entry fees) · total <b>-8.20</b>',
      '1 closed trade · win rate 0.0% · avg win — · avg loss -10.20',
      'Profit factor 0.00 · max drawdown 10.20 · fees 0.10',
      'Proposals 2 · approved 1 · rejected 1 · expired 0',
    ]);
    expect(text, 'a badge on every account').toContain('🔴 <b>LIVE</b> <b>bold</b>: realized +0.00 USD · unrealized +2.00 USD · 0 trades · win —');
    expect(text).toContain('📄 <b>PAPER</b> <b>steady</b>: realized -10.20 USDT');
  });

  it('is PAPER when every account is paper', async () => {
    const text = dailyReportMessage(await outcomes.dailyReport(NOW), [{ id: 'steady', live: false }]).value;
    expect(text.startsWith('📄 <b>PAPER</b> · <b>Daily report</b>')).toBe(true);
  });
});

describe('weeklyReportMessage', () => {
  it('adds the best and worst trade and the sources', async () => {
    const text = weeklyReportMessage(await outcomes.weeklyReport(NOW), ACCOUNTS).value;
    expect(text).toContain('<b>Weekly report</b> · last 7 days to 22:00 UTC');
    expect(text, '(119.9 − 100.1) + (89.9 − 100.1)').toContain('Realized <b>+9.60</b>');
    expect(text).toContain('2 closed trades · win rate 50.0% · avg win +19.80 · avg loss -10.20');
    expect(text).toContain('Best trade BTC/USDT +19.80 USDT (steady) · worst BTC/USDT -10.20 USDT (steady)');
    expect(text, 'USD stocks and USDT pairs are summed, and the message says how').toContain('Amounts are in USD and USDT, added one to one.');
    expect(text, 'realized goes to the source of the buy').toContain('<b>strategy:swing</b>: realized +9.60');
  });
});
