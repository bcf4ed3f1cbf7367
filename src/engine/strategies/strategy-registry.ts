import { createChannelStrategy } from './channel-strategy.js';
import { createDcaStrategy } from './dca-strategy.js';
import type { Strategy } from './strategy.js';
import { createSwingStrategy } from './swing-strategy.js';

export type StrategyName = 'dca' | 'swing' | 'channel';

/** Every strategy with its documented defaults, by the name settings and proposals use. */
export const STRATEGIES: Readonly<Record<StrategyName, Strategy>> = {
  dca: createDcaStrategy(),
  swing: createSwingStrategy(),
  channel: createChannelStrategy(),
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

/** The named strategies, in the order given, each once. */
export function getEnabledStrategies(names: readonly string[]): Strategy[] {
  const enabled: Strategy[] = [];
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    if (!isStrategyName(name)) throw new UnknownStrategyError(raw, Object.keys(STRATEGIES));
    if (!enabled.includes(STRATEGIES[name])) enabled.push(STRATEGIES[name]);
  }
  return enabled;
}
