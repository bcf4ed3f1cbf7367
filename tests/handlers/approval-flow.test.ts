import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from '../../src/engine/gates/default-gates.js';
import type { ApiCall } from '../helpers/record-api.js';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot, type TestBot } from '../helpers/test-bot.js';

const keyboardOf = (call: ApiCall | undefined) =>
  ((call?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

/** Proposes BTC/USDT by hand and returns the proposal id from the approval message. */
async function propose(h: TestBot, line = '/propose paper BTC/USDT buy 0.01'): Promise<string> {
  await h.say(line, APPROVER);
  const id = h.engine.listProposals({ state: 'pending' })[0]?.id;
  if (id === undefined) throw new Error(`no proposal: ${sentTexts(h.calls).join('\n')}`);
  return id;
}

const edits = (h: TestBot) => h.calls.filter((c) => c.method === 'editMessageText');
const answers = (h: TestBot) => h.calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.text);

describe('approval in chat', () => {
  it('sends one proposal message to every approver, with Approve, Reject and Details', async () => {
    const h = createTestBot();
    const id = await propose(h);
    const announcements = h.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('<b>Proposal</b>'));
    expect(announcements.map((c) => c.payload.chat_id).sort(), 'the owner and the approver, not the viewer').toEqual([OWNER, APPROVER].sort());
    const text = String(announcements[0]?.payload.text);
    for (const part of ['📄 <b>PAPER</b>', 'BUY 0.01 BTC/USDT', 'Price ', 'notional ≈', 'Confidence — (proposed by hand) · source manual', `Gates: ${DEFAULT_GATES.length}/${DEFAULT_GATES.length} passed`, 'Awaiting approval · expires']) {
      expect(text, `the message shows ${part}`).toContain(part);
    }
    expect(keyboardOf(announcements[0]).map((b) => b.callback_data), 'only opaque ids in callback data').toEqual([`pa:${id}`, `pr:${id}`, `pd:${id}`]);
    expect(sentTexts(h.calls), 'the proposer is told').toContain(`📄 <b>PAPER</b> · Proposal <code>${id}</code> sent for approval.`);
  });

  it('approves: answers the button at once, edits every copy, fills once and replies with the fill', async () => {
    const h = createTestBot();
    const id = await propose(h);
    const pressed = await h.press(`pa:${id}`, APPROVER);
    expect(pressed.calls[0]?.method, 'the button is answered before any slow work').toBe('answerCallbackQuery');

    expect((await h.engine.getProposal(id))?.state).toBe('filled');
    expect((await h.engine.listOrders()).length, 'exactly one order').toBe(1);
    const lastEdits = edits(h).slice(-2);
    expect(lastEdits.map((c) => c.payload.chat_id).sort(), 'both copies edited').toEqual([OWNER, APPROVER].sort());
    expect(String(lastEdits[0]?.payload.text)).toMatch(/Approved by User222 at .* · <b>filled<\/b> 0\.01 @/);
    expect(keyboardOf(lastEdits[0]).map((b) => b.text), 'no Approve button once decided').toEqual(['Details']);
    const fills = h.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).includes('Filled: 0.01 @'));
    expect(fills.length, 'the fill is told under each copy').toBe(2);
    expect(fills[0]?.payload.reply_parameters, 'as a reply in the thread').toBeDefined();
    expect(String(fills[0]?.payload.text)).toMatch(/Fees: .*\nSlippage vs/);
  });

  it('refuses a viewer with an alert toast and changes nothing', async () => {
    const h = createTestBot();
    const id = await propose(h);
    const { calls } = await h.press(`pa:${id}`, VIEWER);
    expect(calls.map((c) => c.method), 'only the answer to the button').toEqual(['answerCallbackQuery']);
    expect(calls[0]?.payload, 'an alert naming the role').toMatchObject({ show_alert: true, text: 'This needs the approver role.' });
    expect((await h.engine.getProposal(id))?.state).toBe('pending');
  });

  it('decides once on a double tap or two approvers at once', async () => {
    const h = createTestBot();
    const id = await propose(h);
    // Concurrent: none waits for another's background work before pressing.
    await Promise.all([h.press(`pa:${id}`, APPROVER, { settle: false }), h.press(`pa:${id}`, APPROVER, { settle: false }), h.press(`pa:${id}`, OWNER, { settle: false })]);
    await h.settle();
    await h.press(`pa:${id}`, OWNER);
    expect((await h.engine.listOrders()).length, 'one order, whatever the taps').toBe(1);
    const decidedBy = (await h.engine.getProposal(id))?.decision?.byName;
    expect(answers(h).at(-1), 'a later tap says who decided').toBe(`Already approved by ${decidedBy}.`);
    expect(sentTexts(h.calls).filter((t) => t.startsWith('Already approved by')).length, 'the losers of the race are told too').toBe(2);
  });

  it('rejects, and a later approve is answered "already rejected"', async () => {
    const h = createTestBot();
    const id = await propose(h);
    await h.press(`pr:${id}`, OWNER);
    await h.press(`pa:${id}`, APPROVER);
    expect(answers(h)).toEqual(['Rejected.', 'Already rejected by User111.']);
    expect(String(edits(h).at(-1)?.payload.text)).toContain('❌ Rejected by User111');
    expect((await h.engine.listOrders())).toEqual([]);
  });

  it('expires at the deadline: the message says so and a late tap executes nothing', async () => {
    const h = createTestBot();
    const id = await propose(h);
    h.clock.advance(31 * 60_000);
    await h.engine.expireDue();
    await h.settle();
    expect(String(edits(h).at(-1)?.payload.text)).toContain('⌛ Expired, not executed');
    await h.press(`pa:${id}`, APPROVER);
    expect(answers(h).at(-1)).toBe('This proposal expired; nothing was executed.');
    expect((await h.engine.listOrders())).toEqual([]);
  });

  it('refuses an approval when the price drifted past the tolerance, and keeps the proposal actionable', async () => {
    const h = createTestBot({}, { engine: { accounts: '[{"id":"paper","venue":"paper","priceDriftTolerancePct":0.01,"proposalTtlMinutes":600}]' } });
    const id = await propose(h);
    h.clock.advance(3 * 60 * 60_000);
    await h.press(`pa:${id}`, APPROVER);
    expect(sentTexts(h.calls).at(-1)).toMatch(/^📄 PAPER · Approval refused: the price moved \d+\.\d\d% since the proposal \(.* tolerance 0\.01%\)$/);
    expect((await h.engine.getProposal(id))?.state, 'still pending: it may pass later').toBe('pending');
    expect((await h.engine.listOrders())).toEqual([]);
  });

  it('shows the gate trace and history on Details', async () => {
    const h = createTestBot();
    const id = await propose(h);
    await h.press(`pd:${id}`, VIEWER);
    const details = sentTexts(h.calls).at(-1) ?? '';
    expect(details).toContain('✓ kill_switch');
    expect(details).toContain('✓ max_daily_loss');
    expect(details).toContain('pending');
  });
});

