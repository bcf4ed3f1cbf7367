import type { Decider, DecisionResult } from '../../../../src/engine/approvals/decide-proposal.js';
import { isFinalOrderState } from '../../../../src/engine/orders/order-record.js';
import { ACCOUNT_ID, type CrashableWorld, type CrashPoint } from './crashable-world.js';

export type Who = 'A' | 'B';
export const PEOPLE: Readonly<Record<Who, Decider>> = { A: { id: 101, name: 'Ann' }, B: { id: 202, name: 'Bob' } };

/** One thing that happens to the bot, in schedule order; background work runs in between. */
export type Action =
  | { readonly kind: 'approve'; readonly who: Who }
  | { readonly kind: 'reject'; readonly who: Who }
  /** The same tap delivered twice at once: a double tap, or Telegram redelivering it mid-work. */
  | { readonly kind: 'double_tap'; readonly who: Who }
  | { readonly kind: 'two_approvers' }
  | { readonly kind: 'approve_vs_reject' }
  /** Killed now, down for `downMs`, restarted (start-up reconciles in the background). */
  | { readonly kind: 'crash'; readonly downMs: number }
  /** The live process dies at a later step of its own: mid-write, mid-request, mid-answer. */
  | { readonly kind: 'arm_crash'; readonly point: CrashPoint }
  | { readonly kind: 'advance'; readonly ms: number }
  /** The check_orders job. */
  | { readonly kind: 'reconcile' }
  | { readonly kind: 'expire' }
  | { readonly kind: 'halt' };

/** An answer a person saw: the call resolved, so the chat could show it. */
export interface Outcome {
  readonly tap: 'approve' | 'reject';
  readonly who: Who;
  readonly kind: DecisionResult['kind'];
}

type Tap = readonly ['approve' | 'reject', Who];

export async function proposeOne(world: CrashableWorld, quantity: string, symbol = 'BTC/USDT'): Promise<string> {
  const input = { accountId: ACCOUNT_ID, symbol, side: 'buy', size: { kind: 'quantity', quantity }, orderType: 'market', source: 'manual' } as const;
  const result = await world.process.engine.propose({ ...input, confidence: 0.9, rationale: 'exactly-once property' });
  if (result.kind !== 'proposed') throw new Error(`setup: the proposal was not created (${result.kind})`);
  return result.proposal.id;
}

/** Runs the taps at once in the live process; records each answer as it comes. */
async function decide(world: CrashableWorld, proposalId: string, taps: readonly Tap[], outcomes: Outcome[]): Promise<void> {
  await world.process.run((engine) =>
    Promise.all(
      taps.map(async ([tap, who]) => {
        const result = tap === 'approve' ? await engine.approve(proposalId, PEOPLE[who]) : await engine.reject(proposalId, PEOPLE[who]);
        outcomes.push({ tap, who, kind: result.kind });
      }),
    ),
  );
}

async function perform(world: CrashableWorld, proposalId: string, action: Action, outcomes: Outcome[]): Promise<void> {
  const process = world.process;
  switch (action.kind) {
    case 'approve':
    case 'reject':
      return decide(world, proposalId, [[action.kind, action.who]], outcomes);
    case 'double_tap':
      return decide(world, proposalId, [['approve', action.who], ['approve', action.who]], outcomes);
    case 'two_approvers':
      return decide(world, proposalId, [['approve', 'A'], ['approve', 'B']], outcomes);
    case 'approve_vs_reject':
      return decide(world, proposalId, [['approve', 'A'], ['reject', 'B']], outcomes);
    case 'crash':
      world.restart(action.downMs);
      return;
    case 'arm_crash':
      process.arm(action.point);
      return;
    case 'advance':
      world.clock.advance(action.ms);
      return;
    case 'reconcile':
      await process.run((engine) => engine.reconcile());
      return;
    case 'expire':
      await process.run((engine) => engine.expireDue());
      return;
    case 'halt':
      await process.run((engine) => engine.halt(PEOPLE.A));
      return;
  }
}

/** Plays the schedule; a process that died along the way is restarted before the next action. */
export async function runSchedule(world: CrashableWorld, proposalId: string, schedule: readonly Action[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const action of schedule) {
    await perform(world, proposalId, action, outcomes);
    if (world.process.dead) world.restart();
  }
  return outcomes;
}

/**
 * Quiescence: background work drained, then restart (start-up reconciles) a minute later,
 * again and again until no order is left in flight. False if the bound was hit.
 */
export async function settle(world: CrashableWorld, maxRounds = 12): Promise<boolean> {
  for (let round = 0; round < maxRounds; round++) {
    if (!(await world.drain())) return false;
    const inFlight = Object.values(world.trading().orders).filter((o) => !isFinalOrderState(o.state));
    if (round > 0 && inFlight.length === 0) return true;
    world.restart(60_000);
  }
  return false;
}
