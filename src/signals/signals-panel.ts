import type { SignalAuth } from '../config-signals.js';
import type { SourceStats } from './signal-stats.js';
import type { SeenSignal } from './signal-inbox-port.js';
import type { DeliveryResult } from '../outbound/classify-response.js';
import type { EndpointStatus } from '../outbound/create-webhook-outbox.js';

/** One inbound source as /webhooks shows it. */
export interface SourceStatus {
  readonly id: string;
  readonly account: string;
  readonly auth: SignalAuth;
  /** Since start. */
  readonly stats: SourceStats;
  /** The newest signal id remembered, which survives a restart. */
  readonly lastRemembered?: SeenSignal & { readonly signalId: string };
}

/** What `/webhooks` reads and does; absent when neither endpoints nor sources are set. */
export interface SignalsPanel {
  endpoints(): readonly EndpointStatus[];
  sources(): readonly SourceStatus[];
  /** Sends a `ping` to an endpoint now; undefined for an unknown id. */
  test(endpointId: string): Promise<DeliveryResult | undefined>;
  resume(endpointId: string): Promise<'resumed' | 'not_paused' | 'unknown'>;
}
