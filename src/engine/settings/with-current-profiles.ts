import type { AccountProfile } from '../accounts/account-profile.js';
import type { AccountRuntime } from '../execution/execution-deps.js';

/**
 * The account runtimes with `profile` read at each use: proposing, the tap-time re-check,
 * execution and the scan all see a threshold change at once, never a copy made at start.
 */
export function withCurrentProfiles(runtimes: ReadonlyMap<string, AccountRuntime>, current: (accountId: string) => AccountProfile | undefined): ReadonlyMap<string, AccountRuntime> {
  return new Map(
    [...runtimes].map(([id, runtime]) => [
      id,
      {
        broker: runtime.broker,
        market: runtime.market,
        get profile(): AccountProfile {
          return current(id) ?? runtime.profile;
        },
      },
    ]),
  );
}
