import type { Decider } from '../approvals/decide-proposal.js';
import type { ExecutionDeps } from '../execution/execution-deps.js';
import type { ControlChange } from '../ports/trading-store.js';

const changeBy = (by: Decider, deps: Pick<ExecutionDeps, 'clock'>): ControlChange => ({ id: by.id, name: by.name, at: deps.clock().toISOString() });

/**
 * Pause: new proposals are blocked by the `paused` gate (still traced); approvals too.
 * Who paused and when are kept with the switch, so /status can say it.
 */
export async function setPaused(deps: ExecutionDeps, paused: boolean, by: Decider): Promise<void> {
  await deps.store.transact((draft) => {
    const { pausedBy: _, ...rest } = draft.controls;
    draft.controls = paused ? { ...rest, paused, pausedBy: changeBy(by, deps) } : { ...rest, paused };
  });
  deps.events.emit({ type: 'trading_control', action: paused ? 'paused' : 'resumed', by: by.id, byName: by.name });
}

/** Resume clears both the pause and the kill switch, and remembers who resumed. */
export async function resumeTrading(deps: ExecutionDeps, by: Decider): Promise<void> {
  await deps.store.transact((draft) => {
    draft.controls = { paused: false, halted: false, resumedBy: changeBy(by, deps) };
  });
  deps.events.emit({ type: 'trading_control', action: 'resumed', by: by.id, byName: by.name });
}

/**
 * The kill switch: persisted first (so every approval is refused from this moment, also
 * after a restart), then every open order at every venue is canceled. A venue that cannot
 * be reached is reported, not hidden.
 */
export async function haltTrading(deps: ExecutionDeps, by: Decider): Promise<{ canceled: number; failures: string[] }> {
  await deps.store.transact((draft) => {
    draft.controls = { ...draft.controls, halted: true, haltedBy: changeBy(by, deps) };
  });
  let canceled = 0;
  const failures: string[] = [];
  for (const runtime of deps.accounts.values()) {
    try {
      canceled += await runtime.broker.cancelAllOpenOrders();
    } catch (error) {
      failures.push(`${runtime.profile.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  deps.events.emit({ type: 'trading_control', action: 'halted', by: by.id, byName: by.name, canceledOrders: canceled, failures });
  return { canceled, failures };
}
