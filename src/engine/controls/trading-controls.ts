import type { Decider } from '../approvals/decide-proposal.js';
import type { ExecutionDeps } from '../execution/execution-deps.js';
import type { ControlChange } from '../ports/trading-store.js';

/** Who flipped a switch and when, kept with it so /status can say it. */
export const changeBy = (by: Decider, deps: Pick<ExecutionDeps, 'clock'>): ControlChange => ({ id: by.id, name: by.name, at: deps.clock().toISOString() });

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
