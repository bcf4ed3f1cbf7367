import type { Gate } from './gate.js';

/** Ideas the source itself is unsure about never reach the person's phone. */
export const minConfidenceGate: Gate = {
  name: 'min_confidence',
  check({ proposal, account }) {
    const details = { confidence: String(proposal.confidence), minimum: String(account.minConfidence) };
    // NaN compares false both ways, so a missing confidence blocks instead of slipping through.
    if (proposal.confidence >= account.minConfidence) return { gate: 'min_confidence', outcome: 'pass', details };
    return {
      gate: 'min_confidence',
      outcome: 'block',
      reason: `confidence ${details.confidence} is below the minimum ${details.minimum}`,
      details,
    };
  },
};
