import { describe, expect, it } from 'vitest';
import { createInboundRepository } from '../../src/store/inbound-repository.js';
import type { Intent } from '../../src/store/inbound-schema.js';
import { sentTexts, type ApiCall } from '../helpers/record-api.js';
import { APPROVER, OWNER, VIEWER, createTestBot, type TestBot, type TestBotOptions } from '../helpers/test-bot.js';
import { callbackUpdate, textUpdate } from '../helpers/updates.js';
import { waitFor } from '../helpers/wait-for.js';

/** A pending proposal made through the chat, as an approver would; its id. */
async function propose(h: TestBot, symbol = 'BTC/USDT'): Promise<string> {
  const before = new Set(h.engine.listProposals().map((p) => p.id));
  await h.say(`/propose paper ${symbol} buy 0.01`, APPROVER);
  const id = h.engine.listProposals({ state: 'pending' }).find((p) => !before.has(p.id))?.id;
  if (id === undefined) throw new Error(`no proposal: ${sentTexts(h.calls).join('\n')}`);
  return id;
}

/** A second process on the same data: the document and history the first one left. */
const restart = (h: TestBot, options: TestBotOptions = {}) => createTestBot({}, { ...options, engine: { ...options.engine, document: h.document, history: h.history, clock: h.clock } });

const answersIn = (calls: readonly ApiCall[]) => calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => c.payload.text);
const decided = (h: TestBot) => h.events.filter((e) => e.type === 'proposal_decided');
const debugLines = (h: TestBot, message: string) => h.logLines.filter((l) => l.includes('"level":20') && l.includes(message));

