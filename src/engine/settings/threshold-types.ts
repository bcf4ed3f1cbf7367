import type { Decimal } from '../money/decimal.js';
import type { Counterfactual } from './calculate-counterfactual.js';
import type { WorstCase } from './calculate-worst-case.js';
import type { ChangeJudgement, ChangeRole } from './judge-change.js';
import type { ThresholdChange, ThresholdOverride } from './threshold-override.js';
import type { SettingDefinition, ThresholdKey } from './threshold-settings.js';

/** A change someone asks for, from /set, the conversation or a suggestion's Apply button. */
export interface ChangeRequest {
  readonly accountId: string;
  readonly key: ThresholdKey;
  readonly value: number;
  /** A temporary value: it reverts by itself after this long. */
  readonly durationMs?: number;
  readonly reason?: string;
}

export interface Actor {
  readonly id: number;
  readonly name: string;
  readonly role: ChangeRole;
}

/** Where the value in force comes from. */
export type ValueSource =
  | { readonly kind: 'config' }
  | { readonly kind: 'chat'; readonly override: ThresholdOverride }
  | { readonly kind: 'temporary'; readonly override: ThresholdOverride; readonly revertsTo: number };

export interface ThresholdRow {
  readonly setting: SettingDefinition;
  readonly value: number;
  /** The configured value (ACCOUNTS), which stays the default underneath. */
  readonly configValue: number;
  readonly source: ValueSource;
}

export type Invalid = { readonly kind: 'invalid'; readonly problem: string };

export interface ChangePreview {
  readonly kind: 'preview';
  readonly request: ChangeRequest;
  readonly setting: SettingDefinition;
  readonly from: number;
  readonly judgement: ChangeJudgement;
  readonly expiresAt?: string;
  /** Over the last `windowDays` of decisions of the account; undefined for a setting no gate reads. */
  readonly counterfactual?: Counterfactual;
  readonly windowDays: number;
  /** For loss-bounding limits: at today's equity, before and after; undefined when equity is unknown. */
  readonly worstCase?: { readonly equity: Decimal; readonly before: WorstCase; readonly after: WorstCase };
  /** Why the worst case is missing for a loss-bounding limit (the venue did not answer). */
  readonly worstCaseProblem?: string;
}

export type ApplyResult =
  | Invalid
  | { readonly kind: 'forbidden'; readonly needs: 'approver' | 'owner'; readonly direction: ChangeJudgement['direction'] }
  | { readonly kind: 'needs_name'; readonly accountId: string }
  | { readonly kind: 'applied'; readonly change: ThresholdChange };

export interface RollbackStep {
  readonly key: ThresholdKey;
  readonly from: number;
  readonly to: number;
}

export type RollbackPlan =
  | { readonly kind: 'unknown_version'; readonly latest: number }
  | { readonly kind: 'unchanged'; readonly target: ThresholdChange }
  | { readonly kind: 'plan'; readonly target: ThresholdChange; readonly steps: readonly RollbackStep[] };

export type RollbackResult = RollbackPlan | { readonly kind: 'forbidden' } | { readonly kind: 'applied'; readonly target: ThresholdChange; readonly changes: readonly ThresholdChange[] };
