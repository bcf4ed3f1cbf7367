import type { Gate, GateInput, GateTrace, GateVerdict } from './gate.js';

/**
 * Runs the gates in order and stops at the first block, keeping every verdict so the chat
 * can show what passed, what blocked and why, and what was never looked at.
 */
export function runGates(gates: readonly Gate[], input: GateInput): GateTrace {
  const verdicts: GateVerdict[] = [];
  for (const [index, gate] of gates.entries()) {
    const verdict = checkFailClosed(gate, input);
    verdicts.push(verdict);
    if (verdict.outcome === 'block') {
      return {
        evaluatedAt: input.now.toISOString(),
        verdicts,
        blockedBy: gate.name,
        notEvaluated: gates.slice(index + 1).map((g) => g.name),
        passed: false,
      };
    }
  }
  return { evaluatedAt: input.now.toISOString(), verdicts, notEvaluated: [], passed: true };
}

/**
 * Every gate that blocks when all of them run, in order: the trace stops at the first, while
 * a counterfactual needs to know what would block once that one no longer does.
 */
export function findEveryBlock(gates: readonly Gate[], input: GateInput): string[] {
  return gates.filter((gate) => checkFailClosed(gate, input).outcome === 'block').map((gate) => gate.name);
}

/**
 * Gates are pure and should never throw; if one does (a bug, a malformed decimal string)
 * the trade is blocked, not waved through, and the error is kept in the trace.
 */
export function checkFailClosed(gate: Gate, input: GateInput): GateVerdict {
  try {
    return gate.check(input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { gate: gate.name, outcome: 'block', reason: `the ${gate.name} check failed: ${message}`, details: { error: message } };
  }
}
