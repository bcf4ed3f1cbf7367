import type { ScanCandidate } from './to-propose-input.js';

/**
 * Keeps the best candidate per symbol and side: the most confident one, then the
 * strongest, then the first seen. One scan proposes at most one buy and one sell per
 * symbol, so three strategies on three timeframes do not ask the person nine times.
 * Confidence comes first because it is calibrated (how often such signals were right):
 * a strong 15m signal that is a coin flip must not crowd out a daily one that clears the
 * account's minimum. Says whether the candidate was kept, replaced a weaker one, or was
 * dropped: either way one signal is set aside, and the scan counts it.
 */
export function pickStrongest(best: Map<string, ScanCandidate>, candidate: ScanCandidate): 'kept' | 'replaced' | 'dropped' {
  const key = `${candidate.symbol}\u0000${candidate.signal.side}`;
  const current = best.get(key);
  if (current !== undefined && !isBetter(candidate, current)) return 'dropped';
  best.set(key, candidate);
  return current === undefined ? 'kept' : 'replaced';
}

function isBetter(a: ScanCandidate, b: ScanCandidate): boolean {
  if (a.signal.confidence !== b.signal.confidence) return a.signal.confidence > b.signal.confidence;
  return a.signal.strength > b.signal.strength;
}
