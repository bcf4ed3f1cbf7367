import type { GateTrace } from '../gates/gate.js';
import type { Proposal } from '../proposals/proposal.js';
import type { RecordedGateInput } from '../settings/recorded-gate-input.js';
import type { DecisionRow } from '../settings/decision-row.js';

/** One decision of the gate pipeline, kept whether it proposed or blocked (principle 3). */
export interface DecisionRecord {
  readonly at: string;
  readonly dataMode: 'PAPER' | 'LIVE';
  readonly proposal: Proposal;
  readonly trace: GateTrace;
  readonly outcome: 'proposed' | 'blocked';
  /** What the gates looked at, so a threshold change can be tried on it. Absent on older records. */
  readonly inputs?: RecordedGateInput;
  /** Every gate that blocks when all of them run (the trace stops at the first). Absent on older records. */
  readonly blocks?: readonly string[];
}

/** Append-only log of decisions; `/gates` reads the recent ones, previews and statistics a window. */
export interface DecisionLog {
  append(entry: DecisionRecord): Promise<void>;
  readRecent(limit: number): Promise<readonly DecisionRecord[]>;
  /** Compact rows of every decision made at or after `from`, oldest first. */
  since(from: Date): Promise<readonly DecisionRow[]>;
}
