import { describe, expect, it } from 'vitest';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, STRANGER, VIEWER, createTestBot } from '../helpers/test-bot.js';

/** A bot spoken to as an approver, who may propose. */
const approverBot = (accounts?: string) => createTestBot({}, { user: APPROVER, ...(accounts === undefined ? {} : { engine: { accounts } }) });

describe('/propose as a conversation', () => {
  it('walks account → symbol → side → size → order type → confirm, with clear errors on the way', async () => {
    const h = approverBot('[{"id":"steady","venue":"paper"},{"id":"spicy","venue":"paper","maxPositionPct":50}]');
    expect((await h.say('/propose')).text).toBe('Which account?');
    expect((await h.say('nope')).text).toBe('Choose a account: steady, spicy. Try again, or Cancel.');
    expect((await h.press('cv:spicy')).text).toMatch(/^Symbol\?/);
    expect((await h.say('not a symbol!')).text).toMatch(/is not a symbol like AAPL or BTC\/USDT\. Try again/);
    expect((await h.say('eth/usdt')).text).toMatch(/^ETH\/USDT is at [\d.]+\. Buy or sell\?$/);
    expect((await h.press('cv:buy')).text).toMatch(/^Size\?/);
    expect((await h.say('-3')).text).toMatch(/^Size must be a number above zero/);
    expect((await h.say('abc')).text).toMatch(/^Size must be a number above zero/);
    expect((await h.say('$500')).text).toBe('Order type?');
    expect((await h.press('cv:limit')).text).toBe('Limit price?');
    expect((await h.say('0')).text).toMatch(/^The limit price must be a number above zero/);
    expect((await h.say('3000')).text).toBe('Propose BUY $500 ETH/USDT · limit @ 3000 · account spicy?');
    const answer = (await h.press('cv:confirm')).text;
    expect(answer, 'the proposal went through the gates').toMatch(/^(Proposal <code>p\w+<\/code> sent for approval\.|Not proposed: blocked by)/);
    const proposal = h.engine.listProposals()[0] ?? h.decisions.entries.at(-1)?.proposal;
    expect(proposal).toMatchObject({ accountId: 'spicy', symbol: 'ETH/USDT', side: 'buy', size: { kind: 'notional', notional: '500' }, orderType: 'limit', limitPrice: '3000' });
  });

  it('skips the account question with one account, and can be canceled at any step', async () => {
    const h = approverBot();
    expect((await h.say('/propose')).text).toMatch(/^Symbol\? .* account paper$/);
    expect((await h.say('BTC/USDT')).text).toMatch(/Buy or sell\?$/);
    expect((await h.press('cv:__cancel')).text).toBe('Canceled.');
    expect((await h.say('sell')).text).toBe('I understand commands. Send /help for the list.');
    expect(h.engine.listProposals(), 'nothing was proposed').toEqual([]);
    expect((await h.say('/propose')).text).toMatch(/^Symbol\?/);
    expect((await h.say('cancel')).text).toBe('Canceled.');
  });

  it('says so when the symbol is unknown at the venue', async () => {
    const h = approverBot();
    await h.say('/propose');
    expect((await h.say('ZZZZ')).text).toBe('Unknown symbol "ZZZZ" at this account\'s venue. Start again with /propose.');
  });

  it('leaves the conversation for another command, and lets other buttons work meanwhile', async () => {
    const h = approverBot();
    await h.say('/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals()[0]?.id ?? '';
    await h.say('/propose');
    await h.press(`pd:${id}`);
    expect(sentTexts(h.calls).at(-1), 'Details answered inside a conversation').toContain('<b>Details</b>');
    expect((await h.say('/status')).text).toContain('<b>Status</b>');
  });

  it('never lets a viewer or a stranger in', async () => {
    const h = approverBot();
    expect((await h.say('/propose', VIEWER)).text).toBe('/propose needs the approver role; you are viewer.');
    expect((await h.say('/propose', STRANGER)).text).toMatch(/^Not authorized/);
    await h.say('/propose', OWNER);
    const typed = await h.say('BTC/USDT', STRANGER, { chat: OWNER });
    expect(typed.calls, 'a stranger typing into the owner’s chat reaches no conversation').toEqual([]);
  });
});

describe('/propose in one line', () => {
  it.each([
    ['/propose paper BTC/USDT', 'Usage: /propose &lt;account&gt;'],
    ['/propose paper BTC/USDT hold 1', 'Side must be buy or sell (got &quot;hold&quot;).'],
    ['/propose paper BTC/USDT buy 0', 'Size must be a number above zero'],
    ['/propose paper BTC/USDT buy 1 limit x', 'The limit price must be a number above zero'],
    ['/propose paper BTC/USDT buy 1 stop', 'The stop price must be a number above zero'],
    ['/propose paper BTC/USDT buy 1 sideways 3', 'Unexpected &quot;sideways&quot;'],
    ['/propose nope BTC/USDT buy 1', 'Not proposed: unknown account &quot;nope&quot;'],
    ['/propose paper NOPE buy 1', 'Not proposed: unknown symbol &quot;NOPE&quot; at paper'],
    ['/propose paper BTC/USDT buy 1000', 'Not proposed: blocked by <b>max_position_size</b>'],
  ])('%s → a clear error and nothing proposed', async (line, expected) => {
    const h = approverBot();
    expect((await h.say(line)).text).toContain(expected);
    expect(h.engine.listProposals()).toEqual([]);
  });
});

describe('read-only views', () => {
  it('/pending, /orders, /positions and /stats show the state after a fill', async () => {
    const h = approverBot();
    expect((await h.say('/pending', VIEWER)).text).toBe('No proposals awaiting approval.');
    expect((await h.say('/orders', VIEWER)).text).toBe('No orders yet.');
    await h.say('/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals()[0]?.id ?? '';
    expect((await h.say('/pending', VIEWER)).text, 'pending comes with its buttons').toContain(`<code>${id}</code>`);
    expect(h.calls.at(-1)?.payload.reply_markup).toBeDefined();
    await h.press(`pa:${id}`);
    expect((await h.say('/orders', VIEWER)).text).toMatch(/paper · BUY 0\.01 BTC\/USDT · <b>filled<\/b> · filled 0\.01 @/);
    expect((await h.say('/positions', VIEWER)).text).toMatch(/📄 <b>PAPER<\/b> · <b>paper<\/b>\nBTC\/USDT: 0\.01 @ [\d,.]+ · now [\d,.]+ · unrealized [+-][\d,.]+/);
    expect((await h.say('/stats', VIEWER)).text).toContain('<b>today</b>: 1 proposals · approved 1 (100%)');
  });
});
