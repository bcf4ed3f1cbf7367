/**
 * Settings come from configuration: a nonsense value stops start-up with a message that
 * names it, instead of a strategy that silently never fires.
 */
export function checkPeriod(strategy: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${strategy} strategy: ${name} must be a whole number of bars ≥ 1, got ${value}`);
}

export function checkPositive(strategy: string, name: string, value: number): void {
  if (!(value > 0)) throw new RangeError(`${strategy} strategy: ${name} must be a number above 0, got ${value}`);
}

export function checkRange(strategy: string, name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) throw new RangeError(`${strategy} strategy: ${name} must be between ${min} and ${max}, got ${value}`);
}
