import type { RefusalReason } from './research-errors.js';

/**
 * Something about research a person has to know or do; the events-to-alerts table turns
 * each into one alert (budget: WARNING once a day; refusals: HIGH). Claude being down is
 * its breaker's alert, like any dependency's.
 */
export interface ResearchProblem {
  readonly kind: 'budget_spent' | RefusalReason;
  readonly accountId?: string;
  /** What happened, in words a trader reads (no stack traces, no internal names). */
  readonly detail: string;
  /** The UTC day (`2026-12-03`) a budget stop belongs to: one alert per day. */
  readonly day?: string;
}
