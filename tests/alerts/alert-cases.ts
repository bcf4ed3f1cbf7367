import { approvalBandAlert, breakerAlert, dailyHealthSummaryAlert, eventAlert, healthConditionAlert, jobAlert, webhookFailedAlert, webhookPausedAlert } from '../../src/alerts/alert-table.js';
import type { EngineEvent } from '../../src/engine/events.js';
import type { CriticalCondition } from '../../src/engine/health/critical-conditions.js';
import { summarizeHealth } from '../../src/engine/health/summarize-health.js';
import type { BackfillJobRecord } from '../../src/engine/ports/backfill-jobs.js';
import type { AlertInput } from '../../src/engine/ports/alert-sink.js';
import type { BackfillProgress, BackfillReport } from '../../src/engine/backfill/run-backfill.js';
import { makeProposal } from '../engine/gates/gate-fixtures.js';
import { healthReport } from '../engine/health/health-fixtures.js';
import { makeOrder } from '../engine/outcomes/outcome-fixtures.js';

/** One situation, what the table makes of it, and what a person wrote down it should say. */
export interface AlertCase {
  readonly name: string;
  readonly actual: AlertInput | undefined;
  readonly expected: AlertInput | undefined;
}

const at = (iso: string) => new Date(iso);
const proposal = makeProposal({ id: 'p-1', symbol: 'BTC/USDT' });
const order = makeOrder({ clientOrderId: 'cs-p-1', proposalId: 'p-1', state: 'unknown' });
// The table reads nothing of a backfill: these events are progress messages, not alerts.
const job = { id: 'bf-1' } as BackfillJobRecord;
const event = (e: EngineEvent) => eventAlert(e);

const noAlert = (name: string, e: EngineEvent): AlertCase => ({ name: `${name}: a chat message, no alert`, actual: event(e), expected: undefined });