describe('durable taps', () => {
  it('decides after a restart an Approve that was answered when the process died before the approval was written', async () => {
    // The first process records and answers the tap, then dies inside the re-check.
    const first = createTestBot({}, { engineOverrides: () => ({ approve: () => new Promise(() => undefined) }) });
    const id = await propose(first);
    await first.press(`pa:${id}`, APPROVER, { settle: false });
    await waitFor(() => answersIn(first.calls).length > 0, 'the answer to the tap');
    expect(answersIn(first.calls), 'the approver saw the tap taken').toEqual(['Checking the price and limits…']);
    expect((await first.engine.getProposal(id))?.state, 'nothing decided when it died').toBe('pending');
    expect(first.document.data.inbound.intents.map((i) => [i.kind, i.target]), 'but the tap is on disk').toEqual([['approve', id]]);

    const second = restart(first);
    await second.inbound.intents.recover();
    await second.settle();
    expect((await second.engine.getProposal(id))?.state, 'decided and executed by the next process').toBe('filled');
    expect((await second.engine.listOrders()).length, 'exactly one order').toBe(1);
    expect(second.document.data.inbound.intents, 'nothing left to carry out').toEqual([]);
    expect(second.history.entries.filter((e) => e.kind === 'intent').map((e) => (e.value as { result: string }).result), 'kept for audit').toEqual(['approved']);
    expect(sentTexts(second.calls).filter((t) => t.startsWith('Already')), 'nobody is told their own tap was "already" decided').toEqual([]);
  });

  it('approves exactly once when answering the tap fails with a 500, and says nothing went wrong', async () => {
    const h = createTestBot({}, { apiFailure: (method) => (method === 'answerCallbackQuery' ? { error_code: 500, description: 'Internal Server Error' } : undefined) });
    const id = await propose(h);
    const pressed = await h.press(`pa:${id}`, APPROVER);
    expect(pressed.calls.filter((c) => c.method === 'answerCallbackQuery').length, 'answered once, not retried for 20 s').toBe(1);
    expect((await h.engine.getProposal(id))?.state, 'the decision did not depend on the toast').toBe('filled');
    expect((await h.engine.listOrders()).length, 'one order').toBe(1);
    expect(sentTexts(h.calls).filter((t) => /Something went wrong/.test(t)), 'no false alarm in the chat').toEqual([]);
    expect(h.logLines.some((l) => l.includes('"level":40') && l.includes('tap not answered')), 'the lost toast is logged at warn').toBe(true);
  });

  it('does not hold the update (and every one behind it) retrying a reply while Telegram answers 500', async () => {
    const h = createTestBot({}, { apiFailure: (method) => (method === 'sendMessage' ? { error_code: 500, description: 'Internal Server Error' } : undefined) });
    const started = Date.now();
    const said = await h.say('/status', OWNER);
    expect(Date.now() - started, 'no 3 s auto-retry backoff (its first step)').toBeLessThan(2_500);
    expect(said.calls.filter((c) => c.method === 'sendMessage').length, 'the reply, then the error notice, each tried once').toBeLessThanOrEqual(2);
  });

  it('keeps the error boundary quiet when only the answer to a button failed', async () => {
    const h = createTestBot({}, { apiFailure: (method) => (method === 'answerCallbackQuery' ? { error_code: 400, description: 'Bad Request: query is too old' } : undefined) });
    // A button the registry answers itself, awaiting the answer: its failure reaches the boundary.
    const pressed = await h.press('zz:forged', OWNER);
    expect(pressed.calls.map((c) => c.method), 'no "Something went wrong" message, only the failed answer').toEqual(['answerCallbackQuery']);
    expect(h.logLines.some((l) => l.includes('"level":40') && l.includes('tap not answered')), 'logged at warn').toBe(true);
    expect(h.logLines.some((l) => l.includes('"level":50')), 'not as an error').toBe(false);
  });

  it('carries out the intents a crash left in the store, in order, once', async () => {
    const first = createTestBot();
    const [p1, p2] = [await propose(first), await propose(first, 'ETH/USDT')];
    await first.alerts.raise({ severity: 'CRITICAL', type: 'breaker_open', title: 'Broker unreachable' });
    const inbound = createInboundRepository({ document: first.document, history: first.history });
    const tap = (updateId: number, kind: Intent['kind'], target: string, user = { id: OWNER, name: 'User111' }): Intent => ({ updateId, kind, target, user, chatId: user.id, at: first.clock.now().toISOString() });
    for (const intent of [tap(9001, 'approve', p1), tap(9002, 'reject', p2), tap(9003, 'acknowledge', 'alert-1'), tap(9004, 'halt', 'trading')]) await inbound.addIntent(intent);

    const second = restart(first);
    await second.inbound.intents.recover();
    await second.settle();
    expect((await second.engine.getProposal(p1))?.state, 'the approval, before the halt recorded after it').toBe('filled');
    expect((await second.engine.getProposal(p2))?.state, 'the rejection').toBe('rejected');
    expect(second.document.data.alerts.acknowledged.map((a) => a.by.id), 'the acknowledgement, with who').toEqual([OWNER]);
    expect(second.engine.controls().halted, 'the confirmed HALT').toBe(true);
    expect(second.document.data.inbound.intents, 'all done').toEqual([]);
    expect(second.history.entries.filter((e) => e.kind === 'intent').map((e) => e.id), 'each one in the history once').toEqual(['9001', '9002', '9003', '9004']);

    await second.inbound.intents.recover();
    await second.settle();
    expect(decided(second).length, 'a second start-up run finds nothing to do').toBe(2);
  });

  it('tells the approver a refusal it found after a restart', async () => {
    const first = createTestBot({}, { engine: { accounts: '[{"id":"paper","venue":"paper","priceDriftTolerancePct":0.01,"proposalTtlMinutes":600}]' } });
    const id = await propose(first);
    first.clock.advance(3 * 60 * 60_000);
    await createInboundRepository(first).addIntent({ updateId: 9100, kind: 'approve', target: id, user: { id: APPROVER, name: 'User222' }, chatId: APPROVER, at: first.clock.now().toISOString() });
    const second = restart(first, { engine: { accounts: '[{"id":"paper","venue":"paper","priceDriftTolerancePct":0.01,"proposalTtlMinutes":600}]' } });
    await second.inbound.intents.recover();
    await second.settle();
    const told = second.calls.filter((c) => c.method === 'sendMessage' && String(c.payload.text).startsWith('📄 PAPER · Approval refused'));
    expect(told.map((c) => c.payload.chat_id), 'in the chat the tap came from').toEqual([APPROVER]);
    expect((await second.engine.getProposal(id))?.state, 'still pending: it may pass later').toBe('pending');
  });

  it('retries an intent whose execution failed, until it goes through', async () => {
    let failures = 1;
    const h = createTestBot({}, {
      intentRetryDelaysMs: [10],
      engineOverrides: (engine) => ({
        reject: (id, by) => (failures-- > 0 ? Promise.reject(new Error('store busy')) : engine.reject(id, by)),
      }),
    });
    const id = await propose(h);
    const pressed = await h.press(`pr:${id}`, OWNER);
    expect(answersIn(pressed.calls), 'told it is recorded and retried').toEqual(['Recorded. It did not go through yet; retrying.']);
    expect(h.document.data.inbound.intents.length, 'still recorded').toBe(1);
    await waitFor(() => h.document.data.inbound.intents.length === 0, 'the retry');
    await h.settle();
    expect((await h.engine.getProposal(id))?.state, 'rejected on the retry').toBe('rejected');
  });

  it('acknowledges through the whole stack: recorded, decided, answered, and the button removed', async () => {
    const h = createTestBot();
    await h.alerts.raise({ severity: 'CRITICAL', type: 'breaker_open', title: 'Broker unreachable' });
    const pressed = await h.press('ack:alert-1', VIEWER);
    expect(answersIn(pressed.calls), 'the outcome as the toast').toEqual(['Acknowledged. No more reminders for this alert.']);
    expect(pressed.calls.find((c) => c.method === 'editMessageReplyMarkup')?.payload.reply_markup, 'the button disappears').toEqual({ inline_keyboard: [] });
    expect(h.history.entries.filter((e) => e.kind === 'intent').length, 'the tap is in the history').toBe(1);
  });
});

