import type { ExecutionDeps } from '../execution/execution-deps.js';

/** Pause: new proposals are blocked by the `paused` gate (still traced); approvals too. */
export async function setPaused(deps: ExecutionDeps, paused: boolean, by: number): Promise<void> {
  await deps.store.transact((draft) => {
    draft.controls = { ...draft.controls, paused };
  });
  deps.events.emit({ type: 'trading_control', action: paused ? 'paused' : 'resumed', by });
}

/** Resume clears both the pause and the kill switch. */
export async function resumeTrading(deps: ExecutionDeps, by: number): Promise<void> {
  await deps.store.transact((draft) => {
    draft.controls = { paused: false, halted: false };
  });
  deps.events.emit({ type: 'trading_control', action: 'resumed', by });
}

/**
 * The kill switch: persisted first (so every approval is refused from this moment, also
 * after a restart), then every open order at every venue is canceled. A venue that cannot
 * be reached is reported, not hidden.
 */
export async function haltTrading(deps: ExecutionDeps, by: number): Promise<{ canceled: number; failures: string[] }> {
  await deps.store.transact((draft) => {
    draft.controls = { ...draft.controls, halted: true };
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
  deps.events.emit({ type: 'trading_control', action: 'halted', by, canceledOrders: canceled, failures });
  return { canceled, failures };
}
