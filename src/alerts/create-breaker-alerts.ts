import type { AlertSink } from '../engine/ports/alert-sink.js';
import type { Logger } from '../logger.js';
import type { BreakerChange } from '../resilience/create-dependency-health.js';
import { breakerAlert } from './alert-table.js';

export interface BreakerAlertsDeps {
  readonly alerts: AlertSink;
  readonly logger: Pick<Logger, 'error'>;
}

/**
 * Turns breaker changes into the table's alerts, once per outage: a breaker that fails its
 * half-open trial opens again every 30 s, and the chat should hear "open" once and then
 * "answering again" once. Subscribe it to DependencyHealth.onBreakerChange, or call it
 * with a change from a breaker that is not registered there.
 *
 * Never throws: it runs inside the breaker's call path. The returned promise settles once
 * the alert is in the outbox (tests wait for it; breakers ignore it).
 */
export function createBreakerAlerts(deps: BreakerAlertsDeps): (change: BreakerChange) => Promise<void> {
  const open = new Set<string>();
  return async (change) => {
    if (change.state === 'open') {
      if (open.has(change.dependency)) return;
      open.add(change.dependency);
    } else if (change.state === 'closed') {
      // Closed without an opening we told of (a half-open trial at start-up): nothing to say.
      if (!open.delete(change.dependency)) return;
    }
    const alert = breakerAlert(change);
    if (alert === undefined) return;
    try {
      await deps.alerts.raise(alert);
    } catch (error) {
      deps.logger.error({ err: error, dependency: change.dependency, state: change.state }, 'could not raise a breaker alert');
    }
  };
}
