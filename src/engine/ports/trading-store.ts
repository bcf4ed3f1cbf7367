import type { TradingControls } from '../gates/gate.js';
import type { OrderRecord } from '../orders/order-record.js';
import type { Proposal } from '../proposals/proposal.js';

/** Where a proposal's message sits in a chat, so every copy can be edited. */
export interface MessageRef {
  readonly chatId: number;
  readonly messageId: number;
}

/** The trading state the engine keeps: small, and all of it must survive a restart. */
export interface TradingState {
  proposals: Record<string, Proposal>;
  /** By client order id. */
  orders: Record<string, OrderRecord>;
  controls: TradingControls;
  /** By proposal id. */
  messages: Record<string, MessageRef[]>;
}

/**
 * The engine's one storage port. `transact` runs `change` on a draft and commits it as a
 * whole, durably, before resolving; if `change` throws, nothing changes. Because `change`
 * is synchronous, a check and the write that depends on it can never interleave with
 * another transaction — that is what makes a double tap decide once.
 */
export interface TradingStore {
  read(): Readonly<TradingState>;
  transact<T>(change: (draft: TradingState) => T): Promise<T>;
}
