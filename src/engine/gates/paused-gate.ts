import type { Gate } from './gate.js';

/** A reversible pause from the chat; the reason tells the person how to undo it. */
export const pausedGate: Gate = {
  name: 'paused',
  check({ controls }) {
    const details = { paused: String(controls.paused) };
    if (controls.paused) return { gate: 'paused', outcome: 'block', reason: 'trading is paused (/resume to continue)', details };
    return { gate: 'paused', outcome: 'pass', details };
  },
};
