import type { WatchableBreaker } from './create-dependency-health.js';

/**
 * The paper broker and the simulated market run inside this process: no connection that
 * can fail, so no breaker. Registered with this status, /health still lists them with the
 * real venues, so a trader sees every venue and data source the bot uses.
 */
export const IN_PROCESS_STATUS: WatchableBreaker = {
  getBreakerState: () => 'closed',
  lastError: undefined,
  lastFailureAt: undefined,
};
