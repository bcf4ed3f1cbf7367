import type { CalibrationTable } from '../calibration/calibration-table.js';
import { SIM_CALIBRATION } from '../calibration/sim-calibration.js';
import { calibrateStrategy } from './calibrate-strategy.js';
import { createChannelStrategy } from './channel-strategy.js';
import { createDcaStrategy } from './dca-strategy.js';
import type { ScoredStrategy, Strategy } from './strategy.js';
import { createSwingStrategy } from './swing-strategy.js';

export type StrategyName = 'dca' | 'swing' | 'channel';

/** Every strategy with its documented defaults, before calibration: what a calibration replays. */
export const SCORED_STRATEGIES: Readonly<Record<StrategyName, ScoredStrategy>> = {
  dca: createDcaStrategy(),
  swing: createSwingStrategy(),
  channel: createChannelStrategy(),
};

/** Every strategy, calibrated on the simulated market, by the name settings and proposals use. */
export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  dca: calibrateStrategy(SCORED_STRATEGIES.dca, SIM_CALIBRATION),
  swing: calibrateStrategy(SCORED_STRATEGIES.swing, SIM_CALIBRATION),
  channel: calibrateStrategy(SCORED_STRATEGIES.channel, SIM_CALIBRATION),
};

/** A configured strategy name the registry does not know: a start-up error, not a silent skip. */
export class UnknownStrategyError extends Error {
  override readonly name = 'UnknownStrategyError';

  constructor(
    readonly strategy: string,
    readonly known: readonly string[],
  ) {
    super(`unknown strategy "${strategy}" (known: ${known.join(', ')})`);
  }
}

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(STRATEGIES, name);
}

/**
 * The named strategies, in the order given, each once, calibrated by `calibration`
 * (the user's own table when they computed one, else the simulated market's).
 */
export function getEnabledStrategies(names: readonly string[], calibration: CalibrationTable = SIM_CALIBRATION): Strategy[] {
  const enabled: Strategy[] = [];
  const seen = new Set<StrategyName>();
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (!isStrategyName(name)) throw new UnknownStrategyError(raw, Object.keys(STRATEGIES));
    if (seen.has(name)) continue;
    seen.add(name);
    enabled.push(calibration === SIM_CALIBRATION ? STRATEGIES[name] : calibrateStrategy(SCORED_STRATEGIES[name], calibration));
  }
  return enabled;
}
