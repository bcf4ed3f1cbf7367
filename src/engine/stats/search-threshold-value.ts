import type { SettingUnit } from '../settings/threshold-settings.js';
import { THRESHOLD_SETTINGS, type ThresholdKey } from '../settings/threshold-settings.js';

/** The finest step a suggestion moves a setting by, per unit: what a person would type. */
const STEP: Readonly<Record<SettingUnit, { readonly step: number; readonly decimals: number }>> = {
  fraction: { step: 0.01, decimals: 2 },
  percent: { step: 0.1, decimals: 1 },
  money: { step: 1, decimals: 0 },
  count: { step: 1, decimals: 0 },
  minutes: { step: 1, decimals: 0 },
  seconds: { step: 1, decimals: 0 },
};

/** The values a setting can take from `from` towards `direction`, on its step grid and within its range. */
export function valueGrid(key: ThresholdKey, from: number, direction: 'up' | 'down'): { readonly size: number; value(k: number): number } {
  const setting = THRESHOLD_SETTINGS[key];
  const { step, decimals } = STEP[setting.unit];
  const bound = direction === 'up' ? setting.max : setting.min;
  const size = Math.max(0, Math.floor(Math.abs(bound - from) / step + 1e-9));
  const sign = direction === 'up' ? 1 : -1;
  return { size, value: (k) => Number((from + sign * k * step).toFixed(decimals)) };
}

/**
 * The smallest k in 1..size for which `reaches(k)` holds, when `reaches` is monotone
 * (false up to some k, true from there on); undefined when not even `size` reaches. A
 * binary search: each probe re-runs the gates over a window of decisions.
 */
export function smallestReaching(size: number, reaches: (k: number) => boolean): number | undefined {
  if (size < 1 || !reaches(size)) return undefined;
  let low = 1;
  let high = size;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (reaches(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}
