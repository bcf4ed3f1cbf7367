import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessageOutbox } from '../../src/outbox/create-message-outbox.js';
import type { OutboxContent } from '../../src/outbox/outbox-message.js';
import { createSendGate } from '../../src/outbox/send-gate.js';
import { createMessageOutboxRepository } from '../../src/store/message-outbox-repository.js';
import { createMemoryDocument } from '../helpers/test-engine.js';
import { createFakeTelegram } from './fake-telegram-transport.js';

const A = 111;
const B = 222;
const card = (text: string): OutboxContent => ({ text, parseMode: 'HTML', keyboard: [[{ text: 'Approve', callbackData: 'pa:p1' }]] });
const note = (text: string): OutboxContent => ({ text });

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-03T12:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

/** An outbox on a memory document (what a restart would find) and a fake Telegram. */
function createHarness(document = createMemoryDocument(), telegram = createFakeTelegram()) {
  const port = createMessageOutboxRepository({ document });
  const outbox = createMessageOutbox({
    port,
    transport: telegram.transport,
    gate: createSendGate(),
    clock: () => new Date(),
    logger: pino({ level: 'silent' }),
    plain: (text) => text.replace(/<[^>]+>/g, ''),
    lastMessageId: telegram.lastId,
  });
  return { document, telegram, outbox, port };
}

describe('the message outbox', () => {
  it('is on disk before anything is sent, and empties only as Telegram accepts, 1 message/s per chat, in order', async () => {
    const h = createHarness();
    await h.outbox.send(A, note('one'));
    await h.outbox.send(A, note('two'));
    await h.outbox.send(B, note('three'));
    expect(h.document.data.outbox.entries.map((e) => e.content.text), 'durable before any send').toEqual(['one', 'two', 'three']);
    h.outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    expect([h.telegram.messages(A).length, h.telegram.messages(B).length], 'one each at once').toEqual([1, 1]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.telegram.messages(A).map((m) => m.content.text), 'in order, a second apart').toEqual(['one', 'two']);
    expect(h.document.data.outbox.entries, 'nothing left').toEqual([]);
  });

  it('collapses edits of one message into its latest state, and folds edits into a card not sent yet', async () => {
    const h = createHarness();
    await h.outbox.send(A, card('pending'), { slot: 'card:p1' });
    await h.outbox.edit('card:p1', card('approved'));
    h.outbox.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(h.telegram.messages(A).map((m) => m.content.text), 'the card goes out once, in its latest state').toEqual(['approved']);
    await h.outbox.edit('card:p1', card('submitted'));
    await h.outbox.edit('card:p1', card('filled'));
    await h.outbox.edit('card:p1', card('filled, reply below'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.telegram.calls.filter((c) => c.method === 'edit').map((c) => c.text), 'edits made while the chat waited its turn go out as one').toEqual(['filled, reply below']);
    expect(h.telegram.messages(A)[0]?.content.text, 'the card shows the latest').toBe('filled, reply below');
  });

  it('sends a card that failed while Telegram was down once it is back, and replies under it', async () => {
    const h = createHarness();
    let down = true;
    h.telegram.failWhen(() => (down ? { kind: 'transient' } : undefined));
    h.outbox.start();
    await h.outbox.send(A, card('card'), { slot: 'card:p1' });
    await h.outbox.send(A, note('fill'), { replyToSlot: 'card:p1' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(h.telegram.messages(A), 'nothing accepted during the outage').toEqual([]);
    down = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.telegram.messages(A).map((m) => [m.content.text, m.replyTo]), 'card, then the reply under it').toEqual([
      ['card', undefined],
      ['fill', 1],
    ]);
  });

  it('waits exactly retry_after after a 429', async () => {
    const h = createHarness();
    let limited = true;
    h.telegram.failWhen(({ method }) => (method === 'send' && limited ? ((limited = false), { kind: 'rate_limited', retryAfterMs: 7_000 }) : undefined));
    h.outbox.start();
    await h.outbox.send(A, note('x'));
    await vi.advanceTimersByTimeAsync(6_999);
    expect(h.telegram.messages(A), 'not before retry_after').toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.telegram.messages(A).length, 'then at once').toBe(1);
  });

  it('resends as plain text when Telegram cannot parse the HTML', async () => {
    const h = createHarness();
    h.telegram.failWhen(({ method }) => (method === 'send' && h.document.data.outbox.entries[0]?.content.parseMode === 'HTML' ? { kind: 'bad_format' } : undefined));
    h.outbox.start();
    await h.outbox.send(A, { text: '<b>bold</b> <oops', parseMode: 'HTML' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.telegram.messages(A).map((m) => m.content), 'the words arrive without markup').toEqual([{ text: 'bold <oops' }]);
  });

  it('never sends a card twice when the answer to its send was lost: it finds it in the chat', async () => {
    const document = createMemoryDocument();
    const telegram = createFakeTelegram();
    telegram.userWrites(A);
    const first = createHarness(document, telegram);
    let lose = true;
    telegram.failWhen(({ method }) => (method === 'send' && lose ? ((lose = false), 'lost') : undefined));
    first.outbox.start();
    await first.outbox.send(A, card('card'), { slot: 'card:p1' });
    await vi.advanceTimersByTimeAsync(0);
    first.outbox.stop();
    telegram.userWrites(A);
    // A restart on the same document: the entry is marked as sent, its answer unknown.
    const second = createHarness(document, telegram);
    second.outbox.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(telegram.messages(A).map((m) => m.content.text), 'the card is in the chat once').toEqual(['card']);
    expect(document.data.outbox.slots[`${A}:card:p1`]?.messageId, 'and its id is known, for edits').toBe(2);
    expect(document.data.outbox.entries, 'nothing left').toEqual([]);
  });

  it('sends a card again when a lost send never reached the chat', async () => {
    const document = createMemoryDocument();
    const telegram = createFakeTelegram();
    telegram.userWrites(A);
    const h = createHarness(document, telegram);
    let refuseOnce = true;
    // The request never got there: a timeout before Telegram took it.
    telegram.failWhen(({ method }) => (method === 'send' && refuseOnce ? ((refuseOnce = false), { kind: 'transient' }) : undefined));
    h.outbox.start();
    await h.outbox.send(A, card('card'), { slot: 'card:p1' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(telegram.messages(A).map((m) => m.content.text), 'sent once, after looking for it').toEqual(['card']);
    expect(telegram.calls.map((c) => c.method), 'send, probe, send').toEqual(['send', 'probe', 'send']);
  });
});
