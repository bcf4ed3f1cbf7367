import { cooldownGate } from './cooldown-gate.js';
import type { Gate } from './gate.js';
import { killSwitchGate } from './kill-switch-gate.js';
import { marketOpenGate } from './market-open-gate.js';
import { maxDailyLossGate } from './max-daily-loss-gate.js';
import { maxOpenPositionsGate } from './max-open-positions-gate.js';
import { maxPositionSizeGate } from './max-position-size-gate.js';
import { minConfidenceGate } from './min-confidence-gate.js';
import { minOrderSizeGate } from './min-order-size-gate.js';
import { pausedGate } from './paused-gate.js';
import { positionAvailableGate } from './position-available-gate.js';
import { priceSanityGate } from './price-sanity-gate.js';
import { staleDataGate } from './stale-data-gate.js';
import { stopAndTargetGate } from './stop-and-target-gate.js';

/**
 * The order matters: the person's own switches first (the clearest answer to "why is
 * nothing happening?"), then whether the market and its data can be trusted at all, then
 * the proposal itself (its prices, its size at the venue, its confidence), then what the
 * account holds (a sell the position cannot cover is told as such, before the risk gates
 * could misread it as a new short), then the account's risk limits, which need a sane
 * price and a real position.
 */
export const DEFAULT_GATES: readonly Gate[] = Object.freeze([
  killSwitchGate,
  pausedGate,
  marketOpenGate,
  staleDataGate,
  priceSanityGate,
  stopAndTargetGate,
  minOrderSizeGate,
  minConfidenceGate,
  positionAvailableGate,
  cooldownGate,
  maxOpenPositionsGate,
  maxPositionSizeGate,
  maxDailyLossGate,
]);
