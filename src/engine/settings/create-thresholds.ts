import type { AccountProfile } from '../accounts/account-profile.js';
import type { EventSink } from '../events.js';
import type { Gate } from '../gates/gate.js';
import type { Decimal } from '../money/decimal.js';
import type { DecisionLog } from '../ports/decision-log.js';
import type { ThresholdStore } from '../ports/threshold-store.js';
import { calculateCounterfactual } from './calculate-counterfactual.js';
import { calculateWorstCase, LOSS_KEYS } from './calculate-worst-case.js';
import { createProfileReader, listThresholds } from './effective-profile.js';
import { GATE_SETTINGS } from './gate-settings.js';
import { judgeChange, mayChange } from './judge-change.js';
import { createRollback } from './rollback-thresholds.js';
import { checkRequest, type CheckedRequest } from './check-request.js';
import { activeOverride, type ThresholdChange, type ThresholdOverride } from './threshold-override.js';
import { THRESHOLD_KEYS } from './threshold-settings.js';
import type { Actor, ApplyResult, ChangePreview, ChangeRequest, Invalid, ThresholdRow } from './threshold-types.js';

export interface ThresholdsDeps {
  /** Each account as ACCOUNTS configures it: the defaults underneath every change. */
  readonly configured: ReadonlyMap<string, AccountProfile>;
  readonly store: ThresholdStore;
  readonly clock: () => Date;
  readonly events: EventSink;
  readonly decisions: DecisionLog;
  readonly gates: readonly Gate[];
  /** Today's equity of an account at its venue (for the worst case of loss limits). */
  readonly equity: (accountId: string) => Promise<Decimal>;
}

/** How far back a preview tries a change on recorded decisions. */
export const PREVIEW_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Thresholds changed from the chat: the profile in force, previews, changes, reverts and rollbacks. */
export function createThresholds(deps: ThresholdsDeps) {
  const profile = createProfileReader(deps.configured, () => deps.store.read(), deps.clock);
  const check = (request: ChangeRequest): CheckedRequest | Invalid => {
    const current = profile(request.accountId);
    return checkRequest(request, current, deps.configured.get(request.accountId), [...deps.configured.keys()], deps.clock());
  };

  async function preview(request: ChangeRequest): Promise<ChangePreview | Invalid> {
    const checked = check(request);
    if (checked.kind === 'invalid') return checked;
    const { current, setting, from, expiresAt } = checked;
    const now = deps.clock();
    const readByGates = Object.values(GATE_SETTINGS).some((keys) => keys.includes(request.key));
    let counterfactual;
    if (readByGates) {
      const rows = (await deps.decisions.since(new Date(now.getTime() - PREVIEW_WINDOW_DAYS * DAY_MS))).filter((row) => row.accountId === request.accountId);
      counterfactual = calculateCounterfactual(rows, deps.gates, current, request.key, request.value);
    }
    const base = { kind: 'preview' as const, request, setting, from, judgement: judgeChange(setting, from, request.value), windowDays: PREVIEW_WINDOW_DAYS, ...(expiresAt === undefined ? {} : { expiresAt }), ...(counterfactual === undefined ? {} : { counterfactual }) };
    if (!LOSS_KEYS.includes(request.key)) return base;
    try {
      const equity = await deps.equity(request.accountId);
      return { ...base, worstCase: { equity, before: calculateWorstCase(current, equity), after: calculateWorstCase({ ...current, [request.key]: request.value }, equity) } };
    } catch (error) {
      return { ...base, worstCaseProblem: `today's equity is unknown (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** Checked again at the moment of writing: the value in force may have moved since the preview. */
  async function apply(request: ChangeRequest, actor: Actor, typedName?: string): Promise<ApplyResult> {
    let refusal: ApplyResult | undefined;
    const changes = await deps.store.commit((state) => {
      const checked = check(request);
      if (checked.kind === 'invalid') return void (refusal = checked);
      const judgement = judgeChange(checked.setting, checked.from, request.value);
      if (!mayChange(actor.role, judgement)) return void (refusal = { kind: 'forbidden', needs: judgement.needs, direction: judgement.direction });
      if (judgement.needsTypedName && typedName?.trim().toLowerCase() !== request.accountId.toLowerCase()) return void (refusal = { kind: 'needs_name', accountId: request.accountId });
      const now = deps.clock();
      const account = state[request.accountId] ?? {};
      const active = activeOverride(account[request.key], now);
      const override: ThresholdOverride = {
        value: request.value,
        by: actor.id,
        byName: actor.name,
        at: now.toISOString(),
        ...(request.reason === undefined ? {} : { reason: request.reason }),
        ...(checked.expiresAt === undefined ? {} : { expiresAt: checked.expiresAt }),
        // A temporary value remembers what it replaced; a lasting one replaces it for good.
        ...(checked.expiresAt === undefined || active === undefined ? {} : { previous: active }),
        configValue: checked.configValue,
      };
      const draft = { accountId: request.accountId, key: request.key, kind: 'set' as const, from: checked.from, to: request.value, by: actor.id, byName: actor.name, at: override.at, ...(request.reason === undefined ? {} : { reason: request.reason }), ...(checked.expiresAt === undefined ? {} : { expiresAt: checked.expiresAt }) };
      return { changes: [draft], accounts: { [request.accountId]: { ...account, [request.key]: override } } };
    });
    const [change] = changes;
    return change === undefined ? (refusal ?? { kind: 'invalid', problem: 'nothing was changed' }) : { kind: 'applied', change };
  }

  /** Temporary values past their end: recorded as reverted, each with an INFO alert. */
  async function revertExpired(): Promise<readonly ThresholdChange[]> {
    const changes = await deps.store.commit((state) => {
      const now = deps.clock();
      const drafts = [];
      const accounts: Record<string, Record<string, ThresholdOverride>> = {};
      for (const [accountId, overrides] of Object.entries(state)) {
        const configured = deps.configured.get(accountId);
        for (const key of THRESHOLD_KEYS) {
          const top = overrides[key];
          if (top?.expiresAt === undefined || Date.parse(top.expiresAt) > now.getTime()) continue;
          const next = activeOverride(top, now);
          const to = next?.value ?? configured?.[key] ?? top.configValue;
          const account = (accounts[accountId] ??= { ...overrides } as Record<string, ThresholdOverride>);
          if (next === undefined) delete account[key];
          else account[key] = next;
          drafts.push({ accountId, key, kind: 'expired' as const, from: top.value, to, by: 0, byName: 'Countersign', at: now.toISOString(), reason: `temporary value ended at ${top.expiresAt}` });
        }
      }
      return drafts.length === 0 ? undefined : { changes: drafts, accounts };
    });
    for (const change of changes) deps.events.emit({ type: 'threshold_reverted', change });
    return changes;
  }

  const rollback = createRollback({ store: deps.store, configured: deps.configured, clock: deps.clock });

  return {
    profile,
    list: (accountId: string): ThresholdRow[] | undefined => {
      const configured = deps.configured.get(accountId);
      return configured === undefined ? undefined : listThresholds(configured, deps.store.read()[accountId], deps.clock());
    },
    preview,
    apply,
    revertExpired,
    history: (limit: number, accountId?: string) => deps.store.history(limit, accountId),
    planRollback: rollback.plan,
    rollback: rollback.apply,
  };
}

export type Thresholds = ReturnType<typeof createThresholds>;