export const EVENT_CASES: readonly AlertCase[] = [
  {
    name: 'order_unresolved: HIGH, keyed by the order',
    actual: event({ type: 'order_unresolved', proposal, order, reason: 'could not confirm the order at paper: HTTP 503' }),
    expected: { severity: 'HIGH', type: 'order_unresolved', title: 'Order cs-p-1 (BTC/USDT) is not resolved', body: 'could not confirm the order at paper: HTTP 503', dedupeKey: 'order_unresolved:cs-p-1' },
  },
  {
    name: 'reconcile_mismatch: HIGH, what it was and what it is',
    actual: event({ type: 'reconcile_mismatch', order: { ...order, state: 'filled' }, was: 'open' }),
    expected: { severity: 'HIGH', type: 'reconcile_mismatch', title: 'Order cs-p-1 (BTC/USDT) differed at paper', body: 'It was open here and is filled at the venue; updated.' },
  },
  {
    name: 'a halt that could not cancel everywhere: CRITICAL',
    actual: event({ type: 'trading_control', action: 'halted', by: 1, byName: 'Ann', canceledOrders: 2, failures: ['alpaca-main: HTTP 503', 'binance: timeout'] }),
    expected: {
      severity: 'CRITICAL',
      type: 'halt_incomplete',
      title: 'Kill switch: open orders could not be canceled at 2 accounts',
      body: 'alpaca-main: HTTP 503\nbinance: timeout\nCancel them at the venue by hand. Approvals stay refused until /resume.',
    },
  },
  {
    name: 'a halt that failed at one account: CRITICAL, in the singular',
    actual: event({ type: 'trading_control', action: 'halted', by: 1, byName: 'Ann', canceledOrders: 0, failures: ['alpaca-main: HTTP 503'] }),
    expected: {
      severity: 'CRITICAL',
      type: 'halt_incomplete',
      title: 'Kill switch: open orders could not be canceled at 1 account',
      body: 'alpaca-main: HTTP 503\nCancel them at the venue by hand. Approvals stay refused until /resume.',
    },
  },
  {
    name: 'threshold_reverted: INFO, the ended value and the one in force again, keyed by the change',
    actual: event({
      type: 'threshold_reverted',
      change: { version: 7, accountId: 'paper', key: 'minConfidence', kind: 'expired', from: 0.55, to: 0.6, by: 0, byName: 'Countersign', at: '2026-11-21T12:00:00.000Z', after: {} },
    }),
    expected: {
      severity: 'INFO',
      type: 'threshold_reverted',
      title: 'minConfidence of paper is back to 0.6',
      body: 'The temporary value 0.55 ended; 0.6 applies again from now on. /settings history paper lists every change.',
      dedupeKey: 'threshold_reverted:7',
    },
  },
  noAlert('a complete halt', { type: 'trading_control', action: 'halted', by: 1, byName: 'Ann', canceledOrders: 3, failures: [] }),
  noAlert('pause', { type: 'trading_control', action: 'paused', by: 1, byName: 'Ann' }),
  noAlert('resume', { type: 'trading_control', action: 'resumed', by: 1, byName: 'Ann' }),
  noAlert('proposal_created', { type: 'proposal_created', proposal }),
  noAlert('proposal_decided', { type: 'proposal_decided', proposal }),
  noAlert('approval_refused', { type: 'approval_refused', proposal, reason: 'price moved', by: 1 }),
  noAlert('proposal_expired', { type: 'proposal_expired', proposal }),
  noAlert('order_submitted', { type: 'order_submitted', proposal, order }),
  noAlert('order_finished', { type: 'order_finished', proposal, order: { ...order, state: 'filled' } }),
  noAlert('backfill_progress', { type: 'backfill_progress', job, progress: {} as BackfillProgress }),
  noAlert('backfill_finished', { type: 'backfill_finished', job, report: {} as BackfillReport }),
  {
    name: 'research budget spent: WARNING, keyed by the UTC day',
    actual: event({ type: 'research_problem', problem: { kind: 'budget_spent', accountId: 'paper', detail: '$1.9800 spent today', day: '2026-11-20' } }),
    expected: {
      severity: 'WARNING',
      type: 'research_budget_spent',
      title: 'Research stopped for today: the daily budget is spent',
      body: '$1.9800 spent today. Research resumes after 00:00 UTC; /research cost shows the spending.',
      dedupeKey: 'research_budget_spent:2026-11-20',
    },
  },
  ...(['billing', 'authentication', 'permission', 'invalid_request'] as const).map((kind) => ({
    name: `research refused (${kind}): HIGH, a person has to act`,
    actual: event({ type: 'research_problem', problem: { kind, accountId: 'paper', detail: 'What happened and what to do.' } }),
    expected: {
      severity: 'HIGH' as const,
      type: `research_${kind}`,
      title: {
        billing: 'Research cannot run: the Anthropic account cannot pay',
        authentication: 'Research cannot run: Claude refused the API key',
        permission: 'Research cannot run: the API key may not use this model',
        invalid_request: 'Research cannot run: Claude refused the request',
      }[kind],
      body: 'What happened and what to do.',
      dedupeKey: `research_${kind}`,
    },
  })),
];

const run = { startedAt: at('2026-11-20T12:00:00Z'), durationMs: 1_200, error: { name: 'VenueUnavailableError', message: 'alpaca unavailable: HTTP 503' } };
const failureBody = 'VenueUnavailableError: alpaca unavailable: HTTP 503\nStarted 2026-11-20 12:00 UTC, failed after 1s.';
const stale = { job: 'scan', now: at('2026-11-20T12:45:00Z'), expectedIntervalMs: 15 * 60_000, trackedSince: at('2026-11-20T11:00:00Z') };

