import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHAT, START, createAlertHarness, cannotParseEntities, critical, heads, high, info, useAlertClock, warning } from './alert-harness.js';

afterEach(() => void vi.useRealTimers());

describe('quiet hours', () => {
  // 23:00 in Berlin (UTC+1 in November).
  beforeEach(() => useAlertClock(Date.UTC(2026, 10, 20, 22, 0, 0)));

  it('holds INFO/WARNING until the quiet hours end, then sends one digest; HIGH/CRITICAL still go', async () => {
    const { dispatcher, sent, settings } = createAlertHarness();
    await settings.set(CHAT, { quietHours: { startHour: 22, endHour: 7, tz: 'Europe/Berlin' } });
    dispatcher.start();
    await dispatcher.raise(info('Scan finished'));
    await dispatcher.raise(warning('Data feed slow'));
    await dispatcher.raise(critical('Breaker open'));
    await dispatcher.raise(high('Order unresolved'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(heads(sent), 'only the urgent ones at night').toEqual(['🚨 <b>CRITICAL</b> · <b>Breaker open</b>', '🟠 <b>HIGH</b> · <b>Order unresolved</b>']);

    await dispatcher.acknowledge('alert-3', { id: 1, name: 'me' });
    await vi.advanceTimersByTimeAsync(9 * 3_600_000);
    const digest = sent.filter((m) => !m.text.startsWith('🚨') && !m.text.startsWith('🟠'));
    expect(digest, 'one digest').toHaveLength(1);
    expect(new Date(START + (digest[0]?.at ?? 0)).toISOString(), 'at 07:00 Berlin').toBe('2026-11-21T06:00:00.000Z');
    expect(digest[0]?.text, 'both held alerts, and when they happened').toMatch(/^⚠️ <b>WARNING<\/b> · 2 alerts since 22:00 UTC/);
  });
});

describe('per-type settings', () => {
  beforeEach(() => useAlertClock());

  it('off drops INFO/WARNING of that type (never HIGH or CRITICAL); silent disables the notification', async () => {
    const { dispatcher, sent, document, settings } = createAlertHarness();
    await settings.set(CHAT, { types: { scan_note: 'off', order_unresolved: 'silent', breaker_open: 'off' } });
    dispatcher.start();
    await dispatcher.raise(info('Noise'));
    expect(document.data.alerts.outbox, 'an off type is not even queued').toEqual([]);
    await dispatcher.raise(high('Order unresolved'));
    await dispatcher.raise(critical('Breaker open'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.map((m) => [m.text.split(' ')[0], m.options.disableNotification]), 'silent, but delivered').toEqual([
      ['🟠', true],
      ['🚨', true],
    ]);
  });
});

describe('formatting that cannot lose an alert', () => {
  beforeEach(() => useAlertClock());

  it('splits a message over 4,096 characters on line boundaries; the button rides on the last part', async () => {
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    const lines = Array.from({ length: 400 }, (_, i) => `position ${String(i).padStart(3, '0')}: BTC/USDT still open at the venue`);
    await dispatcher.raise(critical('Positions left open', { body: lines.join('\n') }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.length, 'several parts').toBeGreaterThan(3);
    expect(sent.every((m) => m.text.length <= 4_096), 'each within the limit').toBe(true);
    expect(sent.flatMap((m) => m.text.split('\n')).slice(1, 401), 'whole lines, none cut, in order').toEqual(lines);
    expect(sent.map((m) => m.options.keyboard !== undefined), 'Acknowledge on the last part only').toEqual(sent.map((_, i) => i === sent.length - 1));
    expect(sent.slice(1).every((m, i) => m.at - (sent[i]?.at ?? 0) >= 1_000), 'parts respect 1 message/s').toBe(true);
  });

  it('escapes outside text: a symbol with _ and < never breaks the HTML', async () => {
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    await dispatcher.raise(high('Order for BTC_USD <x> & co', { body: 'reason: price < limit_price' }));
    expect(sent[0]?.text, 'escaped, sent as HTML').toBe('🟠 <b>HIGH</b> · <b>Order for BTC_USD &lt;x&gt; &amp; co</b>\nreason: price &lt; limit_price');
    expect(sent[0]?.options.parseMode, 'HTML parse mode').toBe('HTML');
  });

  it('resends as plain text when Telegram still refuses the formatting', async () => {
    const { dispatcher, sent, send } = createAlertHarness({ failWith: ({ options }) => (options.parseMode === 'HTML' ? cannotParseEntities() : undefined) });
    dispatcher.start();
    await dispatcher.raise(high('Order for BTC_USD <x>', { body: 'a & b' }));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(send, 'HTML, then plain').toHaveBeenCalledTimes(2);
    expect(sent.map((m) => [m.text, m.options.parseMode]), 'readable plain text, no tags or entities').toEqual([
      ['🟠 HIGH · Order for BTC_USD <x>\na & b', undefined],
    ]);
    expect(dispatcher.depth(), 'delivered, so gone from the outbox').toBe(0);
  });
});
