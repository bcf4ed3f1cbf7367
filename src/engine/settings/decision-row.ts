import type { DecisionRecord } from '../ports/decision-log.js';
import type { Side } from '../proposals/proposal.js';
import type { RecordedGateInput } from './recorded-gate-input.js';
import type { Thresholds } from './threshold-settings.js';

/**
 * A decision as windowed reads keep it in memory: what statistics, shadow P&L and the
 * threshold preview need, with the recorded gate input as plain JSON values (it is
 * turned into decimals only when a preview re-runs a gate that reads them).
 */
export interface DecisionRow {
  readonly id: string;
  /** Epoch ms of the decision. */
  readonly at: number;
  readonly accountId: string;
  readonly source: string;
  readonly symbol: string;
  readonly side: Side;
  readonly referencePrice: string;
  readonly confidence: number;
  readonly outcome: 'proposed' | 'blocked';
  /** Absent on decisions recorded before gate inputs were kept. */
  readonly blocks?: readonly string[];
  readonly thresholds?: Thresholds;
  readonly inputs?: RecordedGateInput;
}

/** What a history line carries in front of the record, so the row needs no parse of the whole decision. */
export interface DecisionSummary extends Omit<DecisionRow, 'at'> {
  readonly at: string;
}

export function summarizeDecision(record: DecisionRecord): DecisionSummary {
  const { proposal } = record;
  return {
    id: proposal.id,
    at: record.at,
    accountId: proposal.accountId,
    source: proposal.source,
    symbol: proposal.symbol,
    side: proposal.side,
    referencePrice: proposal.referencePrice,
    confidence: proposal.confidence,
    outcome: record.outcome,
    ...(record.blocks === undefined ? {} : { blocks: record.blocks }),
    ...(record.inputs === undefined ? {} : { thresholds: record.inputs.thresholds, inputs: record.inputs }),
  };
}

export function toDecisionRow(summary: DecisionSummary): DecisionRow {
  return { ...summary, at: Date.parse(summary.at) };
}
