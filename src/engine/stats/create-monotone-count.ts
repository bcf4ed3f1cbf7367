import type { DecisionRow } from '../settings/decision-row.js';

/**
 * Counts the decisions that pass at step k of a search over one setting's values, when
 * each decision's verdict moves one way along the steps (loosening lets more through,
 * never fewer). What a decision did at a step already tried decides it at every step
 * beyond in that direction, so each probe of a binary search re-runs the gates only on
 * the decisions still undecided between the tried steps: the whole search costs about
 * two passes over the window instead of one per probe.
 */
export function createMonotoneCount(rows: readonly DecisionRow[], passesAt: (k: number) => (row: DecisionRow) => boolean, growing: boolean): (k: number) => number {
  // Per decision, in "looseness" (k when loosening, −k when tightening): the tightest step it passed at, the loosest it failed at.
  const passedFrom = new Float64Array(rows.length).fill(Number.POSITIVE_INFINITY);
  const failedUpTo = new Float64Array(rows.length).fill(Number.NEGATIVE_INFINITY);
  const cache = new Map<number, number>();
  return (k) => {
    const cached = cache.get(k);
    if (cached !== undefined) return cached;
    const looseness = growing ? k : -k;
    let check: ((row: DecisionRow) => boolean) | undefined;
    let count = 0;
    for (let i = 0; i < rows.length; i++) {
      if ((passedFrom[i] as number) <= looseness) count += 1;
      else if ((failedUpTo[i] as number) < looseness) {
        check ??= passesAt(k);
        if (check(rows[i] as DecisionRow)) {
          count += 1;
          passedFrom[i] = looseness;
        } else {
          failedUpTo[i] = looseness;
        }
      }
    }
    cache.set(k, count);
    return count;
  };
}
