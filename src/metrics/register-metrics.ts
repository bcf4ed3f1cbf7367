import type * as Prom from 'prom-client';
import { isFinalOrderState, ORDER_STATES } from '../engine/orders/order-record.js';
import { isFinalState, PROPOSAL_STATES } from '../engine/proposals/proposal.js';
import type { MetricsSources } from './metrics-sources.js';
import { createJobRunReader } from './read-job-runs.js';

type PromClient = typeof Prom;

const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900];

/** Sets a counter to running totals kept elsewhere (prom-client counters only go up by inc). */
function setTotals(counter: Prom.Counter<string>, totals: Iterable<[Record<string, string>, number]>): void {
  counter.reset();
  for (const [labels, value] of totals) counter.inc(labels, value);
}

/**
 * Every Countersign metric on `registry`, each reading its source in `collect()`, at scrape
 * time. Names follow Prometheus conventions: `_total` counters, `_seconds` durations.
 * Returns a hook to call before each scrape (for the job metrics).
 */
export function registerMetrics(prom: PromClient, registry: Prom.Registry, s: MetricsSources): () => void {
  const registers = [registry];
  new prom.Histogram({
    name: 'countersign_update_duration_seconds',
    help: 'Time an update spent in the middleware stack',
    labelNames: ['type'],
    buckets: LATENCY_BUCKETS,
    registers,
    collect() {
      for (const { type, seconds } of s.updates.drain().observations) this.observe({ type }, seconds);
    },
  });
  new prom.Counter({ name: 'countersign_updates_total', help: 'Telegram updates handled, by type', labelNames: ['type'], registers, collect() { setTotals(this, [...s.updates.counts()].map(([type, n]) => [{ type }, n])); } });
  new prom.Gauge({
    name: 'countersign_outbox_depth',
    help: 'Entries waiting in each durable outbox',
    labelNames: ['kind'],
    registers,
    collect() {
      const depth = s.outboxDepth();
      for (const kind of ['alerts', 'messages', 'webhooks'] as const) this.set({ kind }, depth[kind]);
    },
  });
  new prom.Counter({ name: 'countersign_telegram_429_total', help: 'Telegram answers 429 (too many requests)', registers, collect() { setTotals(this, [[{}, s.telegram429()]]); } });
  new prom.Gauge({
    name: 'countersign_breaker_state',
    help: 'Circuit breaker of each dependency: 1 for its current state',
    labelNames: ['dependency', 'state'],
    registers,
    collect() {
      this.reset();
      for (const b of s.breakers()) for (const state of ['closed', 'open', 'half_open']) this.set({ dependency: b.name, state }, b.state === state ? 1 : 0);
    },
  });
  registerTradingMetrics(prom, registers, s);
  registerDeliveryMetrics(prom, registers, s);
  const beforeScrape = registerJobMetrics(prom, registers, s);
  prom.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  return beforeScrape;
}

// Every live state is reported, 0 included: a series that vanishes when nothing is pending
// would make `countersign_proposals{state="pending"} > 10` silently have no data.
const LIVE_PROPOSAL_STATES = PROPOSAL_STATES.filter((state) => !isFinalState(state));
const LIVE_ORDER_STATES = ORDER_STATES.filter((state) => !isFinalOrderState(state));

function countBy(items: readonly { state: string }[], states: readonly string[]): [Record<string, string>, number][] {
  const counts = new Map<string, number>(states.map((state) => [state, 0]));
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => [{ state }, n]);
}

