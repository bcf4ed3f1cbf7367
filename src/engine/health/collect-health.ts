/**
 * What /health, /healthz and the daily summary read: measured facts with the time each
 * was measured. Nothing here grades itself; the rules that turn facts into a 503 live in
 * critical-conditions.ts, named, so a reader can check them.
 */
import { TIMEFRAME_MS, type Timeframe } from '../market/bars.js';
import { describeError, type ErrorDescription } from './describe-error.js';
import type { EventLoopDelay, EventLoopProbe } from './create-event-loop-probe.js';

export type JobOutcome = 'ok' | 'failed' | 'skipped_overlap';
export type StaleLevel = 'WARNING' | 'HIGH';

/** One scheduled job or tracked task as the job tracker and scheduler see it. */
export interface JobHealth {
  readonly name: string;
  readonly enabled: boolean;
  readonly expectedIntervalMs: number | undefined;
  readonly nextRunAt: Date | undefined;
  readonly running: { readonly startedAt: Date } | undefined;
  readonly lastRun:
    | { readonly startedAt: Date; readonly endedAt: Date; readonly durationMs: number; readonly outcome: JobOutcome; readonly details?: string }
    | undefined;
  readonly lastSuccessAt: Date | undefined;
  readonly consecutiveFailures: number;
  readonly lastError: { readonly at: Date; readonly error: ErrorDescription } | undefined;
  readonly stale: StaleLevel | undefined;
}

/** A breaker as src/resilience's DependencyHealth snapshot gives it. */
export interface DependencyInput {
  readonly name: string;
  readonly state: 'closed' | 'open' | 'half_open';
  readonly lastError?: Error;
  readonly lastFailureAt?: Date;
}

export interface LastBarTime {
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Open time (ms) of the last stored bar; undefined when the series has none. */
  readonly lastT: number | undefined;
}

export interface HeartbeatStatus {
  readonly configured: boolean;
  readonly lastAttemptAt?: Date;
  readonly lastPingAt?: Date;
  readonly lastHttpStatus?: number;
  /** Why the last attempt did not ping: a failed request, or a self-check that found a critical condition. */
  readonly lastProblem?: string;
}

/** A measurement that may have failed; the failure is a fact too. */
export type Measured<T> = { readonly ok: true; readonly value: T; readonly at: Date } | { readonly ok: false; readonly error: ErrorDescription; readonly at: Date };

export interface SeriesFreshness {
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly lastBarAt: Date | undefined;
  /** now − the last bar's close; undefined without bars. */
  readonly sinceCloseMs: number | undefined;
}

export interface HealthReport {
  readonly generatedAt: Date;
  readonly startedAt: Date | undefined;
  readonly jobs: readonly JobHealth[];
  readonly dependencies: readonly { readonly name: string; readonly state: DependencyInput['state']; readonly lastError?: ErrorDescription; readonly lastFailureAt?: Date }[];
  readonly freshness: Measured<readonly SeriesFreshness[]> | undefined;
  readonly outboxDepth: Measured<number> | undefined;
  readonly memory: { readonly at: Date; readonly rssBytes: number; readonly heapUsedBytes: number; readonly heapTotalBytes: number };
  readonly eventLoop: EventLoopDelay | undefined;
  readonly heartbeat: HeartbeatStatus;
}

type MaybePromise<T> = T | Promise<T>;

/** Where each fact comes from; a fact whose source is not given is absent from the report. */
export interface HealthSources {
  readonly clock: () => Date;
  readonly startedAt?: Date;
  readonly jobs: () => readonly JobHealth[];
  readonly dependencies: () => readonly DependencyInput[];
  readonly lastBarTimes?: () => MaybePromise<readonly LastBarTime[]>;
  readonly outboxDepth?: () => MaybePromise<number>;
  readonly heartbeat?: () => HeartbeatStatus;
  readonly eventLoop?: Pick<EventLoopProbe, 'read'>;
  readonly memory?: () => { rss: number; heapUsed: number; heapTotal: number };
}

export async function collectHealth(sources: HealthSources): Promise<HealthReport> {
  const now = sources.clock();
  const { lastBarTimes, outboxDepth: readDepth } = sources;
  const [freshness, outboxDepth] = await Promise.all([
    lastBarTimes === undefined ? undefined : measure(now, async () => toFreshness(await lastBarTimes(), now)),
    readDepth === undefined ? undefined : measure(now, async () => readDepth()),
  ]);
  const memory = sources.memory?.() ?? process.memoryUsage();
  return {
    generatedAt: now,
    startedAt: sources.startedAt,
    jobs: sources.jobs(),
    dependencies: sources.dependencies().map((d) => ({
      name: d.name,
      state: d.state,
      ...(d.lastError === undefined ? {} : { lastError: describeError(d.lastError) }),
      ...(d.lastFailureAt === undefined ? {} : { lastFailureAt: d.lastFailureAt }),
    })),
    freshness,
    outboxDepth,
    memory: { at: now, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, heapTotalBytes: memory.heapTotal },
    eventLoop: sources.eventLoop?.read(now),
    heartbeat: sources.heartbeat?.() ?? { configured: false },
  };
}

async function measure<T>(at: Date, read: () => Promise<T>): Promise<Measured<T>> {
  try {
    return { ok: true, value: await read(), at };
  } catch (error) {
    return { ok: false, error: describeError(error), at };
  }
}

function toFreshness(times: readonly LastBarTime[], now: Date): SeriesFreshness[] {
  return times.map((t) => ({
    venue: t.venue,
    symbol: t.symbol,
    timeframe: t.timeframe,
    lastBarAt: t.lastT === undefined ? undefined : new Date(t.lastT),
    sinceCloseMs: t.lastT === undefined ? undefined : now.getTime() - (t.lastT + TIMEFRAME_MS[t.timeframe]),
  }));
}
