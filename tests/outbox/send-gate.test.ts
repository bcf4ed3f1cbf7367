import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSendGate, type SendPriority } from '../../src/outbox/send-gate.js';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-03T12:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

/** Asks for a turn and records when it was granted (ms after start). */
function track(gate: ReturnType<typeof createSendGate>) {
  const start = Date.now();
  const granted: { chat: number; at: number; priority: SendPriority }[] = [];
  // Each send ends the moment it is granted, as if Telegram answered at once.
  const ask = (chat: number, priority: SendPriority = 'normal') =>
    gate.acquire(chat, priority).then((done) => {
      granted.push({ chat, at: Date.now() - start, priority });
      done();
    });
  return { granted, ask };
}

describe('the send gate', () => {
  it('spaces one private chat at 1 message/s and a group at one every 3 s', async () => {
    const { granted, ask } = track(createSendGate());
    for (let i = 0; i < 3; i++) void ask(5);
    for (let i = 0; i < 3; i++) void ask(-100);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted.filter((g) => g.chat === 5).map((g) => g.at), 'private: 0, 1, 2 s').toEqual([0, 1_000, 2_000]);
    expect(granted.filter((g) => g.chat === -100).map((g) => g.at), 'group: 0, 3, 6 s').toEqual([0, 3_000, 6_000]);
  });

  it('spaces a chat from the end of its previous send: a slow answer never brings two messages within a second', async () => {
    const gate = createSendGate();
    const grantedAt: number[] = [];
    const start = Date.now();
    const send = (answerMs: number) =>
      gate.acquire(5, 'normal').then(async (done) => {
        grantedAt.push(Date.now() - start);
        await new Promise((resolve) => setTimeout(resolve, answerMs));
        done();
      });
    void send(400);
    void send(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(grantedAt, 'the second goes a second after the first was answered, not after it was granted').toEqual([0, 1_400]);
  });

  it('lets a direct reply go at once, and spaces the chat’s queued messages after it', async () => {
    const gate = createSendGate({ perSecond: 25 });
    const start = Date.now();
    const at: Record<string, number> = {};
    const take = (name: string, paced: boolean) => gate.acquire(5, 'normal', { paced }).then((done) => ((at[name] = Date.now() - start), done()));
    await take('card', true);
    await vi.advanceTimersByTimeAsync(500);
    void take('reply', false);
    void take('next card', true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(at, 'the reply does not wait for the chat; the next card waits a second after the reply').toEqual({ card: 0, reply: 500, 'next card': 1_500 });
  });

  it('never lets more than the limit through in any one-second window across chats', async () => {
    const { granted, ask } = track(createSendGate({ perSecond: 25 }));
    for (let chat = 1; chat <= 50; chat++) for (let i = 0; i < 4; i++) void ask(chat);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(granted.length, 'all 200 went out').toBe(200);
    const times = granted.map((g) => g.at).sort((a, b) => a - b);
    const busiest = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
    expect(busiest, 'the busiest one-second window').toBeLessThanOrEqual(25);
  });

  it('counts a send until a second after it ended, so slow answers never let a window overflow', async () => {
    const gate = createSendGate({ perSecond: 2 });
    const ends: (() => void)[] = [];
    let grantedCount = 0;
    for (let chat = 1; chat <= 3; chat++) void gate.acquire(chat, 'normal').then((done) => (grantedCount++, ends.push(done)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(grantedCount, 'two in flight fill the window, however long they take').toBe(2);
    ends[0]?.();
    await vi.advanceTimersByTimeAsync(999);
    expect(grantedCount, 'still counted for a second after it ended').toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(grantedCount, 'then the third goes').toBe(3);
  });

  it('lets CRITICAL, then HIGH, go before the rest when the window is full', async () => {
    const { granted, ask } = track(createSendGate({ perSecond: 2 }));
    for (let chat = 1; chat <= 4; chat++) void ask(chat);
    void ask(10, 'high');
    void ask(11, 'critical');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(granted.slice(2, 4).map((g) => g.priority), 'after the first two: CRITICAL, then HIGH').toEqual(['critical', 'high']);
  });

  it('holds a chat for exactly a 429’s retry_after', async () => {
    const gate = createSendGate();
    const { granted, ask } = track(gate);
    await ask(5);
    gate.holdChat(5, 7_000);
    void ask(5);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(granted.length, 'not before retry_after').toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted.at(-1)?.at, 'right at retry_after').toBe(7_000);
  });
});
