import type { Exchange } from 'ccxt';
import type { ConfiguredAccount } from './accounts-config.js';
import type { AccountProfile } from './engine/accounts/account-profile.js';
import type { PaperLedgerPort } from './engine/ports/paper-ledger.js';
import { createPaperBroker } from './engine/venues/paper/paper-broker.js';
import type { AccountRuntime } from './engine/execution/execution-deps.js';
import type { MarketData } from './engine/ports/market-data.js';
import type { Broker } from './engine/ports/broker.js';
import type { DependencyHealth } from './resilience/create-dependency-health.js';
import { IN_PROCESS_STATUS } from './resilience/in-process-status.js';
import { withBreaker } from './engine/venues/with-breaker.js';

export interface RuntimeDeps {
  /** Prices for paper accounts: the simulated market of local mode. */
  simulatedMarket: MarketData;
  paperLedger: PaperLedgerPort;
  clock: () => Date;
  /** Where each real venue's breaker is registered for /health. */
  health?: DependencyHealth;
}

export interface AccountRuntimes {
  readonly accounts: Map<string, AccountRuntime>;
  /** One ccxt instance per exchange id, shared with that venue's bar source. */
  readonly exchanges: Map<string, Exchange>;
}

/**
 * One broker and price source per configured account. Paper accounts trade against the
 * simulated market; Alpaca and ccxt accounts reach their venue (Alpaca paper or ccxt
 * sandbox unless the account says live). Each venue's SDK is loaded only when an account
 * uses it: ccxt adds most of a second and 80 MB to a start, the Alpaca SDK about 60 ms.
 */
export async function createAccountRuntimes(configured: readonly ConfiguredAccount[], deps: RuntimeDeps): Promise<AccountRuntimes> {
  const accounts = new Map<string, AccountRuntime>();
  const exchanges = new Map<string, Exchange>();
  for (const { profile, credentials } of configured) {
    if (profile.venue === 'paper') {
      accounts.set(profile.id, createPaperRuntime(profile, deps));
      deps.health?.register(`${profile.id} (paper, simulated)`, IN_PROCESS_STATUS, 'broker');
      continue;
    }
    const key = credentials?.key ?? '';
    const secret = credentials?.secret ?? '';
    if (profile.venue === 'alpaca') {
      const { createAlpacaBroker } = await import('./engine/venues/alpaca/alpaca-broker.js');
      const alpaca = await guarded(createAlpacaBroker({ keyId: key, secretKey: secret, live: profile.live }), profile, deps);
      accounts.set(profile.id, { profile, broker: alpaca, market: alpaca });
      continue;
    }
    const exchangeId = profile.venue.slice('ccxt:'.length);
    const { createCcxtExchange } = await import('./engine/venues/ccxt/ccxt-exchange.js');
    const { createCcxtBroker } = await import('./engine/venues/ccxt/ccxt-broker.js');
    const options = { exchangeId, apiKey: key, secret, sandbox: !profile.live, ...(credentials?.password === undefined ? {} : { password: credentials.password }) };
    const exchange = createCcxtExchange(options);
    if (!exchanges.has(exchangeId)) exchanges.set(exchangeId, exchange);
    const ccxt = await guarded(createCcxtBroker({ ...options, exchange, now: deps.clock }), profile, deps);
    accounts.set(profile.id, { profile, broker: ccxt, market: ccxt });
  }
  return { accounts, exchanges };
}

/**
 * Real venues sit behind a breaker without retries (orders are never resent blindly).
 * cockatiel loads with the first real venue: a paper-only start does without it.
 */
async function guarded(venue: Broker & MarketData, profile: AccountProfile, deps: RuntimeDeps): Promise<Broker & MarketData> {
  const { createVenuePolicy } = await import('./resilience/create-venue-policy.js');
  const policy = createVenuePolicy({ name: `${profile.id} (${profile.venue})`, maxRetries: 0, clock: deps.clock });
  deps.health?.register(policy.name, policy, 'broker');
  return withBreaker(venue, policy);
}

/** A paper account: the paper broker on the simulated market, its ledger in the store. */
export function createPaperRuntime(profile: AccountProfile, deps: RuntimeDeps): AccountRuntime {
  const broker = createPaperBroker({
    accountId: profile.id,
    market: deps.simulatedMarket,
    ledger: deps.paperLedger,
    clock: deps.clock,
    slippageBps: profile.paper.slippageBps,
    feeBps: profile.paper.feeBps,
    startingCash: profile.paper.startingCash,
  });
  return { profile, broker, market: deps.simulatedMarket };
}
