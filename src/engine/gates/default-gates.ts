import { cooldownGate } from './cooldown-gate.js';
import type { Gate } from './gate.js';
import { killSwitchGate } from './kill-switch-gate.js';
import { marketOpenGate } from './market-open-gate.js';
import { maxDailyLossGate } from './max-daily-loss-gate.js';
import { maxOpenPositionsGate } from './max-open-positions-gate.js';
import { maxPositionSizeGate } from './max-position-size-gate.js';
import { minConfidenceGate } from './min-confidence-gate.js';
import { pausedGate } from './paused-gate.js';
import { priceSanityGate } from './price-sanity-gate.js';
import { staleDataGate } from './stale-data-gate.js';

/**
 * The order matters: the person's own switches first (the clearest answer to "why is
 * nothing happening?"), then whether the market and its data can be trusted at all, then
 * the proposal itself, then the account's risk limits, which need a sane price.
 */
export const DEFAULT_GATES: readonly Gate[] = Object.freeze([
  killSwitchGate,
  pausedGate,
  marketOpenGate,
  staleDataGate,
  priceSanityGate,
  minConfidenceGate,
  cooldownGate,
  maxOpenPositionsGate,
  maxPositionSizeGate,
  maxDailyLossGate,
]);
