import type { BreakerState } from '../resilience/create-venue-policy.js';
import type { JobState } from '../jobs/create-job-tracker.js';
import type { DeliveryCounts } from '../outbound/create-endpoint-loop.js';
import type { SourceStats } from '../signals/signal-stats.js';
import type { DecisionCounts } from './decision-tally.js';
import type { EventTally } from './event-tally.js';
import type { UpdateRecorder } from './update-recorder.js';

/** Research spending since start, once research reports it. */
export interface ResearchUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/**
 * What /metrics reads, each at scrape time from state that exists anyway: nothing on a
 * hot path changes for metrics beyond a counter increment.
 */
export interface MetricsSources {
  readonly updates: UpdateRecorder;
  readonly outboxDepth: () => { readonly alerts: number; readonly messages: number; readonly webhooks: number };
  readonly telegram429: () => number;
  readonly breakers: () => readonly { readonly name: string; readonly state: BreakerState }[];
  /** Live proposals and orders (settled ones live in the history). */
  readonly liveTrading: () => { readonly proposals: readonly { readonly state: string }[]; readonly orders: readonly { readonly state: string }[] };
  readonly decisions: () => DecisionCounts;
  readonly events: Pick<EventTally, 'decided' | 'finished'>;
  readonly jobs: () => readonly JobState[];
  readonly webhooks: () => readonly { readonly id: string; readonly waiting: number; readonly paused?: unknown; readonly counts: DeliveryCounts }[];
  readonly signals: () => ReadonlyMap<string, SourceStats>;
  /** Undefined until research lands and reports its usage: the series then stay at 0. */
  readonly research?: () => ResearchUsage;
}
