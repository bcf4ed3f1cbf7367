import type { AlertInput, AlertSink } from '../engine/ports/alert-sink.js';

/**
 * The alert sink everyone raises through, which also publishes each alert as an
 * `alert.raised` webhook. The alert itself comes first: a webhook that cannot be queued
 * never costs the chat its alert.
 */
export function withWebhookAlerts<A extends AlertSink>(alerts: A, webhooks: { publishAlert(alert: AlertInput): Promise<void> }, onError: (error: unknown) => void): A {
  return {
    ...alerts,
    async raise(alert: AlertInput): Promise<void> {
      await alerts.raise(alert);
      await webhooks.publishAlert(alert).catch(onError);
    },
  };
}
