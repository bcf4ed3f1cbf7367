import type { TradingControls } from '../gates/gate.js';
import type { OrderRecord } from '../orders/order-record.js';
import type { Proposal } from '../proposals/proposal.js';

/** What the gates need to remember per account and symbol, however old the bot gets. */
export interface SymbolActivity {
  /** The last approval of a proposal for this symbol (the cooldown starts there). */
  readonly lastApprovedAt?: string;
  /** Filled buys since the last filled sell: how many entries built the position (DCA). */
  readonly entries: number;
}

/** Who flipped a trading switch, by name as well as id (messages show the name), and when. */
export interface ControlChange {
  readonly id: number;
  readonly name: string;
  readonly at: string;
}

/** The switches, with who set each and when: /status tells them. */
export interface TradingControlState extends TradingControls {
  readonly pausedBy?: ControlChange;
  readonly haltedBy?: ControlChange;
  /** The last /resume, once the switches are off again. */
  readonly resumedBy?: ControlChange;
}

/**
 * The live trading state: small whatever the bot's age. A proposal and its orders move
 * to the history (see HistoryReader) once they are settled; until then they are here.
 */
export interface TradingState {
  /** Pending proposals, and approved ones whose order is not final yet. */
  proposals: Record<string, Proposal>;
  /** Orders that are not final, by client order id. */
  orders: Record<string, OrderRecord>;
  controls: TradingControlState;
  /** By account id, then symbol. */
  activity: Record<string, Record<string, SymbolActivity>>;
}

/**
 * The engine's transactional storage port. `transact` runs `change` on a draft and commits
 * it as a whole, durably, before resolving; if `change` throws, nothing changes. Because
 * `change` is synchronous, a check and the write that depends on it can never interleave
 * with another transaction — that is what makes a double tap decide once. A transaction
 * that changes nothing writes nothing.
 */
export interface TradingStore {
  read(): Readonly<TradingState>;
  transact<T>(change: (draft: TradingState) => T): Promise<T>;
}
