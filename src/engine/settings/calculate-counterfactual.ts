import type { AccountProfile } from '../accounts/account-profile.js';
import type { Gate, GateInput } from '../gates/gate.js';
import { checkFailClosed } from '../gates/run-gates.js';
import type { DecisionRow } from './decision-row.js';
import { gatesReading } from './gate-settings.js';
import { hydrateGateInput, type RecordedGateInput } from './recorded-gate-input.js';
import { THRESHOLD_KEYS, type ThresholdKey, type Thresholds } from './threshold-settings.js';

/** What one setting at another value would have done to the recorded decisions. */
export interface Counterfactual {
  /** Decisions with recorded gate inputs: the ones tried. */
  readonly decisions: number;
  /** Decisions from before gate inputs were recorded: left out. */
  readonly withoutInputs: number;
  readonly passedBefore: number;
  readonly passedAfter: number;
  /** Blocked by a gate of this setting before and not after: they pass now, or another gate blocks them. */
  readonly unblocked: number;
  /** Of `unblocked`, how many another gate blocks instead, by gate. */
  readonly insteadBlockedBy: Readonly<Record<string, number>>;
  /** Blocked by a gate of this setting after and not before. */
  readonly newlyBlocked: number;
  /** Of `newlyBlocked`, how many had passed every gate. */
  readonly newlyBlockedWerePassing: number;
}

/**
 * Re-runs the pure gate checks on the inputs each decision recorded, once with the
 * account's current profile and once with `key` at `value`, and compares the first
 * blocking gate. Only the gates that read a setting differing from the recorded one are
 * run again; every other gate keeps its recorded verdict (see GATE_SETTINGS), which is
 * what keeps 100,000 decisions well under the 300 ms a preview may take.
 */
export function calculateCounterfactual(
  rows: readonly DecisionRow[],
  gates: readonly Gate[],
  profile: AccountProfile,
  key: ThresholdKey,
  value: number,
  /** Told of each decision tried, whether it passes every gate with the change: suggestions weigh which ones would pass. */
  visit?: (row: DecisionRow, passesAfter: boolean) => void,
): Counterfactual {
  const changed: AccountProfile = { ...profile, [key]: value };
  const names = gates.map((g) => g.name);
  const keyGates = gatesReading(new Set([key]), names);
  const rerunFor = createRerunCache(profile, key, names);
  const result = { decisions: 0, withoutInputs: 0, passedBefore: 0, passedAfter: 0, unblocked: 0, newlyBlocked: 0, newlyBlockedWerePassing: 0 };
  const instead: Record<string, number> = {};
  for (const row of rows) {
    if (row.blocks === undefined || row.inputs === undefined || row.thresholds === undefined) {
      result.withoutInputs += 1;
      continue;
    }
    result.decisions += 1;
    const rerun = rerunFor(row.thresholds);
    const before = firstBlock(row, gates, rerun.before, profile);
    const after = firstBlock(row, gates, rerun.after, changed);
    if (before === undefined) result.passedBefore += 1;
    if (after === undefined) result.passedAfter += 1;
    visit?.(row, after === undefined);
    const wasKey = before !== undefined && keyGates.has(before);
    const isKey = after !== undefined && keyGates.has(after);
    if (wasKey && !isKey) {
      result.unblocked += 1;
      if (after !== undefined) instead[after] = (instead[after] ?? 0) + 1;
    } else if (!wasKey && isKey) {
      result.newlyBlocked += 1;
      if (before === undefined) result.newlyBlockedWerePassing += 1;
    }
  }
  return { ...result, insteadBlockedBy: instead };
}

/**
 * Whether a decision would pass every gate with `key` at `value`: the "after" half of the
 * counterfactual alone, for a search that tries many values of one setting. Decisions
 * without recorded inputs never pass (they cannot be tried).
 */
export function createPassCheck(gates: readonly Gate[], profile: AccountProfile, key: ThresholdKey, value: number): (row: DecisionRow) => boolean {
  const changed: AccountProfile = { ...profile, [key]: value };
  const rerunFor = createRerunCache(profile, key, gates.map((g) => g.name));
  return (row) => {
    if (row.blocks === undefined || row.inputs === undefined || row.thresholds === undefined) return false;
    return firstBlock(row, gates, rerunFor(row.thresholds).after, changed) === undefined;
  };
}

interface Rerun {
  /** With the profile in force: the gates reading a setting that differs from the recorded one. */
  readonly before: ReadonlySet<string>;
  /** With the change: those, and the gates reading the changed setting. */
  readonly after: ReadonlySet<string>;
}

/** The gates to run again for a decision recorded with `recorded`: most decisions share one set. */
function createRerunCache(profile: AccountProfile, key: ThresholdKey, names: readonly string[]) {
  const cache = new Map<Thresholds, Rerun>();
  return (recorded: Thresholds): Rerun => {
    let rerun = cache.get(recorded);
    if (rerun === undefined) {
      const differing = THRESHOLD_KEYS.filter((k) => recorded[k] !== profile[k]);
      rerun = { before: gatesReading(new Set(differing), names), after: gatesReading(new Set([key, ...differing]), names) };
      cache.set(recorded, rerun);
    }
    return rerun;
  };
}

/**
 * The first gate that blocks the decision under `account`, or undefined when all pass:
 * the recorded verdict of each gate not in `rerun`, a fresh check of each gate in it. The
 * walk stops at the first block, so a decision an earlier gate blocked costs nothing.
 */
function firstBlock(row: DecisionRow, gates: readonly Gate[], rerun: ReadonlySet<string>, account: AccountProfile): string | undefined {
  const recorded = row.blocks as readonly string[];
  let input: GateInput | undefined;
  for (const gate of gates) {
    let blocked: boolean;
    if (rerun.has(gate.name)) {
      input ??= hydrateGateInput(row.inputs as RecordedGateInput, account);
      blocked = checkFailClosed(gate, input).outcome === 'block';
    } else {
      blocked = recorded.includes(gate.name);
    }
    if (blocked) return gate.name;
  }
  return undefined;
}
