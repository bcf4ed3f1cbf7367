import type { ResearchMandate } from '../accounts/account-profile.js';
import type { EventSink } from '../events.js';
import type { AccountRuntime } from '../execution/execution-deps.js';
import type { Timeframe } from '../market/bars.js';
import type { ResearchLog } from '../ports/research-log.js';
import type { ResearchModel, ResearchModelRequest } from '../ports/research-model.js';
import type { ProposeInput, ProposeResult } from '../proposals/create-proposal.js';
import { buildContext, type ReadBars } from './build-context.js';
import { checkBudget, startOfBudgetDay, type BudgetSettings } from './check-budget.js';
import { estimateRequestTokens } from './estimate-tokens.js';
import { RESEARCH_TOOL_NAME, ResearchOutputSchema } from './idea-schema.js';
import { calculateCost, findPrice, NO_USAGE } from './price-table.js';
import { proposeIdeas } from './propose-ideas.js';
import { readAnswer } from './read-answer.js';
import { renderContext, type ResearchContext } from './render-context.js';
import { describeCallFailure } from './describe-call-failure.js';
import type { ResearchIdeaRecord, ResearchRunRecord } from './research-records.js';
import type { IndicatorReaders } from './symbol-snapshot.js';
import { systemBlocks } from './system-prompt.js';

export interface RunDeps {
  readonly settings: BudgetSettings;
  readonly model: () => Promise<ResearchModel>;
  readonly readers: () => Promise<IndicatorReaders>;
  readonly log: ResearchLog;
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
  readonly bars: ReadBars;
  /** Fetches daily history the bar store lacks for these symbols; never throws. */
  readonly ensureHistory: (venue: string, symbols: readonly string[]) => Promise<void>;
  readonly events: EventSink;
  readonly clock: () => Date;
  readonly newRunId: () => string;
}

export interface RunRequest {
  readonly runtime: AccountRuntime;
  readonly mandate: ResearchMandate;
  /** The bar store venue that serves the account. */
  readonly venue: string;
  readonly universe: readonly string[];
  readonly priceTimeframe: Timeframe | undefined;
  readonly trigger: 'manual' | 'schedule';
  readonly by?: number;
  /** Short phrases for the chat's status line ("asking claude-sonnet-5-5"). */
  readonly onStatus?: (status: string) => void;
}

export interface ResearchRunReport {
  readonly run: ResearchRunRecord;
  readonly ideas: readonly ResearchIdeaRecord[];
  /** The user message sent to the API, for the full report. */
  readonly prompt?: string;
}

const PAST_IDEAS_DAYS = 180;

/**
 * One research run for one account: data → budget check → Claude → checks → gates. Every
 * run is recorded, whatever its outcome, and its cost is on disk before any idea is
 * proposed. Never called inside an update handler: it takes seconds to minutes.
 */
export async function runResearch(deps: RunDeps, request: RunRequest): Promise<ResearchRunReport> {
  const now = deps.clock();
  const { profile } = request.runtime;
  const base = { id: deps.newRunId(), accountId: profile.id, live: profile.live, trigger: request.trigger, ...(request.by === undefined ? {} : { by: request.by }), model: deps.settings.model, startedAt: now.toISOString(), universe: request.universe.length };
  const context = await gatherContext(deps, request, now);
  const modelRequest = toModelRequest(deps.settings, request, context);
  const estimate = estimateRequestTokens(modelRequest);
  const facts = { ...base, symbolsWithData: context.symbols.filter((s) => s.price !== undefined).length, estimatedInputTokens: estimate.total };
  const runsToday = await deps.log.runsSince(startOfBudgetDay(now));
  const budget = checkBudget(deps.settings, runsToday, estimate);
  if (!budget.ok) {
    const first = !runsToday.some((run) => run.outcome === 'budget_spent');
    if (first) deps.events.emit({ type: 'research_problem', problem: { kind: 'budget_spent', accountId: profile.id, detail: budget.reason, day: now.toISOString().slice(0, 10) } });
    return record(deps, { ...facts, outcome: 'budget_spent', detail: `research stopped until 00:00 UTC: ${budget.reason}`, usage: NO_USAGE }, []);
  }
  request.onStatus?.(`asking ${deps.settings.model} (about ${estimate.total.toLocaleString('en-US')} tokens of data)`);
  return askAndPropose(deps, request, { facts, context, modelRequest });
}

