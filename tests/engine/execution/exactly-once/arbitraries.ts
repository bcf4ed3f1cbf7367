import fc from 'fast-check';
import type { LookupScript, SubmitScript, VenuePlan } from '../../../helpers/scripted-broker.js';
import type { CrashPoint } from './crashable-world.js';
import type { Action, Who } from './run-schedule.js';

const MINUTE = 60_000;
const who: fc.Arbitrary<Who> = fc.constantFrom('A', 'B');

export const crashPointArb: fc.Arbitrary<CrashPoint> = fc.record({
  on: fc.constantFrom<CrashPoint['on']>('any', 'any', 'write', 'submitOrder', 'getOrderByClientId'),
  nth: fc.integer({ min: 1, max: 24 }),
  mode: fc.constantFrom<CrashPoint['mode']>('before', 'after'),
});

/** Taps dominate; crashes, time and the jobs come in between. */
export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: who.map((w): Action => ({ kind: 'approve', who: w })) },
  { weight: 1, arbitrary: who.map((w): Action => ({ kind: 'reject', who: w })) },
  { weight: 2, arbitrary: who.map((w): Action => ({ kind: 'double_tap', who: w })) },
  { weight: 2, arbitrary: fc.constant<Action>({ kind: 'two_approvers' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'approve_vs_reject' }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 45 * MINUTE }).map((downMs): Action => ({ kind: 'crash', downMs })) },
  { weight: 4, arbitrary: crashPointArb.map((point): Action => ({ kind: 'arm_crash', point })) },
  { weight: 2, arbitrary: fc.integer({ min: 1_000, max: 40 * MINUTE }).map((ms): Action => ({ kind: 'advance', ms })) },
  { weight: 2, arbitrary: fc.constant<Action>({ kind: 'reconcile' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'expire' }) },
  { weight: 1, arbitrary: fc.constant<Action>({ kind: 'halt' }) },
);

export const scheduleArb = fc.array(actionArb, { minLength: 1, maxLength: 10 });

const submitArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant<SubmitScript>('accept') },
  { weight: 3, arbitrary: fc.constant<SubmitScript>('accept_then_timeout') },
  { weight: 3, arbitrary: fc.constant<SubmitScript>('timeout') },
  { weight: 2, arbitrary: fc.constant<SubmitScript>('rate_limited') },
  { weight: 1, arbitrary: fc.constant<SubmitScript>('reject') },
);

export const venuePlanArb: fc.Arbitrary<VenuePlan> = fc.record({
  submits: fc.array(submitArb, { maxLength: 6 }),
  lookups: fc.array(fc.constantFrom<LookupScript>('answer', 'unavailable', 'unavailable'), { maxLength: 12 }),
  looksBeforeFill: fc.nat({ max: 3 }),
  latency: fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 6 }),
});

/** 0.0001 to 0.1999 BTC: under the default 10,000 notional cap at 50,000. */
export const quantityArb = fc.integer({ min: 1, max: 1999 }).map((n) => (n / 10_000).toString());
