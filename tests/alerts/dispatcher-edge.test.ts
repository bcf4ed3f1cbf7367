import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAlertHarness, critical, heads, high, serverError, useAlertClock } from './alert-harness.js';

beforeEach(() => useAlertClock());
afterEach(() => void vi.useRealTimers());

/** A send that stays pending until the test lets it go. */
function holdNextSend(send: ReturnType<typeof createAlertHarness>['send']) {
  let release: () => void = () => undefined;
  send.mockImplementationOnce(
    () =>
      new Promise((resolve) => {
        release = () => resolve({ messageId: 99 });
      }),
  );
  return () => release();
}

describe('races and partial failures', () => {
  it('an identical alert raised while its twin is being sent is queued on its own, not lost', async () => {
    const { dispatcher, sent, send } = createAlertHarness();
    const release = holdNextSend(send);
    dispatcher.start();
    await dispatcher.raise(high('Order stuck'));
    await dispatcher.raise(high('Order stuck'));
    release();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(send, 'the twin went as its own message').toHaveBeenCalledTimes(2);
    expect(heads(sent), 'recorded only the second; the first was the held one').toEqual(['🟠 <b>HIGH</b> · <b>Order stuck</b>']);
    expect(dispatcher.depth(), 'both accepted, outbox empty').toBe(0);
  });

  it('an acknowledgement pressed while the CRITICAL is being sent stops the reminders', async () => {
    const { dispatcher, send, document } = createAlertHarness();
    const release = holdNextSend(send);
    dispatcher.start();
    await dispatcher.raise(critical('Breaker open'));
    const result = await dispatcher.acknowledge('alert-1', { id: 1, name: 'Ann' });
    release();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(result.kind, 'acknowledged before Telegram answered').toBe('acknowledged');
    expect(send, 'no reminder').toHaveBeenCalledTimes(1);
    expect(document.data.alerts.outbox, 'nothing left').toEqual([]);
  });

  it('a send Telegram never answers times out and is retried', async () => {
    const { dispatcher, sent, send } = createAlertHarness({ deps: { sendTimeoutMs: 5_000 } });
    send.mockImplementationOnce(() => new Promise(() => undefined));
    dispatcher.start();
    await dispatcher.raise(high('Order stuck'));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sent, 'still waiting').toEqual([]);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(sent.map((m) => m.at), 'retried 1 s after the 5 s timeout').toEqual([6_000]);
  });

  it('after a failure mid-way through a split message, only the missing parts are sent', async () => {
    let calls = 0;
    const { dispatcher, sent } = createAlertHarness({ failWith: () => (++calls === 3 ? serverError() : undefined) });
    dispatcher.start();
    const body = Array.from({ length: 300 }, (_, i) => `line ${i} ${'x'.repeat(40)}`).join('\n');
    await dispatcher.raise(high('Long report', { body }));
    await vi.advanceTimersByTimeAsync(30_000);
    const text = sent.map((m) => m.text).join('\n');
    expect(text.split('\n').filter((l) => l.startsWith('line ')), 'every line once, in order').toEqual(body.split('\n'));
    expect(dispatcher.depth(), 'done').toBe(0);
  });
});
