import type { ConfiguredAccount } from './accounts-config.js';
import type { AccountProfile } from './engine/accounts/account-profile.js';
import { createAlpacaBroker } from './engine/clients/alpaca-broker.js';
import type { PaperLedgerPort } from './engine/clients/paper-ledger-port.js';
import { createPaperBroker } from './engine/clients/paper-broker.js';
import type { AccountRuntime } from './engine/execution/execution-deps.js';
import type { MarketData } from './engine/market/market-data.js';

export interface RuntimeDeps {
  /** Prices for paper accounts: the simulated market of local mode. */
  simulatedMarket: MarketData;
  paperLedger: PaperLedgerPort;
  clock: () => Date;
}

/**
 * One broker and price source per configured account. Paper accounts trade against the
 * simulated market; Alpaca and ccxt accounts reach their venue (Alpaca paper or ccxt
 * sandbox unless the account says live). ccxt is loaded only when an account uses it: it
 * adds most of a second to every start.
 */
export async function createAccountRuntimes(accounts: readonly ConfiguredAccount[], deps: RuntimeDeps): Promise<Map<string, AccountRuntime>> {
  const runtimes = new Map<string, AccountRuntime>();
  for (const { profile, credentials } of accounts) {
    if (profile.venue === 'paper') {
      runtimes.set(profile.id, createPaperRuntime(profile, deps));
      continue;
    }
    const key = credentials?.key ?? '';
    const secret = credentials?.secret ?? '';
    const venue =
      profile.venue === 'alpaca'
        ? createAlpacaBroker({ keyId: key, secretKey: secret, live: profile.live })
        : (await import('./engine/clients/ccxt-broker.js')).createCcxtBroker({
            exchangeId: profile.venue.slice('ccxt:'.length),
            apiKey: key,
            secret,
            ...(credentials?.password === undefined ? {} : { password: credentials.password }),
            sandbox: !profile.live,
            now: deps.clock,
          });
    runtimes.set(profile.id, { profile, broker: venue, market: venue });
  }
  return runtimes;
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