describe('pause, resume and halt', () => {
  it('pause blocks new proposals with the paused gate; resume lifts it', async () => {
    const h = createTestBot();
    await h.say('/pause', APPROVER);
    await h.say('/propose paper BTC/USDT buy 0.01', APPROVER);
    expect(sentTexts(h.calls).at(-1)).toContain('blocked by <b>paused</b>');
    expect(h.decisions.entries.at(-1)?.outcome, 'the block is kept in the shadow log').toBe('blocked');
    await h.say('/resume', APPROVER);
    expect(sentTexts(h.calls).at(-1), 'resume is for the owner').toBe('/resume needs the owner role; you are approver.');
    await h.say('/resume', OWNER);
    expect(h.engine.controls(), 'both off, and who resumed is kept').toMatchObject({ paused: false, halted: false, resumedBy: { id: OWNER } });
  });

  it('halt asks for HALT typed out, cancels open orders, refuses approvals, and survives until /resume', async () => {
    const h = createTestBot();
    const id = await propose(h);
    await h.say('/halt', OWNER);
    expect(sentTexts(h.calls).at(-1)).toMatch(/^Type HALT to cancel every open order/);
    await h.say('halt', OWNER);
    expect(sentTexts(h.calls).at(-1), 'lower case does not confirm').toMatch(/^Only the exact word HALT/);
    expect(h.engine.controls().halted).toBe(false);
    await h.say('HALT', OWNER);
    expect(h.engine.controls().halted).toBe(true);
    expect(sentTexts(h.calls).some((t) => t.startsWith('📄 <b>PAPER</b> · 🛑 <b>HALTED</b>')), 'everyone is told, under the badge').toBe(true);
    expect(h.document.data.trading.controls.halted, 'persisted, so a restart stays halted').toBe(true);

    await h.press(`pa:${id}`, APPROVER);
    expect(sentTexts(h.calls).at(-1)).toBe('📄 PAPER · Approval refused: trading is halted (kill switch)');
    expect((await h.engine.listOrders())).toEqual([]);
  });
});
