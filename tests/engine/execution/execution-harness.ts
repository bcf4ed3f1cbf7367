import type { AccountProfile } from '../../../src/engine/accounts/account-profile.js';
import { buildOrderIntent } from '../../../src/engine/approvals/build-order-intent.js';
import type { EngineEvent } from '../../../src/engine/events.js';
import type { AccountRuntime, ExecutionDeps } from '../../../src/engine/execution/execution-deps.js';
import { Decimal } from '../../../src/engine/money/decimal.js';
import type { OrderRecord } from '../../../src/engine/orders/order-record.js';
import type { Proposal } from '../../../src/engine/proposals/proposal.js';
import { transitionProposal } from '../../../src/engine/proposals/transition-proposal.js';
import { createTradingRepository } from '../../../src/store/trading-repository.js';
import { createMemoryStore, createTestClock } from '../../helpers/test-engine.js';
import { createHistoryReader } from '../../../src/store/history/create-history-reader.js';
import { MARKET_HOURS, makeAccount, makeProposal } from '../gates/gate-fixtures.js';
import { createFakeBroker, FAKE_RULES, type FakeBroker } from './fake-broker.js';

/**
 * Execution deps on the real trading repository (in memory), a fake broker and a clock
 * that only `sleep` moves: waiting is recorded, never real.
 */
export function createExecutionHarness(profile: Partial<AccountProfile> = {}) {
  const clock = createTestClock(MARKET_HOURS.toISOString());
  const memory = createMemoryStore(undefined, undefined, clock.now);
  const store = createTradingRepository(memory);
  const broker: FakeBroker = createFakeBroker();
  const events: EngineEvent[] = [];
  const sleeps: number[] = [];
  const runtime: AccountRuntime = {
    profile: makeAccount(profile),
    broker,
    market: { latestPrice: async (symbol) => ({ symbol, price: new Decimal(100), observedAt: clock.now() }) },
  };
  const deps: ExecutionDeps = {
    store,
    history: createHistoryReader(memory.history),
    accounts: new Map([[runtime.profile.id, runtime]]),
    events: { emit: (event) => void events.push(event) },
    clock: clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
  };

  /** An approved proposal and its order intent, as approval stores them (nothing sent yet). */
  async function seedApproved(overrides: Partial<Proposal> = {}): Promise<OrderRecord> {
    const at = clock.now().toISOString();
    const pending = makeProposal({ history: [{ state: 'pending', at }], ...overrides });
    const proposal = transitionProposal(pending, 'approved', { at, by: 1 }, { decision: { decision: 'approved', by: 1, byName: 'Ann', at } });
    const built = buildOrderIntent(proposal, new Decimal(proposal.referencePrice), FAKE_RULES, clock.now());
    if (!built.ok) throw new Error(built.reason);
    await store.transact((draft) => {
      draft.proposals[proposal.id] = proposal;
      draft.orders[built.intent.clientOrderId] = built.intent;
    });
    return built.intent;
  }

  /** Overwrites a stored order, e.g. to stand for a crash after it was marked sent. */
  async function putOrder(order: OrderRecord): Promise<void> {
    await store.transact((draft) => {
      draft.orders[order.clientOrderId] = order;
    });
  }

  return {
    deps,
    broker,
    clock,
    events,
    sleeps,
    seedApproved,
    putOrder,
    /** Live, or settled in the history. */
    order: (clientOrderId: string) => store.read().orders[clientOrderId] ?? memory.history.find<OrderRecord>('order', clientOrderId),
    proposal: (id = 'p-1') => store.read().proposals[id] ?? memory.history.find<Proposal>('proposal', id),
    archiver: memory.archiver,
    eventTypes: () => events.map((e) => e.type),
  };
}
