import type { ThresholdKey } from './threshold-settings.js';

/**
 * The account settings each gate reads. A counterfactual re-runs only the gates that read
 * a changed setting and keeps every other gate's recorded verdict: gates are pure, so a
 * gate that reads none of the changed settings answers as it did. A test checks this map
 * against what each gate really reads.
 */
export const GATE_SETTINGS: Readonly<Record<string, readonly ThresholdKey[]>> = {
  kill_switch: [],
  paused: [],
  market_open: [],
  stale_market_data: ['maxDataAgeSeconds'],
  price_sanity: ['limitPriceBandPct'],
  stop_and_target: ['stopTargetBandPct'],
  min_order_size: [],
  min_confidence: ['minConfidence'],
  position_available: [],
  cooldown: ['cooldownMinutes'],
  max_open_positions: ['maxOpenPositions'],
  max_position_size: ['maxPositionPct', 'maxPositionNotional'],
  max_daily_loss: ['maxDailyLossPct'],
};

/** The gates a change of these settings can change the verdict of; an unknown gate always counts. */
export function gatesReading(keys: ReadonlySet<ThresholdKey>, gateNames: readonly string[]): Set<string> {
  return new Set(gateNames.filter((name) => (GATE_SETTINGS[name] ?? [...keys]).some((key) => keys.has(key))));
}
