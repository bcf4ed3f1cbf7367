import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventAlerts } from '../../src/alerts/create-event-alerts.js';
import { createNotifier } from '../../src/bot/notifier.js';
import type { EngineEvent } from '../../src/engine/events.js';
import { makeProposal } from '../engine/gates/gate-fixtures.js';
import { makeOrder } from '../engine/outcomes/outcome-fixtures.js';
import { CALM_PLAN } from '../helpers/scripted-broker.js';
import { createCrashableWorld } from '../engine/execution/exactly-once/crashable-world.js';
import { proposeOne, runSchedule } from '../engine/execution/exactly-once/run-schedule.js';
import { CHAT, createAlertHarness, heads, useAlertClock } from './alert-harness.js';

afterEach(() => void vi.useRealTimers());

const proposal = makeProposal({ id: 'p-1', symbol: 'BTC/USDT' });
const orderA = makeOrder({ clientOrderId: 'cs-a', proposalId: 'p-1', state: 'unknown' });
const orderB = makeOrder({ clientOrderId: 'cs-b', proposalId: 'p-1', state: 'unknown' });
const unresolved = (order = orderA): EngineEvent => ({ type: 'order_unresolved', proposal, order, reason: 'could not confirm the order' });

describe('order_unresolved is raised once per order per episode', () => {
  it('repeats for one order are silent until later news of that order ends the episode', () => {
    const alertOf = createEventAlerts();
    const events: EngineEvent[] = [
      unresolved(),
      unresolved(),
      unresolved(orderB),
      unresolved(),
      { type: 'order_submitted', proposal, order: { ...orderA, state: 'open' } },
      // A new cause for the same order: submitted, then not filled in time.
      unresolved({ ...orderA, state: 'open' }),
      unresolved({ ...orderA, state: 'open' }),
      { type: 'reconcile_mismatch', order: { ...orderA, state: 'filled' }, was: 'open' },
      unresolved(orderB),
    ];
    const raised = events.map((event) => {
      const alert = alertOf(event);
      return alert === undefined ? '—' : `${alert.type} ${alert.title.split(' ')[1] ?? ''}`;
    });
    expect(raised, 'A once, B once, A again only after it was submitted, the mismatch, and B never again').toEqual([
      'order_unresolved cs-a',
      '—',
      'order_unresolved cs-b',
      '—',
      '—',
      'order_unresolved cs-a',
      '—',
      'reconcile_mismatch cs-a',
      '—',
    ]);
  });

  it('an order the venue cannot confirm for three fill checks reaches the chat as one HIGH, through the notifier and the outbox', async () => {
    // The real engine: the answer to the POST is lost and lookups fail for three rounds.
    const world = createCrashableWorld({ ...CALM_PLAN, submits: ['accept_then_timeout'], lookups: Array(12).fill('unavailable') });
    const proposalId = await proposeOne(world, '0.01');
    await runSchedule(world, proposalId, [{ kind: 'approve', who: 'A' }]);
    await world.drain();
    for (let round = 0; round < 3; round++) {
      await runSchedule(world, proposalId, [{ kind: 'advance', ms: 60_000 }, { kind: 'reconcile' }]);
      await world.drain();
    }
    const unresolvedEvents = world.events.filter((e) => e.type === 'order_unresolved');
    expect(unresolvedEvents.length, 'precondition: the engine reports the order unresolved at every check').toBeGreaterThanOrEqual(3);
    expect(world.events.at(-1)?.type, 'precondition: the fourth check found it and it filled').toBe('order_finished');

    useAlertClock();
    const { dispatcher, sent } = createAlertHarness();
    dispatcher.start();
    const notify = createNotifier({
      // Only cards and edits go to the outbox here; the alerts go through the dispatcher.
      outbox: { send: async () => undefined, edit: async () => undefined, hasSlot: () => true },
      approverChats: [CHAT],
      alerts: dispatcher,
      isLive: () => false,
      tradingMode: 'paper',
      logger: pino({ level: 'silent' }),
      clock: () => new Date(),
    });
    for (const event of world.events) await notify(event);
    await vi.advanceTimersByTimeAsync(60_000);
    const highs = heads(sent).filter((h) => h.startsWith('🟠'));
    expect(highs, `one HIGH for ${unresolvedEvents.length} unresolved reports of one order`).toEqual([
      `🟠 <b>HIGH</b> · <b>Order ${unresolvedEvents[0]?.type === 'order_unresolved' ? unresolvedEvents[0].order.clientOrderId : ''} (BTC/USDT) is not resolved</b>`,
    ]);
  });
});
