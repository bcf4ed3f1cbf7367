import type { ScanCandidate } from './to-propose-input.js';

/**
 * Keeps the strongest candidate per symbol and side (ties go to the more confident one,
 * then to the first seen): one scan proposes at most one buy and one sell per symbol, so
 * three strategies on three timeframes do not ask the person nine times.
 */
export function pickStrongest(best: Map<string, ScanCandidate>, candidate: ScanCandidate): void {
  const key = `${candidate.symbol}\u0000${candidate.signal.side}`;
  const current = best.get(key);
  if (current === undefined || isStronger(candidate, current)) best.set(key, candidate);
}

function isStronger(a: ScanCandidate, b: ScanCandidate): boolean {
  if (a.signal.strength !== b.signal.strength) return a.signal.strength > b.signal.strength;
  return a.signal.confidence > b.signal.confidence;
}
