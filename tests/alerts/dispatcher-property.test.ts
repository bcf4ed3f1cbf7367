import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEVERITIES } from '../../src/engine/ports/alert-sink.js';
import { createAlertHarness, networkError, serverError, tooManyRequests, useAlertClock } from './alert-harness.js';
import { alertsIn } from '../helpers/count-alerts.js';

afterEach(() => void vi.useRealTimers());


const raiseArb = fc.record({
  severity: fc.constantFrom(...SEVERITIES),
  key: fc.integer({ min: 0, max: 4 }),
  gapMs: fc.integer({ min: 0, max: 3_000 }),
});
const failureArb = fc.constantFrom(undefined, undefined, undefined, 'network', 'server', 'rate_limited');

describe('nothing is lost (property)', () => {
  it('every raised alert is in some accepted message, whatever Telegram does; HIGH keeps its order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(raiseArb, { minLength: 1, maxLength: 40 }), fc.array(failureArb, { maxLength: 30 }), async (raises, failures) => {
        useAlertClock();
        const { dispatcher, sent } = createAlertHarness({
          failWith: ({ attempt }) => {
            const failure = failures[attempt];
            if (failure === 'network') return networkError();
            if (failure === 'server') return serverError();
            return failure === 'rate_limited' ? tooManyRequests(3) : undefined;
          },
        });
        dispatcher.start();
        const highOrder: string[] = [];
        for (const [i, r] of raises.entries()) {
          // HIGH titles are unique so their order can be checked; the rest repeat.
          const title = r.severity === 'HIGH' ? `H${i}` : `${r.severity} ${r.key}`;
          if (r.severity === 'HIGH') highOrder.push(title);
          await dispatcher.raise({ severity: r.severity, type: 't', title });
          await vi.advanceTimersByTimeAsync(r.gapMs);
        }
        await vi.advanceTimersByTimeAsync(30 * 60_000);
        const firstSends = sent.filter((m) => !m.text.includes('🔁 Reminder'));
        expect(firstSends.reduce((sum, m) => sum + alertsIn(m.text), 0), 'every alert counted once').toBe(raises.length);
        const highs = firstSends.map((m) => /^🟠 <b>HIGH<\/b> · <b>(H\d+)<\/b>/.exec(m.text)?.[1]).filter((t) => t !== undefined);
        expect(highs, 'HIGH alerts in the order raised').toEqual(highOrder);
        expect(dispatcher.depth(), 'the outbox drained').toBe(0);
        dispatcher.stop();
        vi.useRealTimers();
      }),
      { numRuns: 60 },
    );
  });
});
