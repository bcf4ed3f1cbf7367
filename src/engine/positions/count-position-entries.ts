import type { Proposal } from '../proposals/proposal.js';

/**
 * How many filled buys built the current position in a symbol: buys since the last filled
 * sell (a sell here closes the position; partial exits are rare enough to count as one).
 */
export function countPositionEntries(proposals: readonly Proposal[], accountId: string, symbol: string): number {
  const fills = proposals
    .filter((p) => p.accountId === accountId && p.symbol === symbol && p.state === 'filled')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let entries = 0;
  for (const fill of fills) entries = fill.side === 'buy' ? entries + 1 : 0;
  return entries;
}
