import type { AccountProfile } from '../accounts/account-profile.js';
import { Decimal } from '../money/decimal.js';
import type { ThresholdKey } from './threshold-settings.js';

/** Money at risk under a profile, at one equity. */
export interface WorstCase {
  /** The largest one position may grow to: the smaller of the % and the amount limit. */
  readonly largestPosition: Decimal;
  /** Which limit sets it: the share of equity, or the amount. */
  readonly cappedBy: 'maxPositionPct' | 'maxPositionNotional';
  /** Every allowed position at its largest (on margin this can exceed equity). */
  readonly allPositions: Decimal;
  /** How far equity may fall in a day before new risk is blocked. */
  readonly dailyLoss: Decimal;
}

/** The limits that bound losses: their preview shows the worst case in money. */
export const LOSS_KEYS: readonly ThresholdKey[] = ['maxDailyLossPct', 'maxPositionPct', 'maxPositionNotional', 'maxOpenPositions'];

export function calculateWorstCase(profile: Pick<AccountProfile, 'maxPositionPct' | 'maxPositionNotional' | 'maxOpenPositions' | 'maxDailyLossPct'>, equity: Decimal): WorstCase {
  const positive = Decimal.max(equity, 0);
  const byPct = positive.mul(profile.maxPositionPct).div(100);
  const largestPosition = Decimal.min(byPct, profile.maxPositionNotional);
  return {
    largestPosition,
    cappedBy: byPct.lte(profile.maxPositionNotional) ? 'maxPositionPct' : 'maxPositionNotional',
    allPositions: largestPosition.mul(profile.maxOpenPositions),
    dailyLoss: positive.mul(profile.maxDailyLossPct).div(100),
  };
}
