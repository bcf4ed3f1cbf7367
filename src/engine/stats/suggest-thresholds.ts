import type { AccountProfile } from '../accounts/account-profile.js';
import type { Gate } from '../gates/gate.js';
import type { ProposalSummary } from '../ports/history-reader.js';
import { calculateCounterfactual, createPassCheck } from '../settings/calculate-counterfactual.js';
import { createMonotoneCount } from './create-monotone-count.js';
import type { DecisionRow } from '../settings/decision-row.js';
import { GATE_SETTINGS, gatesReading } from '../settings/gate-settings.js';
import { THRESHOLD_KEYS, THRESHOLD_SETTINGS, type ThresholdKey, type Thresholds } from '../settings/threshold-settings.js';
import { RATE_WINDOWS, type RateWindow } from './calculate-rate-table.js';
import { createSameAsNow, splitBySetting } from './split-by-setting.js';
import { smallestReaching, valueGrid } from './search-threshold-value.js';

/** Fewer samples than this in a window say nothing about a rate. */
export const MIN_SAMPLES = 20;
/** A suggestion for the approval rate must leave at least this many decided proposals to judge by. */
const MIN_REMAINING = 10;
const DAY_MS = 86_400_000;

export type RateMetric = 'pass_rate' | 'approval_rate';

export interface SuggestedChange {
  readonly key: ThresholdKey;
  readonly from: number;
  readonly to: number;
  /** The rate the window would have had with `to`, 0–1. */
  readonly expectedRate: number;
  /** The samples that rate is of. */
  readonly expectedOf: number;
}

/** A rate out of the account's band over a window with enough samples, and what would bring it back. */
export interface Suggestion {
  readonly accountId: string;
  readonly metric: RateMetric;
  readonly window: RateWindow;
  /** Decisions evaluated (pass rate) or proposals decided (approval rate) in the window. */
  readonly samples: number;
  /** As recorded: under the thresholds in force at each decision. */
  readonly rate: number;
  /** What the window's rate would have been under the thresholds in force now; equal to `rate` when none changed since. */
  readonly rateNow: number;
  readonly band: { readonly low: number; readonly high: number };
  /** Undefined when no single change the log can judge brings the rate into the band; `why` says so. */
  readonly change?: SuggestedChange;
  readonly why?: string;
}

export interface SuggestInput {
  /** Decisions of the last 30 days, oldest first. */
  readonly rows: readonly DecisionRow[];
  /** Proposals created in the last 30 days. */
  readonly proposals: readonly ProposalSummary[];
  readonly profiles: readonly AccountProfile[];
  readonly gates: readonly Gate[];
  readonly now: Date;
}

/**
 * Per account and rate, the longest window (30 d, 7 d, 1 d) with at least MIN_SAMPLES
 * where the rate is outside the account's band, with the change that would have brought
 * it in: the gates re-run on the recorded inputs (the preview's counterfactual) for
 * candidate values, nearest to the value in force first.
 */
export function suggestThresholds(input: SuggestInput): Suggestion[] {
  const decided = decidedOutcomes(input.proposals);
  const suggestions: Suggestion[] = [];
  for (const profile of input.profiles) {
    const band = { low: profile.approvalBandLowPct / 100, high: profile.approvalBandHighPct / 100 };
    const own = input.rows.filter((r) => r.accountId === profile.id);
    for (const window of [...RATE_WINDOWS].reverse()) {
      const rows = own.filter((r) => r.at >= input.now.getTime() - window.days * DAY_MS);
      const proposed = rows.filter((r) => r.outcome === 'proposed').length;
      const rate = proposed / rows.length;
      if (rows.length < MIN_SAMPLES || isInBand(rate, band)) continue;
      const rateNow = passRateNow(rows, input.gates, profile, rate);
      if (isInBand(rateNow, band)) continue;
      const base = { accountId: profile.id, metric: 'pass_rate' as const, window, samples: rows.length, rate, rateNow, band };
      suggestions.push({ ...base, ...passRateChange(rows, input.gates, profile, rateNow, band) });
      break;
    }
    for (const window of [...RATE_WINDOWS].reverse()) {
      const start = input.now.getTime() - window.days * DAY_MS;
      const rows = own.filter((r) => r.at >= start && decided.has(r.id));
      const approved = rows.filter((r) => decided.get(r.id) === 'approved').length;
      const rate = approved / rows.length;
      if (rows.length < MIN_SAMPLES || isInBand(rate, band)) continue;
      const rateNow = approvalRateNow(rows, decided, input.gates, profile, rate);
      if (isInBand(rateNow, band)) continue;
      const base = { accountId: profile.id, metric: 'approval_rate' as const, window, samples: rows.length, rate, rateNow, band };
      suggestions.push({ ...base, ...approvalRateChange(rows, decided, input.gates, profile, rateNow, band) });
      break;
    }
  }
  return suggestions;
}

