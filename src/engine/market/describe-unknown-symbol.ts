import { describeUnknownSymbols } from '../backfill/check-symbols.js';
import type { AccountRuntime } from '../execution/execution-deps.js';

/**
 * What /propose and /watch add answer for a symbol an account's venue has no price for:
 * the symbols it knows when it can list them (as /backfill does), else how to write one.
 */
export function describeUnknownSymbol(runtime: Pick<AccountRuntime, 'profile' | 'market'>, symbol: string): string {
  const known = runtime.market.knownSymbols?.();
  return describeUnknownSymbols(runtime.profile.venue, { unknown: [symbol], ...(known === undefined ? {} : { known }) });
}
