import { describe, expect, it } from 'vitest';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, STRANGER, VIEWER, createTestBot } from '../helpers/test-bot.js';

/** A bot spoken to as an approver, who may propose. */
const approverBot = (accounts?: string) => createTestBot({}, { user: APPROVER, ...(accounts === undefined ? {} : { engine: { accounts } }) });

describe('/propose as a conversation', () => {
  it('walks account → symbol → side → size → order type → confirm, with clear errors on the way', async () => {
    const h = approverBot('[{"id":"steady","venue":"paper"},{"id":"spicy","venue":"paper","maxPositionPct":50}]');
    expect((await h.say('/propose')).text, 'two accounts: which one first').toBe('Which account?');
    expect((await h.say('nope')).text, 'a bad answer is explained and asked again').toBe('Choose the account: steady, spicy. Try again, or Cancel.');
    expect((await h.press('cv:spicy')).text, 'then the symbol').toMatch(/^Symbol\?/);
    expect((await h.say('not a symbol!')).text, 'a bad symbol is explained').toMatch(/is not a symbol like AAPL or BTC\/USDT\. Try again/);
    expect((await h.say('eth/usdt')).text, 'the price at the venue, then the side').toMatch(/^ETH\/USDT is at \d{1,3}(,\d{3})*\.\d{2} USDT\. Buy or sell\?$/);
    expect((await h.press('cv:buy')).text, 'then the size').toMatch(/^Size\?/);
    expect((await h.say('-3')).text, 'a negative size is refused').toMatch(/^Size must be a number above zero/);
    expect((await h.say('abc')).text, 'so is a word').toMatch(/^Size must be a number above zero/);
    expect((await h.say('$500')).text, 'an amount is taken; then the order type').toBe('Order type?');
    expect((await h.press('cv:limit')).text, 'a limit order wants its price').toBe('Limit price?');
    expect((await h.say('0')).text, 'a zero price is refused').toMatch(/^The limit price must be a number above zero/);
    expect((await h.say('3000')).text, 'everything, to confirm').toBe('Propose BUY 500.00 USDT worth of ETH/USDT · limit @ 3,000.00 · account spicy?');
    const answer = (await h.press('cv:confirm')).text;
    expect(answer, 'the proposal went through the gates').toMatch(/^📄 <b>PAPER<\/b> · (Proposal <code>p\w+<\/code> sent for approval\.|Not proposed: blocked by)/);
    const proposal = h.engine.listProposals()[0] ?? h.decisions.entries.at(-1)?.proposal;
    expect(proposal, 'proposed as asked').toMatchObject({ accountId: 'spicy', symbol: 'ETH/USDT', side: 'buy', size: { kind: 'notional', notional: '500' }, orderType: 'limit', limitPrice: '3000' });
  });

  it('skips the account question with one account, and can be canceled at any step', async () => {
    const h = approverBot();
    expect((await h.say('/propose')).text, 'one account: straight to the symbol').toMatch(/^Symbol\? .* account paper$/);
    expect((await h.say('BTC/USDT')).text, 'then the side').toMatch(/Buy or sell\?$/);
    expect((await h.press('cv:__cancel')).text, 'canceled on the button').toBe('Canceled.');
    expect((await h.say('sell')).text, 'the conversation is over').toBe('I understand commands. Send /help for the list.');
    expect(h.engine.listProposals(), 'nothing was proposed').toEqual([]);
    expect((await h.say('/propose')).text, 'a new one starts').toMatch(/^Symbol\?/);
    expect((await h.say('cancel')).text, 'canceled by typing').toBe('Canceled.');
  });

  it('answers a one-line /propose without the account with the line to send, and proposes nothing', async () => {
    const h = approverBot();
    expect((await h.say('/propose BTC/USDT buy 0.01')).text, 'not "give the account, symbol, side and size"').toBe(
      'Start with the account: /propose paper BTC/USDT buy 0.01 (accounts: paper).',
    );
    expect(h.engine.listProposals(), 'nothing was proposed').toEqual([]);
  });

  it('asks again for a symbol the venue does not know, naming the known ones', async () => {
    const h = approverBot();
    await h.say('/propose');
    const known = h.market.knownSymbols().join(', ');
    expect((await h.say('ZZZZ')).text, 'the known symbols, and the question again').toBe(`"ZZZZ" is not a symbol on paper. Known there: ${known}.\nSymbol? (or Cancel)`);
    expect((await h.say('ETH/USDT')).text, 'the conversation goes on').toMatch(/^ETH\/USDT is at [\d,.]+ USDT\. Buy or sell\?$/);
  });

  it('leaves the conversation for another command, and lets other buttons work meanwhile', async () => {
    const h = approverBot();
    await h.say('/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals()[0]?.id ?? '';
    await h.say('/propose');
    await h.press(`pd:${id}`);
    expect(sentTexts(h.calls).at(-1), 'Details answered inside a conversation').toContain('<b>Details</b>');
    expect((await h.say('/status')).text, 'a command leaves the conversation and runs').toContain('<b>Status</b>');
  });

  it('never lets a viewer or a stranger in', async () => {
    const h = approverBot();
    expect((await h.say('/propose', VIEWER)).text, 'a viewer is refused, naming the role').toBe('/propose needs the approver role; you are viewer.');
    expect((await h.say('/propose', STRANGER)).text, 'a stranger gets nothing but the refusal').toMatch(/^Not authorized/);
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
    ['/propose paper BTC/USDT buy 1 stop', 'The stop price is missing: put it after stop'],
    ['/propose paper BTC/USDT buy 1 sideways 3', 'Unexpected &quot;sideways&quot;'],
    ['/propose nope BTC/USDT buy 1', 'Not proposed: unknown account &quot;nope&quot;'],
    ['/propose paper NOPE buy 1', 'Not proposed: &quot;NOPE&quot; is not a symbol on paper. Known there: AAPL, MSFT, NVDA, SPY, TSLA, BTC/USDT, ETH/USDT, SOL/USDT'],
    ['/propose paper BTC/USDT buy 1000', 'Not proposed: blocked by <b>max_position_size</b>'],
  ])('%s → a clear error and nothing proposed', async (line, expected) => {
    const h = approverBot();
    expect((await h.say(line)).text, 'says what is wrong').toContain(expected);
    expect(h.engine.listProposals(), 'nothing proposed').toEqual([]);
  });
});

describe('read-only views', () => {
  it('/pending, /orders, /positions and /stats show the state after a fill', async () => {
    const h = approverBot();
    expect((await h.say('/pending', VIEWER)).text, 'nothing pending yet').toBe('No proposals awaiting approval.');
    expect((await h.say('/orders', VIEWER)).text, 'no orders yet').toBe('No orders yet.');
    await h.say('/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals()[0]?.id ?? '';
    expect((await h.say('/pending', VIEWER)).text, 'pending comes with its buttons').toContain(`<code>${id}</code>`);
    expect(h.calls.at(-1)?.payload.reply_markup, 'with Approve and Reject').toBeDefined();
    await h.press(`pa:${id}`);
    expect((await h.say('/orders', VIEWER)).text, 'the filled order').toMatch(/paper · BUY 0\.01 BTC\/USDT · <b>filled<\/b> 0\.01 @ [\d,.]+ USDT/);
    expect((await h.say('/positions', VIEWER)).text, 'the position with its unrealized P&L').toMatch(/📄 <b>PAPER<\/b> · <b>Positions<\/b> · paper\nBTC\/USDT: 0\.01 @ [\d,.]+ · now [\d,.]+ · unrealized [+-][\d,.]+ USDT/);
    expect((await h.say('/stats', VIEWER)).text, 'the last day’s approval statistics').toContain('1 d: pass 100% (1 of 1) · approved 1 of 1 (100% of decided) · expired 0 (0%)');
  });
});