type Band = Suggestion['band'];

/**
 * The pass rate the window would have had with the thresholds in force now: once a change
 * (a suggestion applied, say) brings it into the band, the recorded rate is history, not
 * an excursion.
 */
function passRateNow(rows: readonly DecisionRow[], gates: readonly Gate[], profile: AccountProfile, recorded: number): number {
  const sameAsNow = createSameAsNow(profile);
  const judged = rows.filter((r) => r.blocks !== undefined && r.inputs !== undefined && r.thresholds !== undefined);
  const rerun = judged.filter((r) => !sameAsNow(r.thresholds as Thresholds));
  if (judged.length === 0) return recorded;
  // Recorded under the thresholds in force: the recorded outcome stands; the others are re-run.
  const unchangedPasses = judged.filter((r) => sameAsNow(r.thresholds as Thresholds) && r.outcome === 'proposed').length;
  const rerunPasses = rerun.length === 0 ? 0 : calculateCounterfactual(rerun, gates, profile, 'minConfidence', profile.minConfidence).passedBefore;
  return (unchangedPasses + rerunPasses) / judged.length;
}

/** Likewise the approval rate of the decided proposals that the thresholds in force would still let through. */
function approvalRateNow(rows: readonly DecisionRow[], decided: ReadonlyMap<string, string>, gates: readonly Gate[], profile: AccountProfile, recorded: number): number {
  const { kept, approved } = approvalsKept(rows, decided, gates, profile, profile.minConfidence);
  return kept === 0 ? recorded : approved / kept;
}

function approvalsKept(rows: readonly DecisionRow[], decided: ReadonlyMap<string, string>, gates: readonly Gate[], profile: AccountProfile, minConfidence: number) {
  let kept = 0;
  let approved = 0;
  calculateCounterfactual(rows, gates, profile, 'minConfidence', minConfidence, (row, passes) => {
    if (!passes) return;
    kept += 1;
    if (decided.get(row.id) === 'approved') approved += 1;
  });
  return { kept, approved };
}
type Found = Pick<Suggestion, 'change' | 'why'>;

export const isInBand = (rate: number, band: Band): boolean => rate >= band.low - 1e-9 && rate <= band.high + 1e-9;

/** Proposals a person decided or let expire, by id: the ones the approval rate counts. */
function decidedOutcomes(proposals: readonly ProposalSummary[]): Map<string, 'approved' | 'rejected' | 'expired'> {
  const outcomes = new Map<string, 'approved' | 'rejected' | 'expired'>();
  for (const p of proposals) {
    const outcome = p.decision?.decision ?? (p.state === 'expired' ? 'expired' : undefined);
    if (outcome !== undefined) outcomes.set(p.id, outcome);
  }
  return outcomes;
}

/**
 * Too few pass: loosen the setting whose gates block the most decisions (loss limits
 * last). Too many: tighten, the confidence floor first. The pass count moves one way
 * with each setting, so a binary search finds the nearest value reaching the band's
 * middle, or failing that (a jump over the band) its near edge.
 */
