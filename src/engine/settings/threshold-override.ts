import type { ThresholdKey } from './threshold-settings.js';

/** A value changed from the chat. The configured value stays underneath it. */
export interface ThresholdOverride {
  readonly value: number;
  /** Telegram user id of who changed it. */
  readonly by: number;
  readonly byName: string;
  readonly at: string;
  readonly reason?: string;
  /** A temporary value: from this time on it is no longer in force. */
  readonly expiresAt?: string;
  /** What was in force before a temporary value, and comes back when it ends (absent: the config). */
  readonly previous?: ThresholdOverride;
  /** The configured value when the change was made, so /thresholds can tell when the config moved since. */
  readonly configValue: number;
}

export type AccountOverrides = Readonly<Partial<Record<ThresholdKey, ThresholdOverride>>>;
/** Per account id. */
export type OverrideState = Readonly<Record<string, AccountOverrides>>;

/**
 * One entry of the settings audit: who changed what, when and why, old → new. `after` is
 * the account's overrides once the change was made: what `/settings rollback N` restores.
 */
export interface ThresholdChange {
  /** 1, 2, 3 … across all accounts: `/settings rollback N` names it. */
  readonly version: number;
  readonly accountId: string;
  readonly key: ThresholdKey;
  /** `set` from the chat, `expired` when a temporary value ended, `rollback` by /settings rollback. */
  readonly kind: 'set' | 'expired' | 'rollback';
  readonly from: number;
  readonly to: number;
  /** 0 when the bot itself made the change (a temporary value expiring). */
  readonly by: number;
  readonly byName: string;
  readonly at: string;
  readonly reason?: string;
  readonly expiresAt?: string;
  readonly rollbackTo?: number;
  readonly after: AccountOverrides;
}

export type ThresholdChangeDraft = Omit<ThresholdChange, 'version' | 'after'>;

/**
 * The override in force at `now`: an expired temporary value gives way to what it
 * replaced, at once, whether or not the revert has been recorded yet.
 */
export function activeOverride(override: ThresholdOverride | undefined, now: Date): ThresholdOverride | undefined {
  let current = override;
  while (current?.expiresAt !== undefined && Date.parse(current.expiresAt) <= now.getTime()) current = current.previous;
  return current;
}
