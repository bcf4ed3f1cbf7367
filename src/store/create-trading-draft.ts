import type { TradingState } from '../engine/ports/trading-store.js';
import { deepFreeze } from './deep-freeze.js';

/**
 * A draft of the trading state for one transaction that copies a proposal or an order
 * only when the change first reads it (copy on read). A transaction that touches one
 * proposal costs one copy, not a copy of every pending proposal: with a thousand pending
 * (a burst of outside signals) a full structuredClone took ~50 ms per proposal.
 * `commit()` returns plain objects; entries the change never read are shared with the
 * live state. Every proposal and order in the live state is frozen: nothing can edit one
 * in place, and the store file reuses the text of those a change did not touch.
 */
export function createTradingDraft(live: TradingState): { draft: TradingState; commit(): TradingState } {
  const proposals = copyOnRead(live.proposals);
  const orders = copyOnRead(live.orders);
  const draft: TradingState = { proposals: proposals.proxy, orders: orders.proxy, controls: structuredClone(live.controls), activity: structuredClone(live.activity) };
  return {
    draft,
    commit: () => ({ proposals: proposals.plain, orders: orders.plain, controls: draft.controls, activity: draft.activity }),
  };
}

function copyOnRead<V>(live: Record<string, V>): { proxy: Record<string, V>; readonly plain: Record<string, V> } {
  const plain: Record<string, V> = { ...live };
  // Keys whose value in `plain` is the draft's own (copied, set or deleted here).
  const own = new Set<string>();
  const proxy = new Proxy(plain, {
    // Object.values, entries and spread read each value through here too.
    get(target, key, receiver) {
      if (typeof key === 'string' && !own.has(key) && Object.hasOwn(target, key)) {
        own.add(key);
        target[key] = structuredClone(target[key] as V);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
    set(target, key, value, receiver) {
      if (typeof key === 'string') own.add(key);
      return Reflect.set(target, key, value, receiver);
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') own.add(key);
      return Reflect.deleteProperty(target, key);
    },
  });
  return {
    proxy,
    get plain() {
      for (const key of own) if (Object.hasOwn(plain, key)) deepFreeze(plain[key]);
      return plain;
    },
  };
}
