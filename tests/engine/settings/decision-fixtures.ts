import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import { findEveryBlock, runGates } from '../../../src/engine/gates/run-gates.js';
import type { GateInput } from '../../../src/engine/gates/gate.js';
import type { DecisionRecord } from '../../../src/engine/ports/decision-log.js';
import { summarizeDecision, toDecisionRow, type DecisionRow } from '../../../src/engine/settings/decision-row.js';
import { recordGateInput } from '../../../src/engine/settings/recorded-gate-input.js';
import { makeGateInput, makePosition, type GateInputOverrides } from '../gates/gate-fixtures.js';

/** A decision recorded as createProposal records it: the trace, the inputs and every blocking gate. */
export function recordDecision(id: string, overrides: GateInputOverrides): DecisionRecord {
  return toDecisionRecord(makeGateInput({ ...overrides, proposal: { id, ...overrides.proposal } }));
}

/** The gates run on `input`, recorded as createProposal records a decision. */
export function toDecisionRecord(input: GateInput): DecisionRecord {
  const trace = runGates(DEFAULT_GATES, input);
  return {
    at: input.now.toISOString(),
    dataMode: 'PAPER',
    proposal: { ...input.proposal, gateTrace: trace },
    trace,
    outcome: trace.passed ? 'proposed' : 'blocked',
    inputs: recordGateInput(input),
    blocks: trace.passed ? [] : findEveryBlock(DEFAULT_GATES, input),
  };
}

export const rowOf = (record: DecisionRecord): DecisionRow => toDecisionRow(summarizeDecision(record));

/** Five positions open: a buy of a sixth symbol is what max_open_positions (limit 5) blocks. */
const FIVE_OPEN = ['MSFT', 'NVDA', 'AMZN', 'META', 'TSLA'].map((s) => makePosition(s, '1', '100'));

/**
 * Twelve decisions of account "main" (minConfidence 0.6 in force), buys of AAPL at 100
 * that pass every other gate unless said, and one decision from before inputs were kept:
 *
 * | id | confidence | else                         | at 0.6 (now)           |
 * |----|-----------:|------------------------------|------------------------|
 * | A  | 0.50       |                              | min_confidence         |
 * | B  | 0.52       |                              | min_confidence         |
 * | C  | 0.55       |                              | min_confidence         |
 * | D  | 0.58       |                              | min_confidence         |
 * | E  | 0.60       |                              | pass                   |
 * | F  | 0.65       |                              | pass                   |
 * | G  | 0.70       |                              | pass                   |
 * | H  | 0.75       |                              | pass                   |
 * | I  | 0.80       |                              | pass                   |
 * | J  | 0.53       | 5 positions open             | min_confidence (then max_open_positions) |
 * | K  | 0.70       | 5 positions open             | max_open_positions     |
 * | L  | 0.62       | recorded when the minimum was 0.65 | pass (blocked then) |
 * | Z  | —          | recorded before inputs were kept | left out           |
 */
export function fixtureDecisionLog(): DecisionRow[] {
  const plain = (id: string, confidence: number) => recordDecision(id, { proposal: { confidence } });
  const records = [
    plain('A', 0.5),
    plain('B', 0.52),
    plain('C', 0.55),
    plain('D', 0.58),
    plain('E', 0.6),
    plain('F', 0.65),
    plain('G', 0.7),
    plain('H', 0.75),
    plain('I', 0.8),
    recordDecision('J', { proposal: { confidence: 0.53 }, state: { positions: FIVE_OPEN } }),
    recordDecision('K', { proposal: { confidence: 0.7 }, state: { positions: FIVE_OPEN } }),
    recordDecision('L', { proposal: { confidence: 0.62 }, account: { minConfidence: 0.65 } }),
  ];
  const { inputs: _inputs, blocks: _blocks, ...older } = plain('Z', 0.9);
  return [...records, older].map(rowOf);
}
