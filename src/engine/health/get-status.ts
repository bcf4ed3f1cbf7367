import type { TradingControlState } from '../ports/trading-store.js';

/** What `/status` shows: measured facts about this process, nothing self-graded. */
export interface StatusReport {
  /** The pause and the kill switch, with who set them and when. */
  readonly controls: TradingControlState;
  readonly version: string;
  readonly startedAt: Date;
  readonly uptimeSeconds: number;
  readonly store: { readonly path: string; readonly sizeBytes: number };
  /** Work waiting on someone or something, by kind; later issues add proposals and alerts. */
  readonly pending: readonly { readonly label: string; readonly count: number }[];
}

export interface StatusInputs {
  controls: TradingControlState;
  version: string;
  startedAt: Date;
  now: Date;
  store: { path: string; sizeBytes: number };
  pending: readonly { label: string; count: number }[];
}

export function getStatus(inputs: StatusInputs): StatusReport {
  return {
    controls: inputs.controls,
    version: inputs.version,
    startedAt: inputs.startedAt,
    uptimeSeconds: Math.max(0, Math.floor((inputs.now.getTime() - inputs.startedAt.getTime()) / 1000)),
    store: inputs.store,
    pending: inputs.pending,
  };
}
