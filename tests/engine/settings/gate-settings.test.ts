import { describe, expect, it } from 'vitest';
import type { AccountProfile } from '../../../src/engine/accounts/account-profile.js';
import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import type { GateInput } from '../../../src/engine/gates/gate.js';
import { GATE_SETTINGS } from '../../../src/engine/settings/gate-settings.js';
import { hydrateGateInput, recordGateInput } from '../../../src/engine/settings/recorded-gate-input.js';
import { isThresholdKey } from '../../../src/engine/settings/threshold-settings.js';
import { makeGateInput, makePosition, MARKET_HOURS } from '../gates/gate-fixtures.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';

/** Inputs that walk every branch of every gate: blocks and passes, buys and sells, limits, stops, cooldowns. */
const VARIED: GateInput[] = [
  makeGateInput(),
  makeGateInput({ proposal: { confidence: 0.1 } }),
  makeGateInput({ proposal: { orderType: 'limit', limitPrice: '99' } }),
  makeGateInput({ proposal: { orderType: 'limit', limitPrice: '50' } }),
  makeGateInput({ proposal: { stopPrice: '95', targetPrice: '110' } }),
  makeGateInput({ proposal: { stopPrice: '105' } }),
  makeGateInput({ proposal: { targetPrice: '300' } }),
  makeGateInput({ proposal: { side: 'sell', size: { kind: 'quantity', quantity: '5' } }, state: { positions: [makePosition('AAPL', '10', '1000')], openSellQuantity: { AAPL: toDecimal(2) } } }),
  makeGateInput({ proposal: { side: 'sell' } }),
  makeGateInput({ state: { lastActivity: { AAPL: new Date(MARKET_HOURS.getTime() - 60_000).toISOString() } } }),
  makeGateInput({ state: { openOrderSymbols: ['AAPL'] } }),
  makeGateInput({ state: { positions: ['A', 'B', 'C', 'D', 'E'].map((s) => makePosition(s, '1', '10')) } }),
  makeGateInput({ proposal: { size: { kind: 'quantity', quantity: '500' } } }),
  makeGateInput({ proposal: { size: { kind: 'notional', notional: '15000' } }, account: { maxPositionPct: 50 } }),
  makeGateInput({ state: { equity: toDecimal(95_000) } }),
  makeGateInput({ state: { equity: toDecimal(0) } }),
  makeGateInput({ market: { observedAt: new Date(MARKET_HOURS.getTime() - 3_600_000) } }),
  makeGateInput({ now: new Date('2026-03-14T15:00:00Z') }),
  makeGateInput({ controls: { paused: true, halted: true } }),
];

/** The profile keys a gate reads while checking `input`. */
function keysRead(check: (input: GateInput) => unknown, input: GateInput): Set<string> {
  const read = new Set<string>();
  const account = new Proxy(input.account, {
    get(target, key, receiver) {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as AccountProfile;
  check({ ...input, account });
  return read;
}

describe('GATE_SETTINGS', () => {
  it.each(DEFAULT_GATES.map((g) => [g.name, g] as const))('lists every threshold %s reads', (name, gate) => {
    const declared = GATE_SETTINGS[name];
    expect(declared, 'every gate is in the map').toBeDefined();
    const read = new Set(VARIED.flatMap((input) => [...keysRead((i) => gate.check(i), input)]).filter(isThresholdKey));
    expect([...read].sort(), 'a counterfactual keeps the recorded verdict of a gate that reads none of the changed settings').toEqual([...(declared ?? [])].sort());
  });
});

describe('recorded gate inputs', () => {
  it.each(VARIED.map((input, i) => [i, input] as const))('give every gate the same verdict as the live input (case %i)', (_i, input) => {
    const replayed = hydrateGateInput(JSON.parse(JSON.stringify(recordGateInput(input))) as ReturnType<typeof recordGateInput>, input.account);
    for (const gate of DEFAULT_GATES) expect(gate.check(replayed), `${gate.name} judges the recorded input as it judged the live one`).toEqual(gate.check(input));
  });
});
