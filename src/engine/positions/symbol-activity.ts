import type { SymbolActivity, TradingState } from '../ports/trading-store.js';
import type { Proposal } from '../proposals/proposal.js';

const NONE: SymbolActivity = { entries: 0 };

export function getSymbolActivity(state: Pick<TradingState, 'activity'>, accountId: string, symbol: string): SymbolActivity {
  const byAccount = state.activity[accountId];
  return (byAccount !== undefined && Object.hasOwn(byAccount, symbol) ? byAccount[symbol] : undefined) ?? NONE;
}

/** The cooldown starts at an approval. Call inside the transaction that approves. */
export function noteApproval(draft: TradingState, proposal: Proposal, at: string): void {
  const current = getSymbolActivity(draft, proposal.accountId, proposal.symbol);
  setActivity(draft, proposal, { ...current, lastApprovedAt: at });
}

/**
 * A filled buy adds an entry to the position; a filled sell closes it (partial exits are
 * rare enough to count as closing). Call inside the transaction that fills.
 */
export function noteFill(draft: TradingState, proposal: Proposal): void {
  const current = getSymbolActivity(draft, proposal.accountId, proposal.symbol);
  setActivity(draft, proposal, { ...current, entries: proposal.side === 'buy' ? current.entries + 1 : 0 });
}

/** The activity a list of proposals leaves behind, oldest first: for migrating old stores. */
export function calculateActivity(proposals: readonly Proposal[]): TradingState['activity'] {
  const draft: Pick<TradingState, 'activity'> = { activity: {} };
  const byTime = [...proposals].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const proposal of byTime) {
    if (proposal.decision?.decision === 'approved') {
      const current = getSymbolActivity(draft, proposal.accountId, proposal.symbol);
      if (current.lastApprovedAt === undefined || current.lastApprovedAt < proposal.decision.at) noteApproval(draft as TradingState, proposal, proposal.decision.at);
    }
    if (proposal.state === 'filled') noteFill(draft as TradingState, proposal);
  }
  return draft.activity;
}

function setActivity(draft: Pick<TradingState, 'activity'>, proposal: Proposal, activity: SymbolActivity): void {
  // Computed keys make own properties, so a symbol named "__proto__" stays data.
  draft.activity = { ...draft.activity, [proposal.accountId]: { ...draft.activity[proposal.accountId], [proposal.symbol]: activity } };
}
