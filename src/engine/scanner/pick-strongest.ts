import type { ScanCandidate } from './to-propose-input.js';

/**
 * Keeps the strongest candidate per symbol and side (ties go to the more confident one,
 * then to the first seen): one scan proposes at most one buy and one sell per symbol, so
 * three strategies on three timeframes do not ask the person nine times. Says whether the
 * candidate was kept, replaced a weaker one, or was dropped: either way one signal is
 * set aside, and the scan counts it.
 */
export function pickStrongest(best: Map<string, ScanCandidate>, candidate: ScanCandidate): 'kept' | 'replaced' | 'dropped' {
  const key = `${candidate.symbol}\u0000${candidate.signal.side}`;
  const current = best.get(key);
  if (current !== undefined && !isStronger(candidate, current)) return 'dropped';
  best.set(key, candidate);
  return current === undefined ? 'kept' : 'replaced';
}

function isStronger(a: ScanCandidate, b: ScanCandidate): boolean {
  if (a.signal.strength !== b.signal.strength) return a.signal.strength > b.signal.strength;
  return a.signal.confidence > b.signal.confidence;
}
