import type { Gate } from './gate.js';

/** The emergency stop: while halted nothing new is proposed, whatever else would allow it. */
export const killSwitchGate: Gate = {
  name: 'kill_switch',
  check({ controls }) {
    const details = { halted: String(controls.halted) };
    if (controls.halted) return { gate: 'kill_switch', outcome: 'block', reason: 'trading is halted (kill switch)', details };
    return { gate: 'kill_switch', outcome: 'pass', details };
  },
};
