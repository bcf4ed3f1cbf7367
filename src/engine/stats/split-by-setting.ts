import type { AccountProfile } from '../accounts/account-profile.js';
import type { DecisionRow } from '../settings/decision-row.js';
import { GATE_SETTINGS, gatesReading } from '../settings/gate-settings.js';
import { THRESHOLD_KEYS, type ThresholdKey, type Thresholds } from '../settings/threshold-settings.js';

export interface SettingScope {
  /** Decisions with recorded gate inputs: the denominator of every rate tried. */
  readonly judged: number;
  /** The decisions whose outcome a value of the setting can change; the rest stay blocked whatever it is. */
  readonly varying: readonly DecisionRow[];
}

/**
 * Splits a window's decisions before a search over one setting's values. A decision that
 * a gate not reading the setting blocked, recorded under the thresholds in force now, is
 * blocked at every value (the counterfactual keeps that gate's recorded verdict), so the
 * search re-runs only the others: what keeps /stats with suggestions within 300 ms over
 * 100,000 decisions. Decisions recorded under other thresholds are kept, to be re-run.
 */
export function splitBySetting(rows: readonly DecisionRow[], key: ThresholdKey, profile: AccountProfile, gateNames: readonly string[]): SettingScope {
  const own = gatesReading(new Set([key]), gateNames);
  const sameAsNow = createSameAsNow(profile, key);
  let judged = 0;
  const varying: DecisionRow[] = [];
  for (const row of rows) {
    if (row.blocks === undefined || row.inputs === undefined || row.thresholds === undefined) continue;
    judged += 1;
    if (!sameAsNow(row.thresholds) || row.blocks.every((gate) => own.has(gate))) varying.push(row);
  }
  return { judged, varying };
}

/** The settings some gate reads: a difference in any other (the analytics band, say) changes no verdict. */
const GATE_READ_KEYS = THRESHOLD_KEYS.filter((key) => Object.values(GATE_SETTINGS).some((keys) => keys.includes(key)));

/** Whether recorded thresholds equal the profile's on every setting a gate reads but `except`; most rows share a few objects. */
export function createSameAsNow(profile: AccountProfile, except?: ThresholdKey): (recorded: Thresholds) => boolean {
  const cache = new Map<Thresholds, boolean>();
  return (recorded) => {
    let same = cache.get(recorded);
    if (same === undefined) cache.set(recorded, (same = GATE_READ_KEYS.every((k) => k === except || recorded[k] === profile[k])));
    return same;
  };
}
