import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHAT,
  GROUP,
  createAlertHarness,
  critical,
  heads,
  high,
  info,
  networkError,
  serverError,
  tooManyRequests,
  useAlertClock,
  warning,
} from './alert-harness.js';

beforeEach(() => useAlertClock());
afterEach(() => void vi.useRealTimers());

describe('the durable outbox', () => {
  it('persists an alert before it is sent', async () => {
    const { dispatcher, document, send } = createAlertHarness();
    send.mockImplementationOnce(async () => {
      expect(document.data.alerts.outbox.map((e) => e.title), 'on disk before Telegram sees it').toEqual(['Breaker open']);
      return { messageId: 1 };
    });
    dispatcher.start();
    await dispatcher.raise(critical('Breaker open'));
    expect(send, 'sent once the outbox holds it').toHaveBeenCalledTimes(1);
  });

  it('survives a restart: a new dispatcher on the same document delivers what the old one held', async () => {
    const first = createAlertHarness({ failWith: () => networkError() });
    first.dispatcher.start();
    await first.dispatcher.raise(high('Order A unresolved'));
    await first.dispatcher.raise(high('Order B unresolved'));
    await vi.advanceTimersByTimeAsync(5_000);
    first.dispatcher.stop();
    expect(first.sent, 'Telegram never accepted anything').toEqual([]);
    expect(first.dispatcher.depth(), 'both wait in the outbox').toBe(2);

    const second = createAlertHarness({ document: first.document });
    second.dispatcher.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(heads(second.sent), 'delivered after the restart, in order').toEqual([
      '🟠 <b>HIGH</b> · <b>Order A unresolved</b>',
      '🟠 <b>HIGH</b> · <b>Order B unresolved</b>',
    ]);
    expect(second.dispatcher.depth(), 'accepted alerts leave the outbox').toBe(0);
  });

  it('loses nothing in an outage of 5xx and network errors, and keeps the order', async () => {
    let down = true;
    const { dispatcher, sent, send } = createAlertHarness({ failWith: ({ attempt }) => (down ? (attempt % 2 === 0 ? serverError() : networkError()) : undefined) });
    dispatcher.start();
    for (const name of ['one', 'two', 'three', 'four']) await dispatcher.raise(high(`Order ${name}`));
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sent, 'nothing accepted during the outage').toEqual([]);
    // 1 s doubling to 15 s: a dozen tries in two minutes, not hundreds.
    expect(send.mock.calls.length, 'retried with backoff, not hammered').toBeLessThanOrEqual(12);
    expect(dispatcher.pending(), 'the backlog is visible to /health').toMatchObject({ undelivered: 4, undeliveredAlerts: 4, delayedChats: [{ chatId: CHAT, reason: 'failing' }] });

    down = false;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(heads(sent).map((h) => h.replace(/.*<b>Order (\w+)<\/b>.*/, '$1')), 'all four, in order').toEqual(['one', 'two', 'three', 'four']);
    expect(dispatcher.depth(), 'outbox empty once accepted').toBe(0);
  });

  it('honours 429 retry_after: no send to that chat before it has passed', async () => {
    let refusals = 1;
    const { dispatcher, sent, send } = createAlertHarness({ failWith: () => (refusals-- > 0 ? tooManyRequests(7) : undefined) });
    dispatcher.start();
    await dispatcher.raise(high('Order unresolved'));
    expect(send, 'first attempt refused').toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(send, 'nothing sent within retry_after').toHaveBeenCalledTimes(1);
    expect(dispatcher.pending().delayedChats, '/health shows the pause').toEqual([{ chatId: CHAT, until: new Date(Date.now() + 1).toISOString(), failures: 0, reason: 'rate_limited' }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent.map((m) => m.at), 'sent exactly when retry_after ends').toEqual([7_000]);
    expect(dispatcher.pending(), 'nothing waits any more').toEqual({ undelivered: 0, undeliveredAlerts: 0, awaitingAcknowledgement: 0, delayedChats: [] });
  });

  it('spaces messages at 1/s in a private chat and 20/min in a group', async () => {
    const { dispatcher, sent } = createAlertHarness({ chats: [CHAT, GROUP] });
    dispatcher.start();
    for (let i = 0; i < 4; i++) await dispatcher.raise(high(`Order ${i}`));
    await vi.advanceTimersByTimeAsync(20_000);
    const times = (chatId: number) => sent.filter((m) => m.chatId === chatId).map((m) => m.at);
    expect(times(CHAT), 'one per second in a private chat').toEqual([0, 1_000, 2_000, 3_000]);
    expect(times(GROUP), 'one per 3 s in a group').toEqual([0, 3_000, 6_000, 9_000]);
  });
});

