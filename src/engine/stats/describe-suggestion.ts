import { formatSettingValue } from '../settings/describe-setting.js';
import { THRESHOLD_SETTINGS } from '../settings/threshold-settings.js';
import { formatPercent } from '../text/format-number.js';
import type { Suggestion } from './suggest-thresholds.js';

const pct = (share: number) => formatPercent(share, 0);
const RATE_NAME = { pass_rate: 'gate pass rate', approval_rate: 'approval rate' } as const;

/** "paper: gate pass rate 21% over 30 d (120 decisions), below the 30–50% band". */
export function describeExcursion(s: Suggestion): string {
  const n = s.samples.toLocaleString('en-US');
  const of = s.metric === 'pass_rate' ? `${n} decisions` : `${n} decided`;
  const side = s.rateNow < s.band.low ? 'below' : 'above';
  // Thresholds changed since (a suggestion applied, say): the rate they would have given is what the band is judged on.
  const now = pct(s.rateNow) === pct(s.rate) ? '' : `; ${pct(s.rateNow)} with the thresholds in force now`;
  return `${s.accountId}: ${RATE_NAME[s.metric]} ${pct(s.rate)} over ${s.window.label} (${of})${now}, ${side} the ${formatPercent(s.band.low, 0).replace('%', '')}–${pct(s.band.high)} band`;
}

/**
 * "minConfidence 0.6 → 0.52 would have let 38% pass over 30 d (was 21%)", or why no value
 * is suggested.
 */
export function describeChange(s: Suggestion): string {
  const c = s.change;
  if (c === undefined) return `No change to suggest: ${s.why ?? 'none found'}.`;
  const setting = THRESHOLD_SETTINGS[c.key];
  const move = `${c.key} ${formatSettingValue(setting, c.from)} → ${formatSettingValue(setting, c.to)}`;
  if (s.metric === 'pass_rate') return `${move} would have let ${pct(c.expectedRate)} pass over ${s.window.label} (was ${pct(s.rateNow)}).`;
  return `${move} would have left ${c.expectedOf} of the ${s.samples} decided proposals, ${pct(c.expectedRate)} of them approved, over ${s.window.label} (was ${pct(s.rateNow)}).`;
}
