import { describe, expect, it } from 'vitest';
import { getClientOrderId } from '../../../../src/engine/execution/client-order-id.js';
import { CALM_PLAN, type VenuePlan } from '../../../helpers/scripted-broker.js';
import { checkExactlyOnce } from './check-exactly-once.js';
import { createCrashableWorld } from './crashable-world.js';
import { PEOPLE, proposeOne, runSchedule, settle, type Action } from './run-schedule.js';

const MINUTE = 60_000;

async function setUp(plan: Partial<VenuePlan> = {}) {
  const world = createCrashableWorld({ ...CALM_PLAN, ...plan });
  const proposalId = await proposeOne(world, '0.01');
  const clientOrderId = getClientOrderId(proposalId);
  const order = () => world.trading().orders[clientOrderId];
  const proposal = () => world.trading().proposals[proposalId];
  const play = (schedule: readonly Action[]) => runSchedule(world, proposalId, schedule);
  const finish = async (outcomes: Awaited<ReturnType<typeof play>>) => {
    expect(await settle(world), 'quiescence').toBe(true);
    checkExactlyOnce(world, proposalId, outcomes);
  };
  return { world, proposalId, clientOrderId, order, proposal, play, finish };
}

describe('exactly-once orders: the named scenarios', () => {
  it('a double tap approves once and sends one order', async () => {
    const { world, play, finish, proposal } = await setUp({ latency: [1, 3, 0, 2] });
    const outcomes = await play([{ kind: 'double_tap', who: 'A' }]);
    expect(outcomes.filter((o) => o.kind === 'approved'), 'exactly one of the two taps approves').toHaveLength(1);
    expect(outcomes.map((o) => o.kind), 'the other is told it was decided (or refused), never approved again').not.toEqual(['approved', 'approved']);
    await finish(outcomes);
    expect(world.venue.stats.posts, 'one POST').toBe(1);
    expect(proposal()?.state).toBe('filled');
  });

  it('two approvers at once: one decision, by one of them, and one order', async () => {
    const { world, play, finish, proposal } = await setUp({ latency: [2, 0, 1] });
    const outcomes = await play([{ kind: 'two_approvers' }]);
    const winners = outcomes.filter((o) => o.kind === 'approved');
    expect(winners, 'one approval wins').toHaveLength(1);
    await finish(outcomes);
    expect(proposal()?.decision?.byName, 'the winner is on record').toBe(winners[0]?.who === 'A' ? 'Ann' : 'Bob');
    expect(world.venue.accepted, 'one order at the venue').toHaveLength(1);
  });

  it('approve and reject at once: exactly one decision, and an order only if approve won', async () => {
    const { world, play, finish } = await setUp({ latency: [1, 2] });
    const outcomes = await play([{ kind: 'approve_vs_reject' }]);
    const decided = outcomes.filter((o) => o.kind === 'approved' || o.kind === 'rejected');
    expect(decided, 'one of the two taps decides').toHaveLength(1);
    await finish(outcomes);
    expect(world.venue.accepted.length, 'an order exists iff the approval won').toBe(decided[0]?.kind === 'approved' ? 1 : 0);
  });

  it('a timeout after acceptance: the lookup finds the order, nothing is sent again', async () => {
    const { world, play, finish, order } = await setUp({ submits: ['accept_then_timeout'] });
    const outcomes = await play([{ kind: 'approve', who: 'A' }]);
    await world.drain();
    expect(order()?.state, 'found by client order id and stored').toBe('filled');
    expect(order()?.submitAttempts, 'one POST went out').toBe(1);
    await finish(outcomes);
    expect(world.venue.stats.posts, 'the venue saw one POST').toBe(1);
  });

  it('a timeout after acceptance while lookups fail: unresolved, then the check job finds it without resending', async () => {
    const { world, play, finish, order } = await setUp({ submits: ['accept_then_timeout'], lookups: Array(4).fill('unavailable') });
    const outcomes = await play([{ kind: 'approve', who: 'A' }]);
    await world.drain();
    expect(order()?.state, 'still in doubt: never resent blindly').toBe('unknown');
    expect(world.events.some((e) => e.type === 'order_unresolved'), 'the chat hears it is unresolved').toBe(true);
    await play([{ kind: 'advance', ms: MINUTE }, { kind: 'reconcile' }]);
    expect(order()?.state, 'the check job looked it up').toBe('filled');
    await finish(outcomes);
    expect(world.venue.stats.posts, 'one POST in all').toBe(1);
  });

  it('a crash after the approval is stored, before the order is sent: the restart sends it once', async () => {
    const { world, play, finish, order, proposal } = await setUp();
    // Writes of an approval: 1 expiry sweep, 2 approval + order intent.
    const outcomes = await play([{ kind: 'arm_crash', point: { on: 'write', nth: 2, mode: 'after' } }, { kind: 'approve', who: 'A' }]);
    expect(outcomes, 'the process died before it could answer the tap').toEqual([]);
    expect(world.boots, 'and was restarted').toBe(2);
    await world.drain();
    expect(world.venue.stats.posts, 'the restart sent the stored intent once').toBe(1);
    expect(order()?.state).toBe('filled');
    expect(proposal()?.state, 'the approval was not lost').toBe('filled');
    await finish(outcomes);
  });

  it('a crash after the venue accepted, before we stored its answer: the restart finds it and does not resend', async () => {
    const { world, play, finish, order } = await setUp();
    const outcomes = await play([{ kind: 'arm_crash', point: { on: 'submitOrder', nth: 1, mode: 'after' } }, { kind: 'approve', who: 'A' }]);
    expect(outcomes.map((o) => o.kind), 'the tap was answered before the crash').toEqual(['approved']);
    expect(world.venue.accepted, 'the venue has the order').toHaveLength(1);
    await world.drain();
    expect(order()?.state).toBe('filled');
    expect(world.venue.stats.posts, 'looked up by client id, never POSTed again').toBe(1);
    await finish(outcomes);
  });

  it('an approval answered, then a crash before the order left, and down past the deadline: it lapses and says why', async () => {
    const { world, proposalId, finish, order, proposal } = await setUp();
    // Write 3 is the `unknown` mark before the POST: dying before it keeps the order an unsent intent.
    world.process.arm({ on: 'write', nth: 3, mode: 'before' });
    let answer: string | undefined;
    await world.process.run((engine) => engine.approve(proposalId, PEOPLE.A).then((result) => void (answer = result.kind)));
    expect(answer, 'the person saw "approved" before the process died').toBe('approved');
    expect(order()?.state, 'stored, never sent').toBe('intent');
    world.restart(31 * MINUTE);
    await world.drain();
    expect(world.venue.stats.posts, 'too late to send: the price was approved half an hour ago').toBe(0);
    expect(order()?.state).toBe('canceled');
    expect(proposal()?.reason, 'the chat is told why').toMatch(/not sent before the proposal expired/);
    await finish([{ tap: 'approve', who: 'A', kind: 'approved' }]);
  });
});
