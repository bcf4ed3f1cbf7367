import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALM_PLAN, type VenuePlan } from '../../../helpers/scripted-broker.js';
import { quantityArb, scheduleArb, venuePlanArb } from './arbitraries.js';
import { checkExactlyOnce } from './check-exactly-once.js';
import { createCrashableWorld } from './crashable-world.js';
import { proposeOne, runSchedule, settle, type Action } from './run-schedule.js';

/**
 * DESIGN "Reliability targets": exactly-once orders under randomized double taps,
 * concurrent callbacks, broker timeouts after acceptance and restarts mid-submit — zero
 * duplicates, zero lost approvals. A crash kills the process (its writes and requests
 * stop, its promises hang); a new one is built on the same store and the same venue and
 * reconciles, as start-up does. The checks are in check-exactly-once.ts.
 */
async function play(plan: VenuePlan, quantity: string, schedule: readonly Action[]): Promise<void> {
  const world = createCrashableWorld(plan);
  const proposalId = await proposeOne(world, quantity);
  const outcomes = await runSchedule(world, proposalId, schedule);
  expect(await settle(world), 'the bot reaches quiescence: no order left in flight').toBe(true);
  checkExactlyOnce(world, proposalId, outcomes);
}

describe('exactly-once orders (property)', () => {
  it('random taps, races, venue failures and crashes: one order at most, no lost approval, records agree', async () => {
    await fc.assert(
      fc.asyncProperty(venuePlanArb, quantityArb, scheduleArb, (plan, quantity, schedule) => play(plan, quantity, schedule)),
      { numRuns: 1000 },
    );
  });

  it('the same, always starting with an acknowledged approval, so every run executes an order', async () => {
    await fc.assert(
      fc.asyncProperty(venuePlanArb, quantityArb, scheduleArb, (plan, quantity, rest) => play(plan, quantity, [{ kind: 'approve', who: 'A' }, ...rest])),
      { numRuns: 500 },
    );
  });

  describe('a crash at every single step of approve → submit → fill, before and after it lands', () => {
    const plans: Record<string, VenuePlan> = {
      'a calm venue': CALM_PLAN,
      'a timeout after acceptance, then failing lookups': {
        submits: ['accept_then_timeout'],
        lookups: ['unavailable', 'unavailable'],
        looksBeforeFill: 2,
        latency: [1, 0, 2],
      },
      'timeouts and a 429 before acceptance': { submits: ['timeout', 'rate_limited'], lookups: [], looksBeforeFill: 1, latency: [0] },
    };
    for (const [name, plan] of Object.entries(plans)) {
      it(name, async () => {
        // Count the steps (writes and venue calls) of an uninterrupted approval, then crash at each.
        const probe = createCrashableWorld(plan);
        const probeId = await proposeOne(probe, '0.01');
        const before = probe.process.steps;
        await runSchedule(probe, probeId, [{ kind: 'approve', who: 'A' }]);
        await probe.drain();
        const total = probe.process.steps - before;
        expect(total, 'an approval takes several writes and venue calls').toBeGreaterThan(5);
        for (let nth = 1; nth <= total; nth++) {
          for (const mode of ['before', 'after'] as const) {
            await play(plan, '0.01', [{ kind: 'arm_crash', point: { on: 'any', nth, mode } }, { kind: 'approve', who: 'A' }]);
          }
        }
      });
    }
  });
});