function passRateChange(rows: readonly DecisionRow[], gates: readonly Gate[], profile: AccountProfile, rate: number, band: Band): Found {
  const tooLow = rate < band.low;
  const names = gates.map((g) => g.name);
  const keys = tooLow ? loosenOrder(rows, names) : tightenOrder(names).map((key) => ({ key, blocked: 0 }));
  const middle = (band.low + band.high) / 2;
  const passing = rows.filter((r) => r.outcome === 'proposed').length;
  const asNow = tooLow && isRecordedAsNow(rows, profile);
  for (const { key, blocked } of keys) {
    // Loosening one setting lets through at most what only its gates blocked, when every decision was recorded as now.
    if (asNow && (passing + blocked) / rows.length < band.low) continue;
    const { judged, varying } = splitBySetting(rows, key, profile, names);
    if (judged === 0 || (tooLow && varying.length / judged < band.low)) continue;
    const direction = (THRESHOLD_SETTINGS[key].safer === 'higher') === tooLow ? 'down' : 'up';
    const grid = valueGrid(key, profile[key], direction);
    const count = createMonotoneCount(varying, (k) => createPassCheck(gates, profile, key, grid.value(k)), tooLow);
    const rateAt = (k: number) => count(k) / judged;
    for (const target of [middle, tooLow ? band.low : band.high]) {
      const k = smallestReaching(grid.size, (i) => (tooLow ? rateAt(i) >= target - 1e-9 : rateAt(i) <= target + 1e-9));
      if (k !== undefined && isInBand(rateAt(k), band)) return { change: { key, from: profile[key], to: grid.value(k), expectedRate: rateAt(k), expectedOf: judged } };
    }
  }
  if (!tooLow) return { why: 'no single setting tightened within its range blocks enough of these decisions' };
  const [most] = keys;
  const freed = most === undefined ? '' : `: the most any one setting alone blocked is ${most.blocked.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} (${most.key}), as several gates block these decisions at once`;
  return { why: `no single setting loosened within its range lets enough of these decisions pass${freed}` };
}

/**
 * Too few approved: raise the confidence floor until the proposals that would still
 * pass were approved often enough, keeping MIN_REMAINING of them. Too many approved: no
 * value can be judged, since the decisions the gates blocked were never put to anyone.
 */
function approvalRateChange(rows: readonly DecisionRow[], decided: ReadonlyMap<string, string>, gates: readonly Gate[], profile: AccountProfile, rate: number, band: Band): Found {
  if (rate > band.high) return { why: 'you approve more than the band: the decisions the gates blocked were never put to you, so no looser value can be judged from the log' };
  const grid = valueGrid('minConfidence', profile.minConfidence, 'up');
  for (let k = 1; k <= grid.size; k++) {
    const { kept, approved } = approvalsKept(rows, decided, gates, profile, grid.value(k));
    if (kept < MIN_REMAINING) break;
    if (isInBand(approved / kept, band)) return { change: { key: 'minConfidence', from: profile.minConfidence, to: grid.value(k), expectedRate: approved / kept, expectedOf: kept } };
  }
  return { why: `no confidence floor leaves ${MIN_REMAINING} or more proposals with an approval rate in the band` };
}

/**
 * Settings that gates read, with how many decisions only their gates blocked (what
 * loosening them alone could let through), most first, loss-bounding ones last, the
 * ones that blocked nothing left out. One pass: most decisions share a few block lists.
 */
function loosenOrder(rows: readonly DecisionRow[], gateNames: readonly string[]): { key: ThresholdKey; blocked: number }[] {
  const byList = new Map<string, number>();
  for (const row of rows) {
    if (row.blocks === undefined || row.blocks.length === 0) continue;
    const list = row.blocks.length === 1 ? (row.blocks[0] as string) : row.blocks.join(',');
    byList.set(list, (byList.get(list) ?? 0) + 1);
  }
  return readKeys(gateNames)
    .map((key) => {
      const own = gatesReading(new Set([key]), gateNames);
      let blocked = 0;
      for (const [list, count] of byList) if (list.split(',').every((gate) => own.has(gate))) blocked += count;
      return { key, blocked, loss: THRESHOLD_SETTINGS[key].lossBounding };
    })
    .filter((k) => k.blocked > 0)
    .sort((a, b) => Number(a.loss) - Number(b.loss) || b.blocked - a.blocked)
    .map(({ key, blocked }) => ({ key, blocked }));
}

/** Every decision recorded under the thresholds in force (on the settings gates read). */
function isRecordedAsNow(rows: readonly DecisionRow[], profile: AccountProfile): boolean {
  const sameAsNow = createSameAsNow(profile);
  return rows.every((r) => r.thresholds !== undefined && r.inputs !== undefined && sameAsNow(r.thresholds));
}

function tightenOrder(gateNames: readonly string[]): ThresholdKey[] {
  const keys = readKeys(gateNames);
  return [...keys.filter((k) => k === 'minConfidence'), ...keys.filter((k) => k !== 'minConfidence' && THRESHOLD_SETTINGS[k].safer !== 'none')];
}

/** The settings some gate of the pipeline reads, in the settings' own order. */
function readKeys(gateNames: readonly string[]): ThresholdKey[] {
  const read = new Set(gateNames.flatMap((name) => GATE_SETTINGS[name] ?? []));
  return THRESHOLD_KEYS.filter((key) => read.has(key));
}