describe('every update acts at most once', () => {
  it('makes one proposal from a /propose that Telegram redelivers to a restarted bot', async () => {
    const first = createTestBot();
    const update = textUpdate(APPROVER, '/propose paper BTC/USDT buy 0.01');
    await first.send(update);
    const second = restart(first);
    const again = await second.send(update);
    expect(second.engine.listProposals().length, 'one command, one proposal').toBe(1);
    expect(again.calls, 'the redelivery does nothing at all').toEqual([]);
    expect(debugLines(second, 'redelivered update skipped').length, 'and is logged at debug').toBe(1);
  });

  it('decides a redelivered Approve tap once, in the same process and after a restart', async () => {
    const first = createTestBot();
    const id = await propose(first);
    const tap = callbackUpdate(APPROVER, `pa:${id}`);
    await first.send(tap);
    const sameProcess = await first.send(tap);
    const second = restart(first);
    const afterRestart = await second.send(tap);
    expect([sameProcess.calls, afterRestart.calls], 'neither redelivery acts or answers').toEqual([[], []]);
    expect(decided(first).length, 'one decision').toBe(1);
    expect((await second.engine.listOrders()).length, 'one order').toBe(1);
  });

  it('records a command that changes state before it acts, and never a read-only one', async () => {
    const h = createTestBot();
    const before = JSON.stringify(h.document.data);
    await h.say('/help');
    await h.say('/status');
    await h.say('/watch list');
    await h.say('/alerts');
    expect(JSON.stringify(h.document.data), 'reading costs no store write').toBe(before);
    const pause = textUpdate(APPROVER, '/pause');
    await h.send(pause);
    await h.send(pause);
    expect(h.document.data.inbound.processed, 'the /pause update is on record').toEqual([pause.update_id]);
    expect(h.events.filter((e) => e.type === 'trading_control').length, 'and paused once').toBe(1);
  });
});
