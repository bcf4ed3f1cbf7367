import type { AccountOverrides, OverrideState, ThresholdChange, ThresholdChangeDraft } from '../settings/threshold-override.js';

/** What a commit writes: the audit entries, and each touched account's overrides afterwards. */
export interface ThresholdCommit {
  readonly changes: readonly ThresholdChangeDraft[];
  readonly accounts: Readonly<Record<string, AccountOverrides>>;
}

/**
 * Threshold overrides changed from the chat, and their audit. Each change is numbered and
 * recorded durably before it takes effect, so the audit never misses a change in force.
 */
export interface ThresholdStore {
  read(): OverrideState;
  /**
   * `plan` sees the latest overrides and returns what to write, or undefined to write
   * nothing; commits run one at a time, so two changes never build on the same base.
   * Resolves with the numbered changes once they are on disk.
   */
  commit(plan: (current: OverrideState) => ThresholdCommit | undefined): Promise<readonly ThresholdChange[]>;
  /** The newest changes first, of one account or all. */
  history(limit: number, accountId?: string): Promise<readonly ThresholdChange[]>;
  change(version: number): Promise<ThresholdChange | undefined>;
}
