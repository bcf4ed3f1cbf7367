import type { BreakerState, BreakerStatus } from './create-venue-policy.js';

/**
 * What a dependency is to the trader, which decides how loud its breaker is: a broker's
 * open breaker means orders cannot be placed, checked or cancelled; a data source's only
 * delays scans and backfills; Telegram's only delays messages (they wait in the outbox);
 * Claude's only stops research, which is optional.
 */
export type DependencyKind = 'broker' | 'data' | 'telegram' | 'research';

/** A breaker that can also say when it changes state (a VenuePolicy does). */
export interface WatchableBreaker extends BreakerStatus {
  onBreakerChange?(listener: (state: BreakerState) => void): () => void;
}

export interface BreakerChange {
  readonly dependency: string;
  readonly kind: DependencyKind;
  readonly state: BreakerState;
  /** The failure that opened it, when known; the alert shows a scrubbed summary. */
  readonly lastError?: Error;
}

export interface DependencyStatus {
  readonly name: string;
  readonly kind: DependencyKind;
  readonly state: BreakerState;
  /** The error object, not its text: the chat formatter decides what of it to show. */
  readonly lastError?: Error;
  readonly lastFailureAt?: Date;
}

export interface DependencyHealth {
  /** One entry per dependency (venue, Telegram, Claude); a second one under a name is a wiring bug. */
  register(name: string, status: WatchableBreaker, kind: DependencyKind): void;
  /** Every registered dependency, in registration order. */
  snapshot(): DependencyStatus[];
  /**
   * Every state change of every breaker, registered now or later. Listeners run inside the
   * breaker's own call path, so they must not throw and must start slow work themselves.
   */
  onBreakerChange(listener: (change: BreakerChange) => void): () => void;
}

/** The registry /health reads, and where the composition root hears breakers change. */
export function createDependencyHealth(): DependencyHealth {
  const entries = new Map<string, { status: WatchableBreaker; kind: DependencyKind }>();
  const listeners = new Set<(change: BreakerChange) => void>();
  return {
    register(name, status, kind) {
      if (entries.has(name)) throw new Error(`dependency "${name}" is already registered`);
      entries.set(name, { status, kind });
      status.onBreakerChange?.((state) => {
        const { lastError } = status;
        for (const listener of listeners) listener({ dependency: name, kind, state, ...(lastError === undefined ? {} : { lastError }) });
      });
    },
    snapshot: () =>
      [...entries].map(([name, { status, kind }]) => {
        const { lastError, lastFailureAt } = status;
        return {
          name,
          kind,
          state: status.getBreakerState(),
          ...(lastError === undefined ? {} : { lastError }),
          ...(lastFailureAt === undefined ? {} : { lastFailureAt }),
        };
      }),
    onBreakerChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
