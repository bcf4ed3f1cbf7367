import type { EngineEvent } from '../engine/events.js';

/** Decisions by approve/reject/expire and finished orders by final state, since start, from the event bus. */
export function createEventTally() {
  const decided = new Map<string, number>();
  const finished = new Map<string, number>();
  const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  return {
    listener(event: EngineEvent): void {
      if (event.type === 'proposal_decided') add(decided, event.proposal.decision?.decision ?? event.proposal.state);
      else if (event.type === 'proposal_expired') add(decided, 'expired');
      else if (event.type === 'order_finished') add(finished, event.order.state);
    },
    decided: (): ReadonlyMap<string, number> => decided,
    finished: (): ReadonlyMap<string, number> => finished,
  };
}

export type EventTally = ReturnType<typeof createEventTally>;
