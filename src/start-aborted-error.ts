import { CountersignError } from './errors.js';

/**
 * Start-up was asked to stop (SIGTERM or SIGINT) before the app was ready. Whatever had
 * started was stopped and the data directory released; the process should exit 0, as
 * after any other requested stop.
 */
export class StartAbortedError extends CountersignError {
  readonly code = 'start_aborted';

  constructor(options?: { cause?: unknown }) {
    super('start-up was stopped by a signal before the bot was ready', options);
  }
}

/** Throws StartAbortedError once `signal` is aborted: the check between start-up steps. */
export function throwIfStopRequested(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new StartAbortedError({ cause: signal.reason });
}
