import type { EngineEvent } from '../engine/events.js';
import type { HealthReport, StaleLevel } from '../engine/health/collect-health.js';
import type { CriticalCondition } from '../engine/health/critical-conditions.js';
import type { ConditionChange } from '../engine/health/create-health-cache.js';
import { describeError, type ErrorDescription } from '../engine/health/describe-error.js';
import { summarizeHealth } from '../engine/health/summarize-health.js';
import type { AlertInput, Severity } from '../engine/ports/alert-sink.js';
import type { ResearchProblem } from '../engine/research/research-problem.js';
import { formatUtcTime } from '../engine/text/format-utc-time.js';
import { formatInterval } from './format-interval.js';
import type { BreakerChange } from '../resilience/create-dependency-health.js';
import { formatSettingValue } from '../engine/settings/describe-setting.js';
import type { ThresholdChange } from '../engine/settings/threshold-override.js';
import { THRESHOLD_SETTINGS } from '../engine/settings/threshold-settings.js';
import { describeChange, describeExcursion } from '../engine/stats/describe-suggestion.js';
import type { Suggestion } from '../engine/stats/suggest-thresholds.js';

/**
 * The one table from what happened to what the chat is told. Every alert the bot raises
 * is built here: engine events, job outcomes, breaker changes and health conditions. The
 * README's alert table is tested against ALERT_TYPES, and `alert()` accepts only a listed
 * type and severity, so no alert can appear without saying how loud it is.
 */
export const ALERT_TYPES = {
  halt_incomplete: ['CRITICAL'],
  order_unresolved: ['HIGH'],
  reconcile_mismatch: ['HIGH'],
  breaker_open: ['WARNING', 'HIGH'],
  breaker_closed: ['INFO'],
  job_failed: ['WARNING', 'HIGH'],
  job_stale: ['WARNING', 'HIGH'],
  job_recovered: ['INFO'],
  health_condition: ['WARNING', 'HIGH'],
  health_condition_cleared: ['INFO'],
  daily_health_summary: ['INFO'],
  threshold_reverted: ['INFO'],
  approval_rate_out_of_band: ['WARNING'],
  webhook_failed: ['HIGH'],
  webhook_paused: ['HIGH'],
  research_budget_spent: ['WARNING'],
  research_billing: ['HIGH'],
  research_authentication: ['HIGH'],
  research_permission: ['HIGH'],
  research_invalid_request: ['HIGH'],
} as const satisfies Record<string, readonly Severity[]>;

export type AlertType = keyof typeof ALERT_TYPES;

interface AlertText {
  readonly title: string;
  readonly body?: string;
  readonly dedupeKey?: string;
}

function alert<T extends AlertType>(type: T, severity: (typeof ALERT_TYPES)[T][number], text: AlertText): AlertInput {
  return { severity, type, ...text };
}

/**
 * The alert an engine event raises, if any. Most events are chat messages, not alerts:
 * the proposal card and its edits, the fill reply, backfill progress and the pause notice
 * go to the approvers through the notifier.
 */
