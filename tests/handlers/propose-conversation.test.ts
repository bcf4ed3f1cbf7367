import { describe, expect, it } from 'vitest';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, STRANGER, VIEWER, createTestBot } from '../helpers/test-bot.js';
import { callbackUpdate, textUpdate } from '../helpers/updates.js';

type Harness = ReturnType<typeof createTestBot>;

async function say(h: Harness, text: string, from = APPROVER) {
  await h.bot.handleUpdate(textUpdate(from, text));
  await h.settle();
  return sentTexts(h.calls).at(-1) ?? '';
}

async function press(h: Harness, data: string, from = APPROVER) {
  await h.bot.handleUpdate(callbackUpdate(from, data));
  await h.settle();
  return sentTexts(h.calls).at(-1) ?? '';
}

describe('/propose as a conversation', () => {
  it('walks account → symbol → side → size → order type → confirm, with clear errors on the way', async () => {
    const h = createTestBot({}, { engine: { accounts: '[{"id":"steady","venue":"paper"},{"id":"spicy","venue":"paper","maxPositionPct":50}]' } });
    expect(await say(h, '/propose')).toBe('Which account?');
    expect(await say(h, 'nope')).toBe('Choose a account: steady, spicy. Try again, or Cancel.');
    expect(await press(h, 'cv:spicy')).toMatch(/^Symbol\?/);
    expect(await say(h, 'not a symbol!')).toMatch(/is not a symbol like AAPL or BTC\/USDT\. Try again/);
    expect(await say(h, 'eth/usdt')).toMatch(/^ETH\/USDT is at [\d.]+\. Buy or sell\?$/);
    expect(await press(h, 'cv:buy')).toMatch(/^Size\?/);
    expect(await say(h, '-3')).toMatch(/^Size must be a number above zero/);
    expect(await say(h, 'abc')).toMatch(/^Size must be a number above zero/);
    expect(await say(h, '$500')).toBe('Order type?');
    expect(await press(h, 'cv:limit')).toBe('Limit price?');
    expect(await say(h, '0')).toMatch(/^The limit price must be a number above zero/);
    expect(await say(h, '3000')).toBe('Propose BUY $500 ETH/USDT · limit @ 3000 · account spicy?');
    const answer = await press(h, 'cv:confirm');
    expect(answer, 'the proposal went through the gates').toMatch(/^(Proposal <code>p\w+<\/code> sent for approval\.|Not proposed: blocked by)/);
    const proposal = h.engine.listProposals()[0] ?? h.decisions.entries.at(-1)?.proposal;
    expect(proposal).toMatchObject({ accountId: 'spicy', symbol: 'ETH/USDT', side: 'buy', size: { kind: 'notional', notional: '500' }, orderType: 'limit', limitPrice: '3000' });
  });

  it('skips the account question with one account, and can be canceled at any step', async () => {
    const h = createTestBot();
    expect(await say(h, '/propose')).toMatch(/^Symbol\? .* account paper$/);
    expect(await say(h, 'BTC/USDT')).toMatch(/Buy or sell\?$/);
    expect(await press(h, 'cv:__cancel')).toBe('Canceled.');
    expect(await say(h, 'sell')).toBe('I understand commands. Send /help for the list.');
    expect(h.engine.listProposals(), 'nothing was proposed').toEqual([]);
    expect(await say(h, '/propose')).toMatch(/^Symbol\?/);
    expect(await say(h, 'cancel')).toBe('Canceled.');
  });

  it('says so when the symbol is unknown at the venue', async () => {
    const h = createTestBot();
    await say(h, '/propose');
    expect(await say(h, 'ZZZZ')).toBe('Unknown symbol "ZZZZ" at this account\'s venue. Start again with /propose.');
  });

  it('leaves the conversation for another command, and lets other buttons work meanwhile', async () => {
    const h = createTestBot();
    await say(h, '/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals()[0]?.id ?? '';
    await say(h, '/propose');
    await press(h, `pd:${id}`);
    expect(sentTexts(h.calls).at(-1), 'Details answered inside a conversation').toContain('<b>Details</b>');
    expect(await say(h, '/status')).toContain('<b>Status</b>');
  });

  it('never lets a viewer or a stranger in', async () => {
    const h = createTestBot();
    expect(await say(h, '/propose', VIEWER)).toBe('/propose needs the approver role; you are viewer.');
    expect(await say(h, '/propose', STRANGER)).toMatch(/^Not authorized/);
    await say(h, '/propose', OWNER);
    const before = h.calls.length;
    await h.bot.handleUpdate(textUpdate(STRANGER, 'BTC/USDT', OWNER));
    expect(h.calls.length, 'a stranger typing into the owner’s chat reaches no conversation').toBe(before);
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
    const h = createTestBot();
    expect(await say(h, line)).toContain(expected);
    expect(h.engine.listProposals()).toEqual([]);
  });
});

describe('read-only views', () => {
  it('/pending, /orders, /positions and /stats show the state after a fill', async () => {
    const h = createTestBot();
    expect(await say(h, '/pending', VIEWER)).toBe('No proposals awaiting approval.');
    expect(await say(h, '/orders', VIEWER)).toBe('No orders yet.');
    await say(h, '/propose paper BTC/USDT buy 0.01');
    const id = h.engine.listProposals()[0]?.id ?? '';
    expect(await say(h, '/pending', VIEWER), 'pending comes with its buttons').toContain(`<code>${id}</code>`);
    expect(h.calls.at(-1)?.payload.reply_markup).toBeDefined();
    await press(h, `pa:${id}`);
    expect(await say(h, '/orders', VIEWER)).toMatch(/paper · BUY 0\.01 BTC\/USDT · <b>filled<\/b> · filled 0\.01 @/);
    expect(await say(h, '/positions', VIEWER)).toMatch(/📄 <b>PAPER<\/b> · <b>paper<\/b>\nBTC\/USDT: 0\.01 @ [\d,.]+ · now [\d,.]+ · unrealized [+-][\d,.]+/);
    expect(await say(h, '/stats', VIEWER)).toContain('<b>today</b>: 1 proposals · approved 1 (100%)');
  });
});