async function gatherContext(deps: RunDeps, request: RunRequest, now: Date): Promise<ResearchContext> {
  request.onStatus?.(`reading the market for ${request.universe.length} symbol${request.universe.length === 1 ? '' : 's'}`);
  const [readers, past] = await Promise.all([deps.readers(), deps.log.ideasSince(new Date(now.getTime() - PAST_IDEAS_DAYS * 86_400_000))]);
  await deps.ensureHistory(request.venue, request.universe);
  return buildContext({
    runtime: request.runtime,
    venue: request.venue,
    universe: request.universe,
    priceTimeframe: request.priceTimeframe,
    bars: deps.bars,
    readers,
    pastIdeas: past.filter((idea) => idea.accountId === request.runtime.profile.id),
    now,
  });
}

function toModelRequest(settings: BudgetSettings, request: RunRequest, context: ResearchContext): ResearchModelRequest {
  const { profile } = request.runtime;
  return {
    model: settings.model,
    maxTokens: settings.maxTokens,
    system: systemBlocks({ accountId: profile.id, live: profile.live, mandate: request.mandate }),
    user: renderContext(context),
    schema: ResearchOutputSchema,
    toolName: RESEARCH_TOOL_NAME,
  };
}

type RunFacts = Omit<ResearchRunRecord, 'finishedAt' | 'outcome' | 'detail' | 'usage' | 'costUsd' | 'ideaIds' | 'dropped' | 'marketView'>;

async function askAndPropose(deps: RunDeps, request: RunRequest, prepared: { facts: RunFacts; context: ResearchContext; modelRequest: ResearchModelRequest }): Promise<ResearchRunReport> {
  const { facts, context, modelRequest } = prepared;
  const prompt = modelRequest.user;
  let response;
  try {
    response = await (await deps.model()).complete(modelRequest);
  } catch (error) {
    const failure = describeCallFailure(error);
    if (failure.problem !== undefined) deps.events.emit({ type: 'research_problem', problem: { ...failure.problem, accountId: facts.accountId } });
    return { ...(await record(deps, { ...facts, outcome: 'failed', detail: failure.detail, usage: NO_USAGE }, [])), prompt };
  }
  const price = findPrice(deps.settings.prices, deps.settings.model);
  const paid = { ...facts, usage: response.usage, ...(price === undefined ? {} : { costUsd: calculateCost(response.usage, price) }) };
  // The cost is durable before anything else can fail.
  await record(deps, { ...paid, outcome: 'failed', detail: 'the run stopped before its ideas were checked' }, []);
  const held = new Set(context.account.positions.map((p) => p.symbol));
  const prices = new Map(context.symbols.flatMap((s) => (s.price === undefined ? [] : [[s.symbol, s.price] as const])));
  const answer = readAnswer(response, { universe: new Set(request.universe), prices, held, maxIdeas: request.mandate.maxIdeas });
  if (answer.outcome !== 'ok') return { ...(await record(deps, { ...paid, outcome: answer.outcome, detail: answer.detail }, [])), prompt };
  request.onStatus?.(`checking ${answer.valid.length} idea${answer.valid.length === 1 ? '' : 's'} through the gates`);
  const ideas = await proposeIdeas({ runId: facts.id, accountId: facts.accountId, model: response.model || deps.settings.model, runCostUsd: paid.costUsd, account: context.account, ideas: answer.valid, now: deps.clock(), propose: deps.propose });
  const run = { ...paid, outcome: 'ok' as const, ...(answer.marketView === undefined ? {} : { marketView: answer.marketView }) };
  return { ...(await record(deps, run, ideas, answer.dropped)), prompt };
}

async function record(deps: RunDeps, run: Omit<ResearchRunRecord, 'finishedAt' | 'ideaIds' | 'dropped'>, ideas: readonly ResearchIdeaRecord[], dropped: ResearchRunRecord['dropped'] = []): Promise<ResearchRunReport> {
  const complete: ResearchRunRecord = { ...run, finishedAt: deps.clock().toISOString(), ideaIds: ideas.map((i) => i.id), dropped };
  await deps.log.append({ runs: [complete], ideas });
  return { run: complete, ideas };
}
