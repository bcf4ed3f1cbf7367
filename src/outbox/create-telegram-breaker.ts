import type { BreakerState } from '../resilience/create-venue-policy.js';

export interface TelegramBreakerOptions {
  /** Consecutive failed sends (5xx, timeouts, lost connections) that mean Telegram is down. */
  readonly threshold?: number;
  readonly clock?: () => Date;
}

/**
 * Whether Telegram answers the bot's sends, from what the outboxes see: open after
 * `threshold` failures in a row, closed at the next accepted send. It does not cut calls:
 * every chat keeps its own backoff, and nothing is lost while it is open. It gives /health
 * and the breaker alerts a Telegram entry, and wakes every waiting chat the moment Telegram
 * answers again, so a long backoff never delays the recovery.
 */
export function createTelegramBreaker(options: TelegramBreakerOptions = {}) {
  const threshold = options.threshold ?? 5;
  const clock = options.clock ?? (() => new Date());
  const listeners = new Set<(state: BreakerState) => void>();
  let state: BreakerState = 'closed';
  let failures = 0;
  let lastError: Error | undefined;
  let lastFailureAt: Date | undefined;
  const set = (next: BreakerState) => {
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener(next);
  };
  return {
    getBreakerState: () => state,
    get lastError() {
      return lastError;
    },
    get lastFailureAt() {
      return lastFailureAt;
    },
    onBreakerChange(listener: (state: BreakerState) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    failed(error: unknown): void {
      failures += 1;
      lastError = error instanceof Error ? error : new Error(String(error));
      lastFailureAt = clock();
      if (failures >= threshold) set('open');
    },
    succeeded(): void {
      failures = 0;
      set('closed');
    },
  };
}

export type TelegramBreaker = ReturnType<typeof createTelegramBreaker>;
