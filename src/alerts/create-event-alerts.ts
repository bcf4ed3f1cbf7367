import type { EngineEvent } from '../engine/events.js';
import type { AlertInput } from '../engine/ports/alert-sink.js';
import { eventAlert } from './alert-table.js';

/** Orders remembered at most; far more than can be unresolved at once. */
const MAX_REMEMBERED = 1_000;

/**
 * The table's alert for an engine event, raised once per cause. While a venue cannot
 * confirm an order, every fill check (each minute) emits `order_unresolved` again; the
 * chat hears it once per order until any later news of that order (submitted, finished,
 * changed at the venue) ends the episode. Kept in memory: after a restart an order that
 * is still unresolved is told once more, which is news too.
 */
export function createEventAlerts(): (event: EngineEvent) => AlertInput | undefined {
  const unresolved = new Set<string>();
  return (event) => {
    const order = 'order' in event ? event.order.clientOrderId : undefined;
    if (event.type === 'order_unresolved' && order !== undefined) {
      if (unresolved.has(order)) return undefined;
      unresolved.add(order);
      if (unresolved.size > MAX_REMEMBERED) unresolved.delete(unresolved.values().next().value as string);
    } else if (order !== undefined) {
      unresolved.delete(order);
    }
    return eventAlert(event);
  };
}