export const JOB_CASES: readonly AlertCase[] = [
  {
    name: 'first failure: WARNING',
    actual: jobAlert({ kind: 'first_failure', job: 'scan', run }),
    expected: { severity: 'WARNING', type: 'job_failed', title: 'Job scan failed', body: failureBody, dedupeKey: 'job_failed:scan:WARNING' },
  },
  {
    name: 'failures in a row: HIGH',
    actual: jobAlert({ kind: 'failing', job: 'scan', run, consecutive: 3 }),
    expected: { severity: 'HIGH', type: 'job_failed', title: 'Job scan failed 3 times in a row', body: failureBody, dedupeKey: 'job_failed:scan:HIGH' },
  },
  {
    name: 'recovery after failures: INFO',
    actual: jobAlert({ kind: 'recovered', job: 'scan', failures: 5 }),
    expected: { severity: 'INFO', type: 'job_recovered', title: 'Job scan succeeded again', body: 'After 5 failed runs.', dedupeKey: 'job_recovered:scan' },
  },
  {
    name: 'recovery after one failure: INFO, singular',
    actual: jobAlert({ kind: 'recovered', job: 'scan', failures: 1 }),
    expected: { severity: 'INFO', type: 'job_recovered', title: 'Job scan succeeded again', body: 'After 1 failed run.', dedupeKey: 'job_recovered:scan' },
  },
  {
    name: 'recovery from staleness: INFO',
    actual: jobAlert({ kind: 'recovered', job: 'scan', failures: 0 }),
    expected: { severity: 'INFO', type: 'job_recovered', title: 'Job scan succeeded again', body: 'It had not succeeded for longer than expected.', dedupeKey: 'job_recovered:scan' },
  },
  {
    name: 'stale at 3×: WARNING',
    actual: jobAlert({ kind: 'stale', level: 'WARNING', ...stale, lastSuccessAt: at('2026-11-20T12:00:00Z'), lastError: undefined }),
    expected: {
      severity: 'WARNING',
      type: 'job_stale',
      title: 'Job scan has not succeeded for 45m',
      body: 'Expected at least every 15m.\nLast success 2026-11-20 12:00 UTC.',
      dedupeKey: 'job_stale:scan:WARNING',
    },
  },
  {
    name: 'stale at 6× and never succeeded: HIGH, with the last error',
    actual: jobAlert({ kind: 'stale', level: 'HIGH', ...stale, lastSuccessAt: undefined, lastError: { at: at('2026-11-20T12:40:00Z'), error: run.error } }),
    expected: {
      severity: 'HIGH',
      type: 'job_stale',
      title: 'Job scan has not succeeded for 1h 45m',
      body: 'Expected at least every 15m.\nNo success since the bot started at 2026-11-20 11:00 UTC.\nLast error (2026-11-20 12:40 UTC): VenueUnavailableError: alpaca unavailable: HTTP 503',
      dedupeKey: 'job_stale:scan:HIGH',
    },
  },
];

const TRIAL = 'After 30 s the next call is let through as a trial; you will be told when it answers again.';

export const BREAKER_CASES: readonly AlertCase[] = [
  {
    name: 'a broker breaker opens: HIGH, with the last error scrubbed of its URL',
    actual: breakerAlert({ dependency: 'main (alpaca)', kind: 'broker', state: 'open', lastError: new Error('HTTP 503 from https://paper-api.alpaca.markets/v2/orders?key=s3cret') }),
    expected: {
      severity: 'HIGH',
      type: 'breaker_open',
      title: 'Broker main (alpaca) is failing: calls paused',
      body: `Repeated failures opened its circuit breaker. Orders cannot be placed, checked or canceled there until it answers again.\n${TRIAL}\nLast error: Error: HTTP 503 from <url>`,
      dedupeKey: 'breaker_open:main (alpaca)',
    },
  },
  {
    name: 'a data source breaker opens: WARNING',
    actual: breakerAlert({ dependency: 'ccxt:binance data', kind: 'data', state: 'open' }),
    expected: {
      severity: 'WARNING',
      type: 'breaker_open',
      title: 'Market data from ccxt:binance is failing: calls paused',
      body: `Repeated failures opened its circuit breaker. Scans and backfills that need it fail fast meanwhile; trading at the brokers goes on.\n${TRIAL}`,
      dedupeKey: 'breaker_open:ccxt:binance data',
    },
  },
  {
    name: "Telegram's breaker opens: WARNING",
    actual: breakerAlert({ dependency: 'telegram', kind: 'telegram', state: 'open' }),
    expected: {
      severity: 'WARNING',
      type: 'breaker_open',
      title: 'Telegram is failing: calls paused',
      body: `Repeated failures opened its circuit breaker. Messages wait in the outbox and go out once Telegram answers again; nothing is lost.\n${TRIAL}`,
      dedupeKey: 'breaker_open:telegram',
    },
  },
  {
    name: "Claude's breaker opens: WARNING, research only",
    actual: breakerAlert({ dependency: 'claude', kind: 'research', state: 'open' }),
    expected: {
      severity: 'WARNING',
      type: 'breaker_open',
      title: 'Claude (research) is failing: calls paused',
      body: `Repeated failures opened its circuit breaker. Research runs stop at once and say so; scans and trading go on.\n${TRIAL}`,
      dedupeKey: 'breaker_open:claude',
    },
  },
  {
    name: 'a broker breaker closes: INFO',
    actual: breakerAlert({ dependency: 'main (alpaca)', kind: 'broker', state: 'closed', lastError: new Error('old news') }),
    expected: { severity: 'INFO', type: 'breaker_closed', title: 'Broker main (alpaca) is answering again', body: 'Calls go through as usual.', dedupeKey: 'breaker_closed:main (alpaca)' },
  },
  {
    name: 'a data source breaker closes: INFO',
    actual: breakerAlert({ dependency: 'alpaca data', kind: 'data', state: 'closed' }),
    expected: { severity: 'INFO', type: 'breaker_closed', title: 'Market data from alpaca is answering again', body: 'Calls go through as usual.', dedupeKey: 'breaker_closed:alpaca data' },
  },
  { name: 'half-open is a trial, not news', actual: breakerAlert({ dependency: 'main (alpaca)', kind: 'broker', state: 'half_open' }), expected: undefined },
];

