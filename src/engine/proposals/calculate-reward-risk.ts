import type { Decimal } from '../money/decimal.js';

/**
 * Reward per unit of risk: the distance to the target over the distance to the stop.
 * Undefined unless both sit on their correct sides of the entry (the stop_and_target gate
 * refuses the rest), so a ratio shown is always a meaningful positive number.
 */
export function calculateRewardRisk(entry: Decimal, stop: Decimal, target: Decimal): Decimal | undefined {
  const risk = entry.minus(stop).abs();
  const reward = target.minus(entry).abs();
  const sameSide = entry.minus(stop).isPositive() === target.minus(entry).isPositive();
  if (risk.isZero() || reward.isZero() || !sameSide) return undefined;
  return reward.div(risk);
}
