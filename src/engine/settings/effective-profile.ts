import type { AccountProfile } from '../accounts/account-profile.js';
import { activeOverride, type AccountOverrides } from './threshold-override.js';
import type { ThresholdRow, ValueSource } from './threshold-types.js';
import { THRESHOLD_KEYS, THRESHOLD_SETTINGS } from './threshold-settings.js';

/** The configured profile with the overrides in force at `now` on top. */
export function applyOverrides(configured: AccountProfile, overrides: AccountOverrides | undefined, now: Date): AccountProfile {
  if (overrides === undefined) return configured;
  const values: Partial<Record<string, number>> = {};
  for (const key of THRESHOLD_KEYS) {
    const active = activeOverride(overrides[key], now);
    if (active !== undefined) values[key] = active.value;
  }
  return { ...configured, ...values };
}

/** The earliest time a temporary value in `overrides` ends (epoch ms), or Infinity. */
export function nextExpiry(overrides: AccountOverrides | undefined): number {
  let next = Number.POSITIVE_INFINITY;
  for (const key of THRESHOLD_KEYS) {
    for (let o = overrides?.[key]; o !== undefined; o = o.previous) if (o.expiresAt !== undefined) next = Math.min(next, Date.parse(o.expiresAt));
  }
  return next;
}

/** Every threshold of an account with where its value comes from, for /thresholds. */
export function listThresholds(configured: AccountProfile, overrides: AccountOverrides | undefined, now: Date): ThresholdRow[] {
  return THRESHOLD_KEYS.map((key) => {
    const configValue = configured[key];
    const active = activeOverride(overrides?.[key], now);
    let source: ValueSource = { kind: 'config' };
    if (active !== undefined) {
      const underneath = activeOverride(active.previous, now)?.value ?? configValue;
      source = active.expiresAt === undefined ? { kind: 'chat', override: active } : { kind: 'temporary', override: active, revertsTo: underneath };
    }
    return { setting: THRESHOLD_SETTINGS[key], value: active?.value ?? configValue, configValue, source };
  });
}

/**
 * Reads each account's profile as it is now, cached until the overrides change or the
 * next temporary value ends: the gates read a profile many times per proposal.
 */
export function createProfileReader(configured: ReadonlyMap<string, AccountProfile>, overrides: () => Readonly<Record<string, AccountOverrides>>, clock: () => Date) {
  const cache = new Map<string, { source: AccountOverrides | undefined; validUntil: number; profile: AccountProfile }>();
  return (accountId: string): AccountProfile | undefined => {
    const base = configured.get(accountId);
    if (base === undefined) return undefined;
    const source = overrides()[accountId];
    const now = clock();
    const cached = cache.get(accountId);
    if (cached !== undefined && cached.source === source && now.getTime() < cached.validUntil) return cached.profile;
    const profile = applyOverrides(base, source, now);
    cache.set(accountId, { source, validUntil: nextExpiry(source), profile });
    return profile;
  };
}