const stalled: CriticalCondition = { rule: 'event_loop_stalled', message: 'event-loop delay p99 2500 ms (over 2000 ms)' };
const backlog: CriticalCondition = { rule: 'outbox_backlog', message: '101 alerts waiting to be sent (over 100)' };
const memory: CriticalCondition = { rule: 'memory_high', message: 'memory 381.5 MB in use (over 286.1 MB)' };
const cleared = (rule: string, title: string): AlertInput => ({
  severity: 'INFO',
  type: 'health_condition_cleared',
  title,
  body: 'GET /healthz answers 200 again unless another condition holds.',
  dedupeKey: `health_condition_cleared:${rule}`,
});
const report = healthReport();

export const HEALTH_CASES: readonly AlertCase[] = [
  {
    name: 'a stalled event loop: HIGH',
    actual: healthConditionAlert(stalled, 'started'),
    expected: {
      severity: 'HIGH',
      type: 'health_condition',
      title: 'Health: event-loop delay p99 2500 ms (over 2000 ms)',
      body: 'Commands, buttons and jobs all run late. GET /healthz answers 503 while it lasts.',
      dedupeKey: 'health_condition:event_loop_stalled',
    },
  },
  {
    name: 'an outbox backlog: WARNING',
    actual: healthConditionAlert(backlog, 'started'),
    expected: {
      severity: 'WARNING',
      type: 'health_condition',
      title: 'Health: 101 alerts waiting to be sent (over 100)',
      body: 'Telegram is not taking messages fast enough; they wait, none is lost. GET /healthz answers 503 while it lasts.',
      dedupeKey: 'health_condition:outbox_backlog',
    },
  },
  {
    name: 'memory over its limit: WARNING',
    actual: healthConditionAlert(memory, 'started'),
    expected: {
      severity: 'WARNING',
      type: 'health_condition',
      title: 'Health: memory 381.5 MB in use (over 286.1 MB)',
      body: 'A platform health check may restart the bot. GET /healthz answers 503 while it lasts.',
      dedupeKey: 'health_condition:memory_high',
    },
  },
  { name: 'the event loop recovers: INFO', actual: healthConditionAlert(stalled, 'cleared'), expected: cleared('event_loop_stalled', 'The event loop runs on time again') },
  { name: 'the backlog drains: INFO', actual: healthConditionAlert(backlog, 'cleared'), expected: cleared('outbox_backlog', 'The outbox is draining again') },
  { name: 'memory falls: INFO', actual: healthConditionAlert(memory, 'cleared'), expected: cleared('memory_high', 'Memory use is back under its limit') },
  {
    name: "an open broker breaker as a health condition: none (the breaker's own alert says it)",
    actual: healthConditionAlert({ rule: 'breaker_open', message: 'alpaca: breaker open', subject: 'alpaca' }, 'started'),
    expected: undefined,
  },
  {
    name: 'a job stale at HIGH as a health condition: none (job_stale says it)',
    actual: healthConditionAlert({ rule: 'job_stale_high', message: 'scan: no successful run for too long', subject: 'scan' }, 'cleared'),
    expected: undefined,
  },
  {
    name: 'the daily health summary: INFO, one a day',
    actual: dailyHealthSummaryAlert(report, [stalled], at('2026-11-20T22:00:00Z')),
    expected: { severity: 'INFO', type: 'daily_health_summary', title: 'Daily health summary', body: summarizeHealth(report, [stalled]), dedupeKey: 'daily_health_summary:2026-11-20' },
  },
];