function registerTradingMetrics(prom: PromClient, registers: Prom.Registry[], s: MetricsSources): void {
  const live = (name: string, help: string, states: readonly string[], pick: (t: ReturnType<MetricsSources['liveTrading']>) => readonly { state: string }[]) =>
    new prom.Gauge({ name, help, labelNames: ['state'], registers, collect() { this.reset(); for (const [labels, n] of countBy(pick(s.liveTrading()), states)) this.set(labels, n); } });
  live('countersign_proposals', 'Live proposals (pending or not yet settled), by state', LIVE_PROPOSAL_STATES, (t) => t.proposals);
  live('countersign_orders', 'Orders not yet settled, by state', LIVE_ORDER_STATES, (t) => t.orders);
  new prom.Counter({ name: 'countersign_decisions_total', help: 'Gate pipeline decisions: proposed or blocked', labelNames: ['outcome'], registers, collect() { const c = s.decisions(); setTotals(this, [[{ outcome: 'proposed' }, c.proposed], [{ outcome: 'blocked' }, c.blocked]]); } });
  new prom.Counter({ name: 'countersign_gate_blocks_total', help: 'Blocked proposals by the gate that blocked them', labelNames: ['gate'], registers, collect() { setTotals(this, [...s.decisions().byGate].map(([gate, n]) => [{ gate }, n])); } });
  new prom.Counter({ name: 'countersign_proposals_decided_total', help: 'Proposals approved, rejected or expired', labelNames: ['decision'], registers, collect() { setTotals(this, [...s.events.decided()].map(([decision, n]) => [{ decision }, n])); } });
  new prom.Counter({ name: 'countersign_orders_finished_total', help: 'Orders that reached a final state, by state', labelNames: ['state'], registers, collect() { setTotals(this, [...s.events.finished()].map(([state, n]) => [{ state }, n])); } });
  new prom.Counter({ name: 'countersign_research_tokens_total', help: 'Tokens research used, by kind', labelNames: ['kind'], registers, collect() { const u = s.research?.(); setTotals(this, [[{ kind: 'input' }, u?.inputTokens ?? 0], [{ kind: 'output' }, u?.outputTokens ?? 0]]); } });
  new prom.Counter({ name: 'countersign_research_cost_usd_total', help: 'What research cost, in US dollars', registers, collect() { setTotals(this, [[{}, s.research?.().costUsd ?? 0]]); } });
}

function registerDeliveryMetrics(prom: PromClient, registers: Prom.Registry[], s: MetricsSources): void {
  new prom.Counter({
    name: 'countersign_webhook_deliveries_total',
    help: 'Outbound webhook attempts by endpoint and result: delivered, retried, refused (4xx), exhausted (retry window over)',
    labelNames: ['endpoint', 'result'],
    registers,
    collect() {
      setTotals(this, s.webhooks().flatMap((e) => Object.entries(e.counts).map(([result, n]): [Record<string, string>, number] => [{ endpoint: e.id, result }, n])));
    },
  });
  new prom.Gauge({ name: 'countersign_webhook_paused', help: '1 while an endpoint is paused (until /webhooks resume)', labelNames: ['endpoint'], registers, collect() { for (const e of s.webhooks()) this.set({ endpoint: e.id }, e.paused === undefined ? 0 : 1); } });
  new prom.Counter({
    name: 'countersign_signals_total',
    help: 'Inbound signal requests by source and result',
    labelNames: ['source', 'result'],
    registers,
    collect() {
      setTotals(this, [...s.signals()].flatMap(([source, stats]) => Object.entries(stats.counts).map(([result, n]): [Record<string, string>, number] => [{ source, result }, n ?? 0])));
    },
  });
}

/** Returns what must run before each scrape. */
function registerJobMetrics(prom: PromClient, registers: Prom.Registry[], s: MetricsSources): () => void {
  // Both fed from one read of the new runs, in a hook that runs before either is read:
  // the registry reads metrics concurrently, so one metric's collect cannot feed another.
  const duration = new prom.Histogram({ name: 'countersign_job_duration_seconds', help: 'How long job runs took', labelNames: ['job'], buckets: JOB_BUCKETS, registers });
  const runs = createJobRunReader();
  const counter = new prom.Counter({ name: 'countersign_job_runs_total', help: 'Job runs by outcome: ok, failed, skipped_overlap', labelNames: ['job', 'outcome'], registers });
  return () => {
    for (const run of runs.newRuns(s.jobs())) {
      counter.inc({ job: run.job, outcome: run.outcome });
      duration.observe({ job: run.job }, run.durationMs / 1000);
    }
  };
}
