import { describe, expect, it } from 'vitest';
import { formatSignedMoney } from '../../../src/bot/messages/format-number.js';
import { UNREALIZED_NOTE } from '../../../src/bot/messages/positions-message.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import type { OrderRecord } from '../../../src/engine/orders/order-record.js';
import { sentTexts } from '../../helpers/record-api.js';
import { APPROVER, VIEWER, createTestBot, type TestBot } from '../../helpers/test-bot.js';

const ACCOUNTS = '[{"id":"paper","venue":"paper","cooldownMinutes":0}]';
const escaped = (text: string) => text.replace(/&/g, '&amp;');

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

describe('/positions and /pnl', () => {
  it('positions and pnl show the same unrealized P&L, entry fees included, and both say so', async () => {
    const h = createTestBot({}, { engine: { accounts: ACCOUNTS }, user: VIEWER });
    const buy = await trade(h, '/propose paper BTC/USDT buy 0.02');
    await trade(h, '/propose paper BTC/USDT sell 0.01');
    // By hand: the open half cost half the buy, its fee included; marked at the latest price.
    const halfCost = toDecimal(buy.filledQuantity).mul(buy.averagePrice ?? '').plus(buy.fees).div(2);
    const mark = await h.engine.quote('paper', 'BTC/USDT');
    const unrealized = formatSignedMoney(toDecimal('0.01').mul(mark ?? '').minus(halfCost), 'USDT');
    expect(toDecimal(buy.fees).gt(0), 'the buy paid a fee, so leaving it out would show').toBe(true);

    const positions = (await h.say('/positions')).texts[0] ?? '';
    const pnl = (await h.say('/pnl')).texts[0] ?? '';
    expect(positions, '/positions values the open half with its entry fee').toContain(`unrealized ${unrealized}`);
    expect(pnl, '/pnl shows the very same number').toContain(`unrealized ${unrealized} (after entry fees)`);
    for (const [name, text] of [['/positions', positions], ['/pnl', pnl]] as const) {
      expect(text, `${name} says what unrealized includes`).toContain(escaped(UNREALIZED_NOTE));
    }
  });

  it('a position not all bought through the bot is valued at the venue average and says so', async () => {
    const h = createTestBot({}, { engine: { accounts: ACCOUNTS }, user: VIEWER });
    await trade(h, '/propose paper BTC/USDT buy 0.01');
    // The lots of our fills no longer cover the position: drop them, as if bought elsewhere.
    h.engine.outcomes.openLots = async () => [];
    const positions = (await h.say('/positions')).texts[0] ?? '';
    expect(positions, 'the basis is named').toContain("cost from the venue's average price");
  });
});
