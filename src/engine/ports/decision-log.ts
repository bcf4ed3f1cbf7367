import type { GateTrace } from '../gates/gate.js';
import type { Proposal } from '../proposals/proposal.js';

/** One decision of the gate pipeline, kept whether it proposed or blocked (principle 3). */
export interface DecisionRecord {
  readonly at: string;
  readonly dataMode: 'PAPER' | 'LIVE';
  readonly proposal: Proposal;
  readonly trace: GateTrace;
  readonly outcome: 'proposed' | 'blocked';
}

/** Append-only log of decisions; `/gates` reads the recent ones. */
export interface DecisionLog {
  append(entry: DecisionRecord): Promise<void>;
  readRecent(limit: number): Promise<readonly DecisionRecord[]>;
}
