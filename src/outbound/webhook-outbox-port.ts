/** One event waiting for one endpoint: the exact bytes that are signed and sent, every time. */
export interface WebhookEntry {
  /** The `webhook-id` header: the same on every redelivery, so receivers can deduplicate. */
  readonly id: string;
  /** `proposal.created`, `alert.raised`, … */
  readonly type: string;
  /** `{"type":…,"timestamp":…,"data":…}` as sent. */
  readonly body: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
}

/** The last delivery that went through, or the last attempt that failed (retried or given up), for /webhooks. */
export interface DeliveryOutcome {
  readonly at: string;
  readonly eventId: string;
  readonly type: string;
  /** `200 in 35 ms`; `connection refused; retrying`, `refused with 401; dropped`. */
  readonly detail: string;
}

export interface EndpointState {
  /** In the order they go out. */
  readonly entries: readonly WebhookEntry[];
  /** Set while the endpoint is paused: nothing is sent until `/webhooks resume`. */
  readonly paused?: { readonly at: string; readonly reason: string };
  /** Events given up on in a row (refused, or retries exhausted); a delivery resets it. */
  readonly consecutiveFailures: number;
  readonly lastSuccess?: DeliveryOutcome;
  readonly lastFailure?: DeliveryOutcome;
}

/**
 * Where the webhook outbox keeps its entries, per endpoint. Every method that changes
 * something resolves once the change is durable, and applies it to what `state` reads
 * synchronously, before it resolves: a loop may read its next entry at once.
 */
export interface WebhookOutboxPort {
  state(endpointId: string): EndpointState;
  /** Appends each entry to its endpoint's queue, unless that id is queued already. */
  enqueue(items: readonly { endpointId: string; entry: WebhookEntry }[]): Promise<void>;
  /** Schedules the entry's next attempt and records the failed one as the endpoint's last failure. */
  retryLater(endpointId: string, id: string, patch: { attempts: number; nextAttemptAt: string; lastError: string }, failure: DeliveryOutcome): Promise<void>;
  /** Removes the entry, records the success, resets the failure count. */
  delivered(endpointId: string, id: string, outcome: DeliveryOutcome): Promise<void>;
  /**
   * Removes the entry, records the failure and counts it; once `pauseAfter` failures are in
   * a row, pauses the endpoint in the same write. Returns what it decided.
   */
  failed(endpointId: string, id: string, outcome: DeliveryOutcome, pauseAfter: number): Promise<{ consecutiveFailures: number; paused: boolean }>;
  /** Lifts a pause and resets the failure count; false if the endpoint was not paused. */
  resume(endpointId: string): Promise<boolean>;
}