describe('priorities and coalescing', () => {
  it('coalesces 50 INFO/WARNING alerts raised within 1 s into one digest', async () => {
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    for (let i = 0; i < 50; i++) {
      await dispatcher.raise(i % 5 === 0 ? warning(`Job ${i % 3} stale`) : info(`Symbol ${i % 7} scanned`));
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent, 'one digest message').toHaveLength(1);
    const text = sent[0]?.text ?? '';
    expect(text.startsWith('⚠️ <b>WARNING</b> · 50 alerts'), 'tagged with the strongest severity, counting every alert').toBe(true);
    expect(text, 'identical alerts counted').toContain('<b>Symbol 1 scanned</b> ×');
    expect(dispatcher.depth(), 'outbox empty').toBe(0);
  });

  it('counts identical alerts instead of repeating them', async () => {
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    for (let i = 0; i < 12; i++) {
      await dispatcher.raise(warning('Scan job overdue', { dedupeKey: 'job_stale:scan' }));
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.map((m) => m.text), 'one line, counted').toEqual(['⚠️ <b>WARNING</b> · <b>Scan job overdue</b> ×12 in 1 s']);
  });

  it('sends CRITICAL first even when queued after INFOs and a HIGH', async () => {
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    await dispatcher.raise(high('First high'));
    for (let i = 0; i < 5; i++) await dispatcher.raise(info(`Note ${i}`));
    await dispatcher.raise(high('Second high'));
    await dispatcher.raise(critical('Kill switch tripped'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(heads(sent), 'CRITICAL jumps the queue; HIGH before the digest').toEqual([
      '🟠 <b>HIGH</b> · <b>First high</b>',
      '🚨 <b>CRITICAL</b> · <b>Kill switch tripped</b>',
      '🟠 <b>HIGH</b> · <b>Second high</b>',
      'ℹ️ <b>INFO</b> · 5 alerts since 12:00 UTC',
    ]);
  });

  it('never merges HIGH or CRITICAL alerts: each its own message, CRITICAL with a button', async () => {
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    await dispatcher.raise(high('Busy'));
    await dispatcher.raise(critical('Breaker open: alpaca'));
    await dispatcher.raise(critical('Breaker open: alpaca'));
    await dispatcher.raise(critical('Daily loss limit hit'));
    await dispatcher.raise(high('Order stuck', { dedupeKey: 'order_unresolved:X' }));
    await dispatcher.raise(high('Order stuck', { dedupeKey: 'order_unresolved:X' }));
    await dispatcher.raise(info('Note'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(heads(sent), 'one message per urgent alert, none counted into another; CRITICAL first; the INFO apart').toEqual([
      '🟠 <b>HIGH</b> · <b>Busy</b>',
      '🚨 <b>CRITICAL</b> · <b>Breaker open: alpaca</b>',
      '🚨 <b>CRITICAL</b> · <b>Breaker open: alpaca</b>',
      '🚨 <b>CRITICAL</b> · <b>Daily loss limit hit</b>',
      '🟠 <b>HIGH</b> · <b>Order stuck</b>',
      '🟠 <b>HIGH</b> · <b>Order stuck</b>',
      'ℹ️ <b>INFO</b> · <b>Note</b>',
    ]);
    const criticals = sent.filter((m) => m.text.startsWith('🚨'));
    expect(criticals.every((m) => m.options.keyboard?.[0]?.[0]?.text === '✅ Acknowledge'), 'every CRITICAL carries Acknowledge').toBe(true);
  });
});

describe('after an outage', () => {
  it('delivers each HIGH and CRITICAL raised during a 500/429 outage as its own message; INFO/WARNING are counted', async () => {
    let down = true;
    let refusals = 1;
    const { dispatcher, sent } = createAlertHarness({
      failWith: () => {
        if (down) return serverError();
        return refusals-- > 0 ? tooManyRequests(5) : undefined;
      },
    });
    dispatcher.start();
    // What the issue saw: one order's HIGH raised four times in 24 s while Telegram failed.
    for (let i = 0; i < 4; i++) {
      await dispatcher.raise(high('Order X is not resolved', { dedupeKey: 'order_unresolved:X' }));
      await dispatcher.raise(warning('Scan job overdue', { dedupeKey: 'job_stale:scan' }));
      await vi.advanceTimersByTimeAsync(8_000);
    }
    await dispatcher.raise(critical('Kill switch incomplete', { dedupeKey: 'halt' }));
    await dispatcher.raise(critical('Kill switch incomplete', { dedupeKey: 'halt' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent, 'nothing accepted during the outage').toEqual([]);
    expect(dispatcher.depth(), 'four HIGH, two CRITICAL and one counted WARNING wait').toBe(7);

    down = false;
    await vi.advanceTimersByTimeAsync(180_000);
    // Reminders of the unacknowledged CRITICALs are not what this test is about.
    const lines = heads(sent.filter((m) => !m.text.includes('🔁 Reminder'))).map((h) => h.replace(/^(\S+) <b>(\w+)<\/b> · /, '$2 '));
    expect(lines, 'CRITICAL first, then each HIGH on its own with no ×N; the WARNINGs as one counted line').toEqual([
      'CRITICAL <b>Kill switch incomplete</b>',
      'CRITICAL <b>Kill switch incomplete</b>',
      'HIGH <b>Order X is not resolved</b>',
      'HIGH <b>Order X is not resolved</b>',
      'HIGH <b>Order X is not resolved</b>',
      'HIGH <b>Order X is not resolved</b>',
      'WARNING <b>Scan job overdue</b> ×4 in 24 s',
    ]);
    expect(dispatcher.depth(), 'outbox drained').toBe(0);
  });
});