export function eventAlert(event: EngineEvent): AlertInput | undefined {
  switch (event.type) {
    case 'order_unresolved': {
      const { clientOrderId, symbol } = event.order;
      return alert('order_unresolved', 'HIGH', { title: `Order ${clientOrderId} (${symbol}) is not resolved`, body: event.reason, dedupeKey: `order_unresolved:${clientOrderId}` });
    }
    case 'reconcile_mismatch': {
      const { clientOrderId, symbol, venue, state } = event.order;
      return alert('reconcile_mismatch', 'HIGH', {
        title: `Order ${clientOrderId} (${symbol}) differed at ${venue}`,
        body: `It was ${event.was} here and is ${state} at the venue; updated.`,
      });
    }
    case 'threshold_reverted':
      return thresholdRevertedAlert(event.change);
    case 'trading_control':
      return event.action === 'halted' && (event.failures ?? []).length > 0 ? haltIncompleteAlert(event.failures ?? []) : undefined;
    case 'research_problem':
      return researchAlert(event.problem);
    case 'proposal_created':
    case 'proposal_decided':
    case 'approval_refused':
    case 'proposal_expired':
    case 'order_submitted':
    case 'order_partially_filled':
    case 'order_finished':
    case 'backfill_progress':
    case 'backfill_finished':
      return undefined;
    default: {
      // A new event type fails to compile here until the table says what it raises.
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** A temporary threshold ended by itself: worth knowing, never urgent. */
function thresholdRevertedAlert(change: ThresholdChange): AlertInput {
  const setting = THRESHOLD_SETTINGS[change.key];
  const value = (v: number) => formatSettingValue(setting, v);
  return alert('threshold_reverted', 'INFO', {
    title: `${change.key} of ${change.accountId} is back to ${value(change.to)}`,
    body: `The temporary value ${value(change.from)} ended; ${value(change.to)} applies again from now on. /settings history ${change.accountId} lists every change.`,
    dedupeKey: `threshold_reverted:${change.version}`,
  });
}

/**
 * The gate pass rate or the approval rate of an account left its band over a window with
 * enough samples: told once per excursion (the approval_bands job), with the change the
 * decision log says would bring it back.
 */
export function approvalBandAlert(s: Suggestion): AlertInput {
  return alert('approval_rate_out_of_band', 'WARNING', {
    title: `${describeExcursion(s)}`,
    body: `${describeChange(s)} ${s.change === undefined ? '/stats shows the rates.' : '/stats suggest shows it with an Apply button and the full preview.'}`,
    dedupeKey: `approval_rate_out_of_band:${s.accountId}:${s.metric}`,
  });
}

/** The kill switch is on, but some venue kept its open orders: only a person can fix that now. */
function haltIncompleteAlert(failures: readonly string[]): AlertInput {
  const accounts = failures.length === 1 ? '1 account' : `${failures.length} accounts`;
  return alert('halt_incomplete', 'CRITICAL', {
    title: `Kill switch: open orders could not be canceled at ${accounts}`,
    body: [...failures, 'Cancel them at the venue by hand. Approvals stay refused until /resume.'].join('\n'),
  });
}

const RESEARCH_TITLES: Record<ResearchProblem['kind'], string> = {
  budget_spent: 'Research stopped for today: the daily budget is spent',
  billing: 'Research cannot run: the Anthropic account cannot pay',
  authentication: 'Research cannot run: Claude refused the API key',
  permission: 'Research cannot run: the API key may not use this model',
  invalid_request: 'Research cannot run: Claude refused the request',
};

/**
 * The budget stop is a WARNING once per UTC day (its key carries the day); what only a
 * person can fix (pay, a key, the request) is HIGH, keyed by its kind so a refusal that
 * repeats on every run is counted, not repeated. Claude being down is its breaker's alert.
 */
function researchAlert(problem: ResearchProblem): AlertInput {
  const title = RESEARCH_TITLES[problem.kind];
  if (problem.kind === 'budget_spent') {
    return alert('research_budget_spent', 'WARNING', {
      title,
      body: `${problem.detail}. Research resumes after 00:00 UTC; /research cost shows the spending.`,
      dedupeKey: `research_budget_spent:${problem.day ?? ''}`,
    });
  }
  return alert(`research_${problem.kind}`, 'HIGH', { title, body: problem.detail, dedupeKey: `research_${problem.kind}` });
}

/** A job run as the job tracker records it. */
export interface JobRunFacts {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly error?: ErrorDescription;
}

export interface StaleFacts {
  readonly job: string;
  /** WARNING at 3× the job's interval without success, HIGH at 6×. */
  readonly level: StaleLevel;
  readonly now: Date;
  readonly expectedIntervalMs: number;
  readonly lastSuccessAt: Date | undefined;
  readonly trackedSince: Date;
  readonly lastError: { readonly at: Date; readonly error: ErrorDescription } | undefined;
}

/** What the job tracker saw; it decides when (on a change of state), the table what is said. */
export type JobAlertCase =
  | { readonly kind: 'first_failure'; readonly job: string; readonly run: JobRunFacts }
  | { readonly kind: 'failing'; readonly job: string; readonly run: JobRunFacts; readonly consecutive: number }
  | { readonly kind: 'recovered'; readonly job: string; readonly failures: number }
  | ({ readonly kind: 'stale' } & StaleFacts);

/** Dedupe keys name the job and the level, so a flapping job is counted, not repeated. */
export function jobAlert(c: JobAlertCase): AlertInput {
  switch (c.kind) {
    case 'first_failure':
      return alert('job_failed', 'WARNING', { title: `Job ${c.job} failed`, body: failureBody(c.run), dedupeKey: `job_failed:${c.job}:WARNING` });
    case 'failing':
      return alert('job_failed', 'HIGH', { title: `Job ${c.job} failed ${c.consecutive} times in a row`, body: failureBody(c.run), dedupeKey: `job_failed:${c.job}:HIGH` });
    case 'recovered':
      return alert('job_recovered', 'INFO', {
        title: `Job ${c.job} succeeded again`,
        body: c.failures > 0 ? `After ${c.failures} failed run${c.failures === 1 ? '' : 's'}.` : 'It had not succeeded for longer than expected.',
        dedupeKey: `job_recovered:${c.job}`,
      });
    case 'stale':
      return jobStaleAlert(c);
  }
}

function failureBody(run: JobRunFacts): string {
  return `${run.error?.name ?? 'Error'}: ${run.error?.message ?? ''}\nStarted ${formatUtcTime(run.startedAt)}, failed after ${formatInterval(run.durationMs)}.`;
}

function jobStaleAlert(facts: StaleFacts): AlertInput {
  const since = facts.lastSuccessAt ?? facts.trackedSince;
  return alert('job_stale', facts.level, {
    title: `Job ${facts.job} has not succeeded for ${formatInterval(facts.now.getTime() - since.getTime())}`,
    body: [
      `Expected at least every ${formatInterval(facts.expectedIntervalMs)}.`,
      facts.lastSuccessAt === undefined ? `No success since the bot started at ${formatUtcTime(since)}.` : `Last success ${formatUtcTime(since)}.`,
      ...(facts.lastError === undefined ? [] : [`Last error (${formatUtcTime(facts.lastError.at)}): ${facts.lastError.error.name}: ${facts.lastError.error.message}`]),
    ].join('\n'),
    dedupeKey: `job_stale:${facts.job}:${facts.level}`,
  });
}

const BREAKER_OPEN = {
  broker: { severity: 'HIGH', effect: 'Orders cannot be placed, checked or canceled there until it answers again.' },
  data: { severity: 'WARNING', effect: 'Scans and backfills that need it fail fast meanwhile; trading at the brokers goes on.' },
  telegram: { severity: 'WARNING', effect: 'Messages wait in the outbox and go out once Telegram answers again; nothing is lost.' },
  research: { severity: 'WARNING', effect: 'Research runs stop at once and say so; scans and trading go on.' },
} as const;

const SUBJECTS: Record<BreakerChange['kind'], (dependency: string) => string> = {
  broker: (dependency) => `Broker ${dependency}`,
  data: (dependency) => `Market data from ${dependency.replace(/ data$/, '')}`,
  telegram: () => 'Telegram',
  research: () => 'Claude (research)',
};
const breakerSubject = (c: BreakerChange) => SUBJECTS[c.kind](c.dependency);

/**
 * A breaker opening (HIGH for a broker, WARNING for a data source or Telegram) or closing
 * (INFO). Half-open is a trial call, not news. Raising it once per opening is the
 * caller's part (see create-breaker-alerts.ts): a failed trial opens it again.
 */
export function breakerAlert(change: BreakerChange): AlertInput | undefined {
  if (change.state === 'half_open') return undefined;
  const subject = breakerSubject(change);
  if (change.state === 'closed') {
    return alert('breaker_closed', 'INFO', { title: `${subject} is answering again`, body: 'Calls go through as usual.', dedupeKey: `breaker_closed:${change.dependency}` });
  }
  const open = BREAKER_OPEN[change.kind];
  const error = change.lastError === undefined ? undefined : describeError(change.lastError);
  return alert('breaker_open', open.severity, {
    title: `${subject} is failing: calls paused`,
    body: [
      `Repeated failures opened its circuit breaker. ${open.effect}`,
      'After 30 s the next call is let through as a trial; you will be told when it answers again.',
      ...(error === undefined ? [] : [`Last error: ${error.name}: ${error.message}`]),
    ].join('\n'),
    dedupeKey: `breaker_open:${change.dependency}`,
  });
}

/**
 * Health conditions that make GET /healthz answer 503. An open broker breaker and a job
 * stale at HIGH are left out: their own breaker_open and job_stale alerts already say so.
 */
const CONDITIONS = {
  event_loop_stalled: { severity: 'HIGH', effect: 'Commands, buttons and jobs all run late.', clears: 'The event loop runs on time again' },
  outbox_backlog: { severity: 'WARNING', effect: 'Telegram is not taking messages fast enough; they wait, none is lost.', clears: 'The outbox is draining again' },
  memory_high: { severity: 'WARNING', effect: 'A platform health check may restart the bot.', clears: 'Memory use is back under its limit' },
} as const;

export function healthConditionAlert(condition: CriticalCondition, phase: 'started' | 'cleared'): AlertInput | undefined {
  if (condition.rule === 'breaker_open' || condition.rule === 'job_stale_high') return undefined;
  const rule = CONDITIONS[condition.rule];
  if (phase === 'cleared') {
    return alert('health_condition_cleared', 'INFO', { title: rule.clears, body: 'GET /healthz answers 200 again unless another condition holds.', dedupeKey: `health_condition_cleared:${condition.rule}` });
  }
  return alert('health_condition', rule.severity, {
    title: `Health: ${condition.message}`,
    body: `${rule.effect} GET /healthz answers 503 while it lasts.`,
    dedupeKey: `health_condition:${condition.rule}`,
  });
}

/** Every alert a change of the health conditions raises: each start and each clearing once. */
export function healthChangeAlerts(change: ConditionChange): AlertInput[] {
  const raised = [...change.started.map((c) => healthConditionAlert(c, 'started')), ...change.cleared.map((c) => healthConditionAlert(c, 'cleared'))];
  return raised.filter((a): a is AlertInput => a !== undefined);
}

/** Proof of life once a day, keyed by its date so a rerun on the same day is counted. */
export function dailyHealthSummaryAlert(report: HealthReport, critical: readonly CriticalCondition[], now: Date): AlertInput {
  return alert('daily_health_summary', 'INFO', {
    title: 'Daily health summary',
    body: summarizeHealth(report, critical),
    dedupeKey: `daily_health_summary:${now.toISOString().slice(0, 10)}`,
  });
}

/** An outbound webhook event given up on: refused with a 4xx, or not accepted within the retry window. */
export interface WebhookFailure {
  readonly endpointId: string;
  readonly eventType: string;
  readonly eventId: string;
  /** `refused with 410`, `not accepted within 24 h (9 attempts; last: answered 503)`. */
  readonly reason: string;
  /** The receiver answered with a refusal ("The receiver refused with 410"), or never accepted in time ("It was not accepted…"). */
  readonly refusedByReceiver: boolean;
}

/** Names the event and the endpoint (the words), and what to do next. */
export function webhookFailedAlert(f: WebhookFailure): AlertInput {
  return alert('webhook_failed', 'HIGH', {
    title: `Webhook ${f.endpointId}: ${f.eventType} was not delivered`,
    body: `${f.refusedByReceiver ? 'The receiver' : 'It was'} ${f.reason}. Event id ${f.eventId}; it was dropped. Check the receiver, then /webhooks test ${f.endpointId}.`,
    dedupeKey: `webhook_failed:${f.endpointId}:${f.eventId}`,
  });
}

/** Nothing is dropped while paused: the events wait for `/webhooks resume`. */
export function webhookPausedAlert(p: { readonly endpointId: string; readonly consecutiveFailures: number; readonly waiting: number }): AlertInput {
  return alert('webhook_paused', 'HIGH', {
    title: `Webhook ${p.endpointId} is paused`,
    body: `${p.consecutiveFailures} events in a row were not delivered. ${p.waiting} waiting events are kept; nothing is sent to ${p.endpointId} until /webhooks resume ${p.endpointId}.`,
    dedupeKey: `webhook_paused:${p.endpointId}`,
  });
}
