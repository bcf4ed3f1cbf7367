import type { AccountProfile } from '../accounts/account-profile.js';

/** How a value is written and read: the unit decides the parser and the formatter. */
export type SettingUnit = 'fraction' | 'percent' | 'money' | 'count' | 'minutes' | 'seconds';

/**
 * Which direction makes a setting safer. `none`: neither direction is clearly safer (a
 * fill timeout, the analytics band), so every change needs an owner.
 */
export type SaferDirection = 'higher' | 'lower' | 'none';

export interface SettingDefinition {
  readonly key: ThresholdKey;
  readonly unit: SettingUnit;
  /** The range a change from the chat may choose, inclusive. */
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly safer: SaferDirection;
  /**
   * Bounds how much money can be lost: the preview shows the worst case at today's equity,
   * and loosening it more than 2× needs the account's name typed as confirmation.
   */
  readonly lossBounding: boolean;
  /** One line for /thresholds and the README. */
  readonly meaning: string;
}

/** Every gate threshold and risk limit of an account that the chat may change. */
export const THRESHOLD_KEYS = [
  'minConfidence',
  'maxPositionPct',
  'maxPositionNotional',
  'maxOpenPositions',
  'maxDailyLossPct',
  'cooldownMinutes',
  'priceDriftTolerancePct',
  'limitPriceBandPct',
  'stopTargetBandPct',
  'maxDataAgeSeconds',
  'proposalTtlMinutes',
  'fillTimeoutSeconds',
  'approvalBandLowPct',
  'approvalBandHighPct',
] as const satisfies readonly (keyof AccountProfile)[];

export type ThresholdKey = (typeof THRESHOLD_KEYS)[number];
export type Thresholds = Readonly<Record<ThresholdKey, number>>;

const define = (key: ThresholdKey, unit: SettingUnit, min: number, max: number, safer: SaferDirection, meaning: string, lossBounding = false): SettingDefinition => ({
  key,
  unit,
  min,
  max,
  integer: unit === 'count',
  safer,
  lossBounding,
  meaning,
});

/** Ranges are what a person could mean; anything outside is a typo or a unit mix-up. */
export const THRESHOLD_SETTINGS: Readonly<Record<ThresholdKey, SettingDefinition>> = {
  minConfidence: define('minConfidence', 'fraction', 0, 1, 'higher', 'proposals below this confidence are blocked'),
  maxPositionPct: define('maxPositionPct', 'percent', 0.1, 100, 'lower', 'largest position per symbol, as a share of equity', true),
  maxPositionNotional: define('maxPositionNotional', 'money', 1, 1_000_000_000, 'lower', 'largest position per symbol, in quote currency', true),
  maxOpenPositions: define('maxOpenPositions', 'count', 1, 100, 'lower', 'a buy opening one more position is blocked beyond this', true),
  maxDailyLossPct: define('maxDailyLossPct', 'percent', 0.1, 100, 'lower', 'new risk is blocked once equity fell this much since the day started', true),
  cooldownMinutes: define('cooldownMinutes', 'minutes', 0, 10_080, 'higher', 'no new proposal for a symbol this soon after an approval or with an open order'),
  priceDriftTolerancePct: define('priceDriftTolerancePct', 'percent', 0, 50, 'lower', 'at the tap, an approval is refused if the price moved more than this'),
  limitPriceBandPct: define('limitPriceBandPct', 'percent', 0, 100, 'lower', 'a limit price further than this from the market is refused'),
  stopTargetBandPct: define('stopTargetBandPct', 'percent', 0, 100, 'lower', 'a stop or target further than this from the entry is refused'),
  maxDataAgeSeconds: define('maxDataAgeSeconds', 'seconds', 1, 86_400, 'lower', 'older prices are stale: nothing is proposed or approved on them'),
  proposalTtlMinutes: define('proposalTtlMinutes', 'minutes', 1, 1_440, 'lower', 'a pending proposal expires after this'),
  fillTimeoutSeconds: define('fillTimeoutSeconds', 'seconds', 1, 600, 'none', 'how long execution waits for a fill before the minute check takes over'),
  approvalBandLowPct: define('approvalBandLowPct', 'percent', 0, 100, 'none', 'lower edge of the target band for the pass and approval rates'),
  approvalBandHighPct: define('approvalBandHighPct', 'percent', 0, 100, 'none', 'upper edge of the target band for the pass and approval rates'),
};

export function isThresholdKey(value: string): value is ThresholdKey {
  return (THRESHOLD_KEYS as readonly string[]).includes(value);
}

/** The thresholds of a profile, as numbers keyed by setting. */
export function pickThresholds(profile: AccountProfile): Thresholds {
  return Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, profile[key]])) as Record<ThresholdKey, number>;
}
