import { describe, expect, it } from 'vitest';
import type { TradingState } from '../../src/engine/ports/trading-store.js';
import { createTradingDraft } from '../../src/store/create-trading-draft.js';

const live = (): TradingState =>
  ({
    proposals: { a: { id: 'a', state: 'pending' }, b: { id: 'b', state: 'pending' } },
    orders: { o: { clientOrderId: 'o', state: 'open' } },
    controls: { paused: false, halted: false },
    activity: {},
  }) as unknown as TradingState;

describe('createTradingDraft', () => {
  it('copies what the change reads, shares the rest, and never touches the live state', () => {
    const state = live();
    const { draft, commit } = createTradingDraft(state);
    (draft.proposals.a as { state: string }).state = 'approved';
    draft.proposals.c = { id: 'c', state: 'pending' } as never;
    delete draft.orders.o;
    (draft.controls as { paused: boolean }).paused = true;
    const next = commit();
    expect(state.proposals.a?.state, 'the live proposal is untouched').toBe('pending');
    expect(Object.keys(state.orders), 'the live order is still there').toEqual(['o']);
    expect(state.controls.paused, 'live controls untouched').toBe(false);
    expect(next.proposals.a?.state, 'the change is in the result').toBe('approved');
    expect(next.proposals.b, 'an entry the change never read is shared, not copied').toBe(state.proposals.b);
    expect(Object.keys(next.proposals), 'added').toEqual(['a', 'b', 'c']);
    expect(next.orders, 'deleted').toEqual({});
    expect(JSON.parse(JSON.stringify(next.proposals)), 'plain objects, no proxies, in the result').toEqual({ a: { id: 'a', state: 'approved' }, b: { id: 'b', state: 'pending' }, c: { id: 'c', state: 'pending' } });
  });

  it('copies every entry a change iterates over before it can change one', () => {
    const state = live();
    const { draft } = createTradingDraft(state);
    for (const p of Object.values(draft.proposals)) (p as { state: string }).state = 'expired';
    expect(Object.values(state.proposals).map((p) => p.state), 'the live proposals are untouched').toEqual(['pending', 'pending']);
  });
});
