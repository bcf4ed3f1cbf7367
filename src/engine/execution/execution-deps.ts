import type { AccountProfile } from '../accounts/account-profile.js';
import type { Broker } from '../ports/broker.js';
import type { EventSink } from '../events.js';
import type { MarketData } from '../ports/market-data.js';
import type { HistoryReader } from '../ports/history-reader.js';
import type { TradingStore } from '../ports/trading-store.js';
import type { OrderLocks } from './order-locks.js';

/** One configured account with the adapters that serve it. */
export interface AccountRuntime {
  readonly profile: AccountProfile;
  readonly broker: Broker;
  readonly market: MarketData;
}

/** What execution, approvals and reconciliation need; all injected, clock included. */
export interface ExecutionDeps {
  readonly store: TradingStore;
  /** Where settled proposals and orders are read after they leave the live state. */
  readonly history: HistoryReader;
  readonly accounts: ReadonlyMap<string, AccountRuntime>;
  readonly events: EventSink;
  readonly clock: () => Date;
  /** Injected so tests run retries and fill polling without real waiting. */
  readonly sleep: (ms: number) => Promise<void>;
  /** One worker per order; the engine always provides it (see order-locks.ts). */
  readonly locks?: OrderLocks;
}
