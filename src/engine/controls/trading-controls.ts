import type { Decider } from '../approvals/decide-proposal.js';
import type { ExecutionDeps } from '../execution/execution-deps.js';
import type { ControlChange } from '../ports/trading-store.js';

/** Who flipped a switch and when, kept with it so /status can say it. */
export const changeBy = (by: Decider, deps: Pick<ExecutionDeps, 'clock'>): ControlChange => ({ id: by.id, name: by.name, at: deps.clock().toISOString() });

/**
 * Pause: new proposals are blocked by the `paused` gate (still traced); approvals too.
 * Who paused and when are kept with the switch, so /status can say it. False when it was
 * so already: nothing changes (the first pauser stays on record) and nobody is told again.
 */
export async function setPaused(deps: ExecutionDeps, paused: boolean, by: Decider): Promise<boolean> {
  const changed = await deps.store.transact((draft) => {
    if (draft.controls.paused === paused) return false;
    const { pausedBy: _, ...rest } = draft.controls;
    draft.controls = paused ? { ...rest, paused, pausedBy: changeBy(by, deps) } : { ...rest, paused };
    return true;
  });
  if (changed) deps.events.emit({ type: 'trading_control', action: paused ? 'paused' : 'resumed', by: by.id, byName: by.name });
  return changed;
}

/** Resume clears both the pause and the kill switch, and remembers who resumed; false when neither was on. */
export async function resumeTrading(deps: ExecutionDeps, by: Decider): Promise<boolean> {
  const changed = await deps.store.transact((draft) => {
    if (!draft.controls.paused && !draft.controls.halted) return false;
    draft.controls = { paused: false, halted: false, resumedBy: changeBy(by, deps) };
    return true;
  });
  if (changed) deps.events.emit({ type: 'trading_control', action: 'resumed', by: by.id, byName: by.name });
  return changed;
}
