/**
 * Typed failures. Programs decide on the class and its fields, never on message text
 * (DESIGN principle 2). Only a `UserFacingError`'s message is ever shown in the chat.
 */
export abstract class CountersignError extends Error {
  /** Stable machine-readable code, e.g. for logs and metrics. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A problem the person in the chat caused and can fix; its message is safe to show. */
export class UserFacingError extends CountersignError {
  readonly code = 'user_facing';
}

/** The environment is invalid: one line per problem, each naming the variable and the fix. */
export class ConfigError extends CountersignError {
  readonly code = 'config_invalid';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/*
 * Transient failures of an outside dependency (a venue, Telegram, Claude): the only ones
 * retries and circuit breakers act on.
 */

/**
 * The request was not processed (429, or refused before reaching the venue): safe to
 * retry after `retryAfterMs`.
 */
export class VenueRateLimitedError extends CountersignError {
  readonly code = 'venue_rate_limited';
  constructor(
    readonly venue: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`${venue} rate limit: retry after ${retryAfterMs} ms`, options);
  }
}

/**
 * Timeout, connection failure or 5xx: the outcome is unknown. For an order POST this
 * means "maybe accepted": look it up by client order id before anything else.
 */
export class VenueUnavailableError extends CountersignError {
  readonly code = 'venue_unavailable';
  constructor(
    readonly venue: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${venue} unavailable: ${detail}`, options);
  }
}
