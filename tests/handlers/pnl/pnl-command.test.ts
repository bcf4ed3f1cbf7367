import { describe, expect, it } from 'vitest';
import { formatSignedMoney } from '../../../src/bot/messages/format-number.js';
import { PNL_USAGE } from '../../../src/bot/parse/parse-pnl-args.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import type { OrderRecord } from '../../../src/engine/orders/order-record.js';
import { sentTexts } from '../../helpers/record-api.js';
import { APPROVER, STRANGER, VIEWER, createTestBot, type TestBot } from '../../helpers/test-bot.js';

const ACCOUNTS = '[{"id":"paper","venue":"paper","cooldownMinutes":0},{"id":"swing","venue":"paper","cooldownMinutes":0}]';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Two paper accounts on the simulated market, spoken to as a viewer. */
const createPnlBot = (): TestBot => createTestBot({}, { engine: { accounts: ACCOUNTS }, user: VIEWER });

/** Proposes in the chat, approves with the button, and waits for the paper fill. */
async function trade(h: TestBot, line: string): Promise<OrderRecord> {
  await h.say(line, APPROVER);
  const id = h.engine.listProposals({ state: 'pending' })[0]?.id;
  if (id === undefined) throw new Error(`no proposal: ${sentTexts(h.calls).slice(-2).join('\n')}`);
  await h.press(`pa:${id}`, APPROVER);
  const order = (await h.engine.listOrders()).find((o) => o.proposalId === id);
  if (order?.state !== 'filled') throw new Error(`not filled: ${JSON.stringify(order)}`);
  h.clock.advance(60_000);
  return order;
}

describe('/pnl through the bot', () => {
  it('shows realized and unrealized P&L worked out from the fills, then the equity curve', async () => {
    const h = createPnlBot();
    const buy = await trade(h, '/propose paper BTC/USDT buy 0.02');
    const sell = await trade(h, '/propose paper BTC/USDT sell 0.01');
    // By hand: half the buy (fee included) is sold; the other half is open at the mark.
    const halfCost = toDecimal(buy.filledQuantity).mul(buy.averagePrice ?? '').plus(buy.fees).div(2);
    const realized = toDecimal(sell.filledQuantity).mul(sell.averagePrice ?? '').minus(sell.fees).minus(halfCost);
    // The open half is marked at the simulated market's price when /pnl asks.
    const mark = await h.engine.quote('paper', 'BTC/USDT');
    const unrealized = toDecimal('0.01').mul(mark ?? '').minus(halfCost);
    expect(toDecimal(buy.fees).gt(0) && toDecimal(sell.fees).gt(0), 'the paper broker charges fees on both sides').toBe(true);

    const { calls } = await h.say('/pnl');
    expect(calls.map((c) => c.method), 'the numbers, then the picture').toEqual(['sendMessage', 'sendPhoto']);
    const text = String(calls[0]?.payload.text);
    for (const part of [
      '📄 <b>PAPER</b> · <b>P&amp;L</b> · today (UTC) · all accounts',
      `Realized <b>${formatSignedMoney(realized, 'USDT')}</b> · unrealized ${formatSignedMoney(unrealized, 'USDT')} (after entry fees) · total <b>${formatSignedMoney(realized.plus(unrealized), 'USDT')}</b>`,
      `1 closed trade · win rate ${realized.gt(0) ? '100.0%' : '0.0%'}`,
      '<b>By account</b>',
      '📄 <b>PAPER</b> <b>paper</b>: realized',
      '<b>manual</b>: realized',
    ]) {
      expect(text, `the message shows ${part}`).toContain(part);
    }
    const photo = calls[1]?.payload.photo as { filename: string; data: Buffer } | undefined;
    expect(photo?.filename, 'named after the period').toBe('pnl-today.png');
    expect(photo?.data.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG file').toBe(true);
    expect(calls[1]?.payload.caption, 'the caption says P&L like the chart title, and repeats the totals').toBe(
      `📄 PAPER · P&L · today (UTC) · all accounts: realized ${formatSignedMoney(realized, 'USDT')}, unrealized ${formatSignedMoney(unrealized, 'USDT')} (after entry fees)`,
    );
  });

  it('narrows to one account, and says so when it has nothing; no picture without a closed trade', async () => {
    const h = createPnlBot();
    await trade(h, '/propose paper BTC/USDT buy 0.01');
    const { calls } = await h.say('/pnl all @swing');
    expect(calls.map((c) => c.method), 'nothing to draw').toEqual(['sendMessage']);
    expect(String(calls[0]?.payload.text), 'says the account has nothing').toBe('📄 <b>PAPER</b> · <b>P&amp;L</b> · all time · swing\nNo trades closed and nothing open in this period.');
    const open = (await h.say('/pnl 7d paper')).calls;
    expect(open.map((c) => c.method), 'pnl chart says no trades yet instead of a flat and a dashed line: no picture').toEqual(['sendMessage']);
    expect(String(open[0]?.payload.text), 'nothing closed yet').toContain('0 closed trades · win rate —');
    expect(String(open[0]?.payload.text), 'and why there is no chart').toContain('No trade closed in this period yet, so there is no P&amp;L chart.');
  });

  it.each([
    ['/pnl 9d', '"9d" is neither a period (today, 7d, 30d, all) nor an account (paper, swing).'],
    ['/pnl today 7d', 'Give one period, not two.'],
    ['/pnl paper swing', 'Give one account, or none for all of them.'],
    ['/pnl 7d paper extra', 'Too many arguments.'],
  ])('%s → a clear error with the usage, nothing else', async (line, error) => {
    const h = createPnlBot();
    const { calls } = await h.say(line);
    expect(calls.map((c) => c.method), 'one reply, no photo').toEqual(['sendMessage']);
    expect(calls[0]?.payload.text, 'what was wrong, then the usage').toBe(`${error} ${PNL_USAGE}`);
  });

  it('is denied to a stranger', async () => {
    const h = createPnlBot();
    const { texts } = await h.say('/pnl', STRANGER);
    expect(texts, 'one refusal and no numbers').toEqual([expect.stringMatching(/^Not authorized/)]);
  });
});
