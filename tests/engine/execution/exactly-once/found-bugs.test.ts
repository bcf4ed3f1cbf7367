import { describe, expect, it } from 'vitest';
import { getClientOrderId } from '../../../../src/engine/execution/client-order-id.js';
import { CALM_PLAN, type VenuePlan } from '../../../helpers/scripted-broker.js';
import { checkExactlyOnce } from './check-exactly-once.js';
import { createCrashableWorld } from './crashable-world.js';
import { PEOPLE, proposeOne, settle } from './run-schedule.js';

const MINUTE = 60_000;

/**
 * Minimal reproductions of what the exactly-once property found. Each asserts the correct
 * behaviour: B1 and B2 fail until src/ is fixed; B3 failed on the first commit and stays as
 * a regression test. Deterministic: the scripted venue holds a call on the wire to line up
 * a race, and a crash is armed at a counted store write.
 */
describe('exactly-once: bugs found by the property', () => {
  it('B1: a crash between storing the fill and updating the proposal leaves the proposal approved for good', async () => {
    const world = createCrashableWorld(CALM_PLAN);
    const id = await proposeOne(world, '0.01');
    // Writes of an approval: 1 expiry sweep, 2 approval + intent, 3 `unknown` mark, 4 the venue's answer.
    world.process.arm({ on: 'write', nth: 4, mode: 'after' });
    await world.process.run((engine) => engine.approve(id, PEOPLE.A));
    await world.process.died;
    // Today write 4 stores only the order (`filled`); the proposal, still `approved`, would be write 5.
    expect(world.trading().orders[getClientOrderId(id)]?.state, 'precondition: the fill is stored').toBe('filled');

    expect(await settle(world), 'restarts reconcile').toBe(true);
    // Fails today: reconcile only visits orders that are not final, so nothing brings the
    // proposal to `filled`, and the chat never hears the order filled.
    expect(world.trading().proposals[id]?.state, 'the restart brings the proposal in line with its filled order').toBe('filled');
  });

  /** The check_orders job runs while the background execution's POST is on the wire. */
  async function raceTheJob(plan: Partial<VenuePlan>, uniqueness: 'all' | 'open') {
    const world = createCrashableWorld({ ...CALM_PLAN, ...plan }, { uniqueness });
    const id = await proposeOne(world, '0.01');
    const first = world.venue.hold('submitOrder');
    await world.process.run((engine) => engine.approve(id, PEOPLE.A));
    await first.arrived;
    const second = world.venue.hold('submitOrder');
    const job = world.process.run((engine) => engine.reconcile());
    // Today the job finds the order `unknown`, looks it up (absent: the first POST is not
    // processed yet) and POSTs too; once fixed, it leaves the order to the running execution.
    await Promise.race([second.arrived, job]);
    first.release();
    await world.process.tasks.drain(1_000);
    second.release();
    await job;
    expect(await settle(world), 'quiescence').toBe(true);
    return { world, id };
  }

  it('B2: the venue refuses the order, a concurrent reconcile sends it again; the chat says failed while it filled', async () => {
    const { world, id } = await raceTheJob({ submits: ['reject'] }, 'all');
    // Fails today: the proposal is `failed` (what the chat was told), the venue filled the second POST.
    checkExactlyOnce(world, id, [{ tap: 'approve', who: 'A', kind: 'approved' }]);
  });

  it('B2 (contrast, passes today): a venue that refuses every reused client id stops the concurrent second POST', async () => {
    const { world, id } = await raceTheJob({}, 'all');
    // Today it is the venue that refuses it (stats.duplicatePosts is 1), not the engine.
    expect(world.venue.acceptedFor(getClientOrderId(id)), 'one order for one proposal').toHaveLength(1);
    checkExactlyOnce(world, id, [{ tap: 'approve', who: 'A', kind: 'approved' }]);
  });

  it('B2: on a venue whose client ids are unique among open orders only, the concurrent second POST is a second order', async () => {
    const { world, id } = await raceTheJob({}, 'open');
    // Fails today: two filled orders for one proposal.
    expect(world.venue.acceptedFor(getClientOrderId(id)), 'one order for one proposal').toHaveLength(1);
  });

  it('B3: a reconcile that started before the order was sent lapses it afterwards from its stale snapshot', async () => {
    const world = createCrashableWorld(CALM_PLAN);
    const first = await proposeOne(world, '0.1', 'ETH/USDT');
    const second = await proposeOne(world, '0.01', 'BTC/USDT');
    // The first order reached the venue, its answer was lost; the second was approved, never sent.
    world.process.arm({ on: 'submitOrder', nth: 1, mode: 'after' });
    await world.process.run((engine) => engine.approve(first, PEOPLE.A));
    world.restart(0, { reconcile: false }).arm({ on: 'write', nth: 2, mode: 'after' });
    await world.process.run((engine) => engine.approve(second, PEOPLE.A));
    const process = world.restart(0, { reconcile: false });

    // Start-up reconcile: snapshot [first unknown, second intent]; it waits on the first lookup.
    const held = world.venue.hold('getOrderByClientId');
    const startUp = process.run((engine) => engine.reconcile());
    await held.arrived;
    // Meanwhile the minute job resolves the first and sends the second, which fills.
    await process.run((engine) => engine.reconcile());
    const clientOrderId = getClientOrderId(second);
    expect(world.trading().orders[clientOrderId]?.state, 'precondition: the second order filled').toBe('filled');
    // The second proposal's deadline passes while the start-up reconcile is still busy.
    world.clock.advance(31 * MINUTE);
    held.release();
    await startUp;

    // Failed on commit 3b9e6fe: `lapse` wrote the stale snapshot back as `canceled` ("not executed").
    expect(world.trading().orders[clientOrderId]?.state, 'our record of a filled order stays filled').toBe('filled');
  });
});
