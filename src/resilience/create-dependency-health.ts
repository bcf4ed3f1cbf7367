import type { BreakerState, BreakerStatus } from './create-venue-policy.js';

export interface DependencyStatus {
  readonly name: string;
  readonly state: BreakerState;
  /** The error object, not its text: the chat formatter decides what of it to show. */
  readonly lastError?: Error;
  readonly lastFailureAt?: Date;
}

export interface DependencyHealth {
  /** One entry per dependency (venue, Telegram, Claude); a second one under a name is a wiring bug. */
  register(name: string, status: BreakerStatus): void;
  /** Every registered dependency, in registration order. */
  snapshot(): DependencyStatus[];
}

/** The registry /health reads: each dependency's breaker and its last failure. */
export function createDependencyHealth(): DependencyHealth {
  const entries = new Map<string, BreakerStatus>();
  return {
    register(name, status) {
      if (entries.has(name)) throw new Error(`dependency "${name}" is already registered`);
      entries.set(name, status);
    },
    snapshot: () =>
      [...entries].map(([name, status]) => {
        const { lastError, lastFailureAt } = status;
        return {
          name,
          state: status.getBreakerState(),
          ...(lastError === undefined ? {} : { lastError }),
          ...(lastFailureAt === undefined ? {} : { lastFailureAt }),
        };
      }),
  };
}
