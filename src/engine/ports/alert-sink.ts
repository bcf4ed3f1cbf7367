/** Severities, weakest first. CRITICAL and HIGH are never merged, delayed or dropped. */
export const SEVERITIES = ['INFO', 'WARNING', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the engine or a job wants a person to know. Text is plain; the bot escapes it. */
export interface AlertInput {
  readonly severity: Severity;
  /** snake_case kind, e.g. `order_unresolved`, `job_failed`, `job_stale`, `breaker_open`; per-type settings key on it. */
  readonly type: string;
  readonly title: string;
  readonly body?: string;
  /** Alerts with the same key within a window are counted, not repeated. Default: type + title. */
  readonly dedupeKey?: string;
}

/** The engine's port: raising an alert persists it before anything is sent. */
export interface AlertSink {
  raise(alert: AlertInput): Promise<void>;
}
