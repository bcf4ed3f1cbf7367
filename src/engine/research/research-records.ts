import type { DecimalString } from '../money/decimal.js';
import type { ProposalState, Side } from '../proposals/proposal.js';
import type { TokenUsage } from './price-table.js';

/** How a run ended. Only `ok` takes ideas; every other outcome proposes nothing. */
export type RunOutcome =
  | 'ok'
  /** The day's budget would be passed by this call: nothing was sent. */
  | 'budget_spent'
  /** stop_reason `refusal`: the model declined. */
  | 'refused'
  /** stop_reason `max_tokens`: the answer was cut off. */
  | 'truncated'
  /** The answer could not be read as the research schema. */
  | 'unreadable'
  /** The API or the network failed (after the SDK's retries), or refused the request. */
  | 'failed';

/** An idea the checks dropped before any gate saw it, and why. */
export interface DroppedIdea {
  readonly symbol?: string;
  readonly reason: string;
}

/** One research run: what it cost and what came of it. History kind `research_run`. */
export interface ResearchRunRecord {
  readonly id: string;
  readonly accountId: string;
  readonly live: boolean;
  readonly trigger: 'manual' | 'schedule';
  readonly by?: number;
  readonly model: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: RunOutcome;
  /** What a person should know about a run that did not end `ok`. */
  readonly detail?: string;
  readonly usage: TokenUsage;
  /** Undefined for a model without a price: the budget counts its tokens instead. */
  readonly costUsd?: DecimalString;
  readonly universe: number;
  readonly symbolsWithData: number;
  readonly estimatedInputTokens: number;
  readonly marketView?: string;
  readonly ideaIds: readonly string[];
  readonly dropped: readonly DroppedIdea[];
}

/** What the gates made of an idea. */
export type IdeaVerdict =
  | { readonly kind: 'proposed'; readonly proposalId: string }
  | { readonly kind: 'blocked'; readonly proposalId: string; readonly gate: string; readonly reason: string }
  /** The engine could not price or size it (an unknown symbol at the venue), or its venue could not be asked. */
  | { readonly kind: 'invalid'; readonly reason: string }
  /**
   * Blocked only because its market was closed (an 08:00 New York run for stocks): it is
   * proposed again, through every gate, when the market opens.
   */
  | { readonly kind: 'waiting'; readonly until: string; readonly reason: string };

/** What became of an idea once its horizon passed. */
export interface IdeaOutcome {
  readonly evaluatedAt: string;
  /** The close the horizon ended on. */
  readonly closePrice: DecimalString;
  /** Price change from the reference price, signed by side (a buy gains when the price rises), in %. */
  readonly returnPct: number;
  /** Which level the daily bars touched first; `none` when neither. */
  readonly touched: 'target' | 'stop' | 'none';
  /** The target first, or neither level and a positive return at the horizon. */
  readonly hit: boolean;
  /** For a filled idea, marked at the horizon: (close − fill price) × quantity, signed by side, minus fees. */
  readonly executedPnl?: DecimalString;
}

/** One idea of a run, with the gates' verdict and, later, its outcome. History kind `research_idea`. */
export interface ResearchIdeaRecord {
  readonly id: string;
  readonly runId: string;
  readonly accountId: string;
  readonly createdAt: string;
  readonly model: string;
  /** The whole run's cost, for the proposal's Details. */
  readonly runCostUsd?: DecimalString;
  readonly symbol: string;
  readonly side: Side;
  readonly entry: { readonly type: 'market' } | { readonly type: 'limit'; readonly price: DecimalString };
  readonly stop: DecimalString;
  readonly target: DecimalString;
  readonly horizonDays: number;
  readonly sizePct: number;
  readonly confidence: number;
  readonly thesis: string;
  readonly risks: readonly string[];
  readonly invalidation: string;
  /** The last price in the context the model saw. */
  readonly referencePrice: DecimalString;
  /** The amount proposed after the clamps, in quote currency. */
  readonly notional: DecimalString;
  /** Each deterministic cut the engine made to the model's suggestion, in words. */
  readonly clamps: readonly string[];
  readonly verdict: IdeaVerdict;
  /** The proposal's latest known state (approved, rejected, expired, filled, …). */
  readonly proposalState?: ProposalState;
  readonly outcome?: IdeaOutcome;
  /**
   * For an executed idea, what sells realized so far (FIFO lots, fees included, the same
   * book as /pnl): a buy's own lots sold, or what a sell closed. Kept current by the
   * outcomes job, also after the horizon, since a position is often closed later.
   */
  readonly realized?: { readonly pnl: DecimalString; readonly quantity: DecimalString };
}

export const RESEARCH_RUN_KIND = 'research_run';
export const RESEARCH_IDEA_KIND = 'research_idea';
