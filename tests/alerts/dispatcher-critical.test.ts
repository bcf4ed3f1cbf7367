import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acknowledgeButton, acknowledgeIntent } from '../../src/handlers/acknowledge.js';
import { decodeCallbackData } from '../../src/bot/callback-data.js';
import { CHAT, GROUP, createAlertHarness, critical, heads, tooManyRequests, useAlertClock } from './alert-harness.js';

beforeEach(() => useAlertClock());
afterEach(() => void vi.useRealTimers());

const OWNER = { id: 42, name: '@owner' };
const MINUTE = 60_000;

describe('CRITICAL reminders and acknowledgement', () => {
  it('re-sends an unacknowledged CRITICAL at 2, 5, 10, 30, then every 30 minutes, until acknowledged', async () => {
    const { dispatcher, sent, document } = createAlertHarness();
    dispatcher.start();
    await dispatcher.raise(critical('Kill switch tripped'));
    await vi.advanceTimersByTimeAsync(77 * MINUTE);
    expect(sent.map((m) => m.at / MINUTE), 'increasing intervals').toEqual([0, 2, 7, 17, 47, 77]);
    expect(sent[1]?.text, 'a reminder says so').toContain('🔁 Reminder 1: not acknowledged for 2 min');
    expect(sent.every((m) => m.options.keyboard !== undefined), 'every copy can be acknowledged').toBe(true);
    expect(dispatcher.pending().awaitingAcknowledgement, '/health sees it waiting').toBe(1);

    const result = await dispatcher.acknowledge('alert-1', OWNER);
    expect(result, 'who and when').toEqual({
      kind: 'acknowledged',
      record: { alertId: 'alert-1', type: 'breaker_open', title: 'Kill switch tripped', by: OWNER, at: new Date(Date.now()).toISOString() },
    });
    expect(document.data.alerts.acknowledged, 'recorded durably').toHaveLength(1);
    await vi.advanceTimersByTimeAsync(180 * MINUTE);
    expect(sent, 'no reminder after the acknowledgement').toHaveLength(6);
    expect(document.data.alerts.outbox, 'nothing left in the outbox').toEqual([]);
  });

  it('answers an unknown id clearly, and a second press names the first person', async () => {
    const { dispatcher } = createAlertHarness();
    dispatcher.start();
    expect(await dispatcher.acknowledge('nope', OWNER), 'unknown').toEqual({ kind: 'not_found', alertId: 'nope' });

    await dispatcher.raise(critical('Breaker open'));
    await dispatcher.acknowledge('alert-1', OWNER);
    const again = await dispatcher.acknowledge('alert-1', { id: 7, name: 'Bob' });
    expect(again, 'the first acknowledgement stands').toMatchObject({ kind: 'already_acknowledged', record: { by: OWNER } });
  });

  // Regression, fixed (src/handlers/acknowledge.ts; found by tests/bot/random-input.test.ts): a forged
  // `ack:<id>` naming no alert was recorded as a decision and appended to the history.
  it('knows the ids of alerts waiting or acknowledged, and no other, so a forged button records nothing', async () => {
    const { dispatcher } = createAlertHarness();
    dispatcher.start();
    await dispatcher.raise(critical('Breaker open'));
    await dispatcher.raise(critical('Broker down'));
    await dispatcher.acknowledge('alert-2', OWNER);
    expect(['alert-1', 'alert-2', 'x', ''].map((id) => dispatcher.isKnown(id)), 'waiting, acknowledged, forged, empty').toEqual([true, true, false, false]);
  });

  it('still delivers, once and without a button, a copy that had not reached its chat yet', async () => {
    let groupRefusals = 1;
    const { dispatcher, sent } = createAlertHarness({
      chats: [CHAT, GROUP],
      failWith: ({ chatId }) => (chatId === GROUP && groupRefusals-- > 0 ? tooManyRequests(30) : undefined),
    });
    dispatcher.start();
    await dispatcher.raise(critical('Breaker open'));
    await dispatcher.acknowledge('alert-1', OWNER);
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    const toGroup = sent.filter((m) => m.chatId === GROUP);
    expect(toGroup, 'delivered once after the 429').toHaveLength(1);
    expect(toGroup[0]?.text, 'says who acknowledged').toContain('✅ Acknowledged by @owner');
    expect(toGroup[0]?.options.keyboard, 'nothing left to acknowledge').toBeUndefined();
    expect(sent.filter((m) => m.chatId === CHAT), 'no reminders in the first chat').toHaveLength(1);
  });

  it('the Acknowledge button carries ack:<id> within 64 bytes and records who pressed it', async () => {
    const { dispatcher, sent, document } = createAlertHarness();
    dispatcher.start();
    await dispatcher.raise(critical('Breaker open'));
    const data = sent[0]?.options.keyboard?.[0]?.[0]?.callbackData ?? '';
    expect(Buffer.byteLength(data), 'Telegram limit').toBeLessThanOrEqual(64);
    const decoded = decodeCallbackData(data);
    expect(decoded, 'prefix and id').toEqual({ prefix: acknowledgeButton.prefix, payload: 'alert-1' });

    // The recorded tap as the inbound worker carries it out (the button through the whole
    // stack is in tests/handlers/durable-taps.test.ts).
    const answers: string[] = [];
    let updateId = 0;
    for (const target of [decoded?.payload ?? '', decoded?.payload ?? '', 'gone']) {
      const intent = { updateId: ++updateId, kind: 'acknowledge' as const, target, user: OWNER, chatId: CHAT, at: new Date().toISOString() };
      answers.push((await acknowledgeIntent(intent, { alerts: dispatcher })).toast);
    }
    expect(answers, 'a toast for each outcome').toEqual([
      'Acknowledged. No more reminders for this alert.',
      'Already acknowledged by @owner at 12:00 UTC.',
      'This alert is no longer pending.',
    ]);
    expect(document.data.alerts.acknowledged[0]?.by, 'who').toEqual(OWNER);
    expect(acknowledgeButton.minRole, 'any role may acknowledge').toBe('viewer');
  });

  it('keeps CRITICAL first across a restart, reminders included', async () => {
    const first = createAlertHarness();
    first.dispatcher.start();
    await first.dispatcher.raise(critical('Breaker open'));
    first.dispatcher.stop();
    const second = createAlertHarness({ document: first.document });
    second.dispatcher.start();
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect(heads(second.sent), 'the reminder is due after the restart too').toEqual(['🚨 <b>CRITICAL</b> · <b>Breaker open</b>']);
  });
});