export const WEBHOOK_CASES: readonly AlertCase[] = [
  {
    name: 'an event a receiver refused: HIGH, naming event and endpoint',
    actual: webhookFailedAlert({ endpointId: 'desk', eventType: 'order.filled', eventId: 'msg_abc', reason: 'refused with 410', refusedByReceiver: true }),
    expected: {
      severity: 'HIGH',
      type: 'webhook_failed',
      title: 'Webhook desk: order.filled was not delivered',
      body: 'The receiver refused with 410. Event id msg_abc; it was dropped. Check the receiver, then /webhooks test desk.',
      dedupeKey: 'webhook_failed:desk:msg_abc',
    },
  },
  {
    name: 'an event never accepted within the retry window: HIGH',
    actual: webhookFailedAlert({ endpointId: 'desk', eventType: 'proposal.created', eventId: 'msg_def', reason: 'not accepted within 24 h (12 attempts; last: answered 503)', refusedByReceiver: false }),
    expected: {
      severity: 'HIGH',
      type: 'webhook_failed',
      title: 'Webhook desk: proposal.created was not delivered',
      body: 'It was not accepted within 24 h (12 attempts; last: answered 503). Event id msg_def; it was dropped. Check the receiver, then /webhooks test desk.',
      dedupeKey: 'webhook_failed:desk:msg_def',
    },
  },
  {
    name: 'an endpoint paused: HIGH, once per pause',
    actual: webhookPausedAlert({ endpointId: 'desk', consecutiveFailures: 5, waiting: 12 }),
    expected: {
      severity: 'HIGH',
      type: 'webhook_paused',
      title: 'Webhook desk is paused',
      body: '5 events in a row were not delivered. 12 waiting events are kept; nothing is sent to desk until /webhooks resume desk.',
      dedupeKey: 'webhook_paused:desk',
    },
  },
];

const band = { low: 0.3, high: 0.5 };
const thirtyDays = { label: '30 d', days: 30 } as const;

export const ANALYTICS_CASES: readonly AlertCase[] = [
  {
    name: 'the pass rate left its band: WARNING, with the suggested change',
    actual: approvalBandAlert({ accountId: 'paper', metric: 'pass_rate', window: thirtyDays, samples: 120, rate: 0.21, rateNow: 0.21, band, change: { key: 'minConfidence', from: 0.6, to: 0.52, expectedRate: 0.38, expectedOf: 120 } }),
    expected: {
      severity: 'WARNING',
      type: 'approval_rate_out_of_band',
      title: 'paper: gate pass rate 21% over 30 d (120 decisions), below the 30–50% band',
      body: 'minConfidence 0.6 → 0.52 would have let 38% pass over 30 d (was 21%). /stats suggest shows it with an Apply button and the full preview.',
      dedupeKey: 'approval_rate_out_of_band:paper:pass_rate',
    },
  },
  {
    name: 'the approval rate is over its band: WARNING, saying why no value is suggested',
    actual: approvalBandAlert({ accountId: 'paper', metric: 'approval_rate', window: thirtyDays, samples: 24, rate: 0.9, rateNow: 0.9, band, why: 'no looser value can be judged' }),
    expected: {
      severity: 'WARNING',
      type: 'approval_rate_out_of_band',
      title: 'paper: approval rate 90% over 30 d (24 decided), above the 30–50% band',
      body: 'No change to suggest: no looser value can be judged. /stats shows the rates.',
      dedupeKey: 'approval_rate_out_of_band:paper:approval_rate',
    },
  },
];

export const ALL_CASES: readonly AlertCase[] = [...EVENT_CASES, ...JOB_CASES, ...BREAKER_CASES, ...HEALTH_CASES, ...WEBHOOK_CASES, ...ANALYTICS_CASES];
