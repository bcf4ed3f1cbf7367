import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../src/engine/money/decimal.js';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, createTestBot, type TestBot } from '../helpers/test-bot.js';

const cardOf = (h: TestBot) => sentTexts(h.calls).filter((t) => t.includes('<b>Proposal</b>')).at(-1) ?? '';

describe('an amount of money at a limit', () => {
  it('at market, the card says the quantity is an estimate at the current price', async () => {
    const h = createTestBot();
    await h.say('/propose paper ETH/USDT buy $500', APPROVER);
    expect(cardOf(h)).toMatch(/500\.00 USDT worth of ETH\/USDT \(≈ [\d.]+ ETH at the current price\)/);
  });

  it('buys amount ÷ limit (not ÷ the market price), says so on the card, and /orders shows the limit', async () => {
    const h = createTestBot();
    await h.say('/propose paper ETH/USDT buy $500', APPROVER);
    const market = h.engine.listProposals({ state: 'pending' })[0];
    if (market === undefined) throw new Error(`no proposal: ${sentTexts(h.calls).join('\n')}`);
    await h.press(`pr:${market.id}`, OWNER);
    // A buy limit 4 % above the market fills at once in paper; its size is still set by the limit.
    const limit = toDecimal(market.referencePrice).mul(1.04).toDecimalPlaces(0);
    await h.say(`/propose paper ETH/USDT buy $500 limit ${limit.toFixed()}`, APPROVER);
    const proposal = h.engine.listProposals({ state: 'pending' })[0];
    if (proposal === undefined) throw new Error(`no limit proposal: ${sentTexts(h.calls).join('\n')}`);
    const expected = toDecimal(500).div(limit).toDecimalPlaces(5, 1).toFixed();
    expect(cardOf(h), 'the card shows the quantity it will order').toContain(`500.00 USDT worth of ETH/USDT (${expected}`);
    expect(cardOf(h)).toContain('ETH at the limit)');

    await h.press(`pa:${proposal.id}`, OWNER);
    const [order] = await h.engine.listOrders();
    expect(order?.quantity, '500 ÷ the limit, rounded down to the increment').toBe(expected);
    const price = limit.toNumber().toLocaleString('en-US', { minimumFractionDigits: 2 });
    expect((await h.say('/orders', OWNER)).text, 'a limit order shows its limit').toContain(`limit @ ${price} USDT`);
  });
});
