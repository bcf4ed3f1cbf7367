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
