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
