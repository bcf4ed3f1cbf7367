import type { AccountProfile } from '../accounts/account-profile.js';
import type { ThresholdStore } from '../ports/threshold-store.js';
import { applyOverrides } from './effective-profile.js';
import type { ChangeRole } from './judge-change.js';
import { activeOverride, type AccountOverrides, type ThresholdOverride } from './threshold-override.js';
import { THRESHOLD_KEYS } from './threshold-settings.js';
import type { Actor, RollbackPlan, RollbackResult, RollbackStep } from './threshold-types.js';

export interface RollbackDeps {
  readonly store: ThresholdStore;
  readonly configured: ReadonlyMap<string, AccountProfile>;
  readonly clock: () => Date;
}

/** Only an owner rolls back: it may loosen several limits at once. */
const ROLLBACK_ROLE: ChangeRole = 'owner';

/**
 * `/settings rollback N`: the account of change N gets back its values as they were right
 * after change N. A temporary value that has ended since is not brought back.
 */
export function createRollback(deps: RollbackDeps) {
  const target = (overrides: AccountOverrides): AccountOverrides => {
    const now = deps.clock();
    const kept: Partial<Record<string, ThresholdOverride>> = {};
    for (const key of THRESHOLD_KEYS) {
      const active = activeOverride(overrides[key], now);
      if (active !== undefined) kept[key] = active;
    }
    return kept as AccountOverrides;
  };
  const stepsTo = (accountId: string, wanted: AccountOverrides, current: AccountOverrides | undefined): RollbackStep[] => {
    const configured = deps.configured.get(accountId);
    if (configured === undefined) return [];
    const now = deps.clock();
    const before = applyOverrides(configured, current, now);
    const after = applyOverrides(configured, wanted, now);
    return THRESHOLD_KEYS.filter((key) => before[key] !== after[key]).map((key) => ({ key, from: before[key], to: after[key] }));
  };

  async function plan(version: number): Promise<RollbackPlan> {
    const change = Number.isInteger(version) && version > 0 ? await deps.store.change(version) : undefined;
    if (change === undefined) return { kind: 'unknown_version', latest: (await deps.store.history(1))[0]?.version ?? 0 };
    const steps = stepsTo(change.accountId, target(change.after), deps.store.read()[change.accountId]);
    return steps.length === 0 ? { kind: 'unchanged', target: change } : { kind: 'plan', target: change, steps };
  }

  async function apply(version: number, actor: Actor): Promise<RollbackResult> {
    if (actor.role !== ROLLBACK_ROLE) return { kind: 'forbidden' };
    const planned = await plan(version);
    if (planned.kind !== 'plan') return planned;
    const { target: change } = planned;
    const wanted = target(change.after);
    const changes = await deps.store.commit((state) => {
      const steps = stepsTo(change.accountId, wanted, state[change.accountId]);
      if (steps.length === 0) return undefined;
      const at = deps.clock().toISOString();
      const reason = `rollback to change ${change.version}`;
      return {
        changes: steps.map((s) => ({ accountId: change.accountId, key: s.key, kind: 'rollback' as const, from: s.from, to: s.to, by: actor.id, byName: actor.name, at, reason, rollbackTo: change.version })),
        accounts: { [change.accountId]: wanted },
      };
    });
    return changes.length === 0 ? { kind: 'unchanged', target: change } : { kind: 'applied', target: change, changes };
  }

  return { plan, apply };
}
