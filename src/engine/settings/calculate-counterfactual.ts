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
 * what makes 100,000 decisions a matter of milliseconds.
 */
export function calculateCounterfactual(rows: readonly DecisionRow[], gates: readonly Gate[], profile: AccountProfile, key: ThresholdKey, value: number): Counterfactual {
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
    const judge = createJudge(row, gates, rerunFor(row.thresholds), keyGates);
    const before = judge(profile);
    const after = judge(changed);
    if (before === undefined) result.passedBefore += 1;
    if (after === undefined) result.passedAfter += 1;
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

/** The gates to run again for a decision recorded with `recorded`: most decisions share one set. */
function createRerunCache(profile: AccountProfile, key: ThresholdKey, names: readonly string[]) {
  const cache = new Map<Thresholds, Set<string>>();
  return (recorded: Thresholds): Set<string> => {
    let rerun = cache.get(recorded);
    if (rerun === undefined) {
      const keys = new Set<ThresholdKey>([key, ...THRESHOLD_KEYS.filter((k) => recorded[k] !== profile[k])]);
      rerun = gatesReading(keys, names);
      cache.set(recorded, rerun);
    }
    return rerun;
  };
}

/**
 * The first gate that blocks the decision under a profile, or undefined when all pass.
 * The input is parsed only when a gate must run, and a gate that does not read the
 * changed setting runs once for both profiles.
 */
function createJudge(row: DecisionRow, gates: readonly Gate[], rerun: ReadonlySet<string>, keyGates: ReadonlySet<string>) {
  let recorded: RecordedGateInput | undefined;
  let base: GateInput | undefined;
  const shared = new Map<string, boolean>();
  const blocks = (gate: Gate, account: AccountProfile): boolean => {
    if (!rerun.has(gate.name)) return (row.blocks as readonly string[]).includes(gate.name);
    const known = keyGates.has(gate.name) ? undefined : shared.get(gate.name);
    if (known !== undefined) return known;
    recorded ??= JSON.parse(row.inputs as string) as RecordedGateInput;
    base ??= hydrateGateInput(recorded, account);
    const blocked = checkFailClosed(gate, { ...base, account }).outcome === 'block';
    if (!keyGates.has(gate.name)) shared.set(gate.name, blocked);
    return blocked;
  };
  return (account: AccountProfile): string | undefined => gates.find((gate) => blocks(gate, account))?.name;
}
