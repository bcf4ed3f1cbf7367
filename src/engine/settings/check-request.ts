import type { AccountProfile } from '../accounts/account-profile.js';
import { describeRange } from './describe-setting.js';
import { isThresholdKey, THRESHOLD_KEYS, THRESHOLD_SETTINGS, type SettingDefinition } from './threshold-settings.js';
import type { ChangeRequest, Invalid } from './threshold-types.js';

/** A temporary value lasts at most this long: anything longer is a lasting change. */
export const MAX_DURATION_MS = 30 * 86_400_000;

export interface CheckedRequest {
  readonly kind: 'ok';
  readonly current: AccountProfile;
  readonly setting: SettingDefinition;
  readonly from: number;
  readonly configValue: number;
  readonly expiresAt?: string;
}

/**
 * The engine's own check of a change, whatever the chat's parser let through: an unknown
 * account or setting, a value out of range or not whole, a duration out of bounds, or no
 * change at all is refused with a sentence that names what is valid.
 */
export function checkRequest(request: ChangeRequest, current: AccountProfile | undefined, configured: AccountProfile | undefined, accounts: readonly string[], now: Date): CheckedRequest | Invalid {
  if (current === undefined || configured === undefined) return { kind: 'invalid', problem: `Unknown account "${request.accountId}": choose one of ${accounts.join(', ')}.` };
  if (!isThresholdKey(request.key)) return { kind: 'invalid', problem: `Unknown setting "${String(request.key)}": choose one of ${THRESHOLD_KEYS.join(', ')}.` };
  const setting = THRESHOLD_SETTINGS[request.key];
  const { value } = request;
  if (!Number.isFinite(value) || value < setting.min || value > setting.max) return { kind: 'invalid', problem: `${setting.key} must be ${describeRange(setting)}.` };
  if (setting.integer && !Number.isInteger(value)) return { kind: 'invalid', problem: `${setting.key} must be a whole number, ${describeRange(setting)}.` };
  const from = current[request.key];
  if (value === from) return { kind: 'invalid', problem: `${setting.key} of ${current.id} is already ${value}.` };
  const band = bandProblem(request, current);
  if (band !== undefined) return { kind: 'invalid', problem: band };
  const { durationMs } = request;
  if (durationMs !== undefined && !(durationMs > 0 && durationMs <= MAX_DURATION_MS)) {
    return { kind: 'invalid', problem: 'A temporary value lasts more than zero and at most 30 days (for example "for 24h" or "for 7d").' };
  }
  return {
    kind: 'ok',
    current,
    setting,
    from,
    configValue: configured[request.key],
    ...(durationMs === undefined ? {} : { expiresAt: new Date(now.getTime() + durationMs).toISOString() }),
  };
}

/** The target band's edges must stay in order. */
function bandProblem(request: ChangeRequest, current: AccountProfile): string | undefined {
  if (request.key === 'approvalBandLowPct' && request.value >= current.approvalBandHighPct) return `approvalBandLowPct must be below approvalBandHighPct (${current.approvalBandHighPct}%).`;
  if (request.key === 'approvalBandHighPct' && request.value <= current.approvalBandLowPct) return `approvalBandHighPct must be above approvalBandLowPct (${current.approvalBandLowPct}%).`;
  return undefined;
}
