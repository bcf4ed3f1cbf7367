import { IdeaSchema, ResearchEnvelopeSchema, type Idea } from './idea-schema.js';
import type { DroppedIdea } from './research-records.js';

export interface IdeaChecks {
  readonly universe: ReadonlySet<string>;
  /** Last price per symbol, from the context the model saw. */
  readonly prices: ReadonlyMap<string, number>;
  /** Symbols the account holds: the only ones it may sell. */
  readonly held: ReadonlySet<string>;
  readonly maxIdeas: number;
}

export interface CheckedIdea {
  readonly idea: Idea;
  readonly referencePrice: number;
}

export type ValidatedOutput =
  | { readonly ok: true; readonly marketView?: string; readonly valid: readonly CheckedIdea[]; readonly dropped: readonly DroppedIdea[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The model's answer, checked with zod idea by idea: an idea that breaks the schema, names
 * a symbol outside the universe, has no price, sells what is not held or puts its stop
 * on the wrong side is dropped with the reason, and the others go on to the gates.
 */
export function validateIdeas(output: unknown, checks: IdeaChecks): ValidatedOutput {
  const envelope = ResearchEnvelopeSchema.safeParse(output);
  if (!envelope.success) return { ok: false, reason: `the answer is not in the research format (${describeIssues(envelope.error.issues)})` };
  const valid: CheckedIdea[] = [];
  const dropped: DroppedIdea[] = [];
  for (const raw of envelope.data.ideas) {
    const result = checkIdea(raw, checks, valid);
    if ('reason' in result) dropped.push(result);
    else valid.push(result);
  }
  const marketView = envelope.data.market_view;
  return { ok: true, ...(marketView === undefined ? {} : { marketView }), valid, dropped };
}

function checkIdea(raw: unknown, checks: IdeaChecks, taken: readonly CheckedIdea[]): CheckedIdea | DroppedIdea {
  const symbolOf = (value: unknown) => (typeof value === 'object' && value !== null && typeof (value as { symbol?: unknown }).symbol === 'string' ? String((value as { symbol: string }).symbol).slice(0, 24) : undefined);
  const symbol = symbolOf(raw);
  const drop = (reason: string): DroppedIdea => ({ ...(symbol === undefined ? {} : { symbol }), reason });
  const parsed = IdeaSchema.safeParse(raw);
  if (!parsed.success) return drop(`invalid: ${describeIssues(parsed.error.issues)}`);
  const idea = parsed.data;
  if (!checks.universe.has(idea.symbol)) return drop(`${idea.symbol} is not in this account's research universe`);
  const price = checks.prices.get(idea.symbol);
  if (price === undefined) return drop(`${idea.symbol} has no price in the data`);
  if (idea.side === 'sell' && !checks.held.has(idea.symbol)) return drop(`sell ${idea.symbol}: the account holds none`);
  if (taken.some((t) => t.idea.symbol === idea.symbol)) return drop(`a second idea for ${idea.symbol} in one run`);
  if (taken.length >= checks.maxIdeas) return drop(`more ideas than the mandate's ${checks.maxIdeas}`);
  const levels = checkLevels(idea, price);
  return levels === undefined ? { idea, referencePrice: price } : drop(levels);
}

/** Stop and target on the right sides of the entry: otherwise the idea contradicts itself. */
function checkLevels(idea: Idea, lastPrice: number): string | undefined {
  const entry = idea.entry.type === 'limit' ? idea.entry.price : lastPrice;
  const at = idea.entry.type === 'limit' ? `the limit ${entry}` : `the price ${entry}`;
  if (idea.side === 'buy') {
    if (!(idea.stop < entry)) return `buy ${idea.symbol}: the stop ${idea.stop} is not below ${at}`;
    if (!(idea.target > entry)) return `buy ${idea.symbol}: the target ${idea.target} is not above ${at}`;
  } else {
    if (!(idea.stop > entry)) return `sell ${idea.symbol}: the stop ${idea.stop} is not above ${at}`;
    if (!(idea.target < entry)) return `sell ${idea.symbol}: the target ${idea.target} is not below ${at}`;
  }
  return undefined;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length === 0 ? 'the answer' : issue.path.map(String).join('.')} ${issue.message}`)
    .join('; ');
}
