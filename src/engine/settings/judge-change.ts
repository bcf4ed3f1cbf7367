import type { SettingDefinition } from './threshold-settings.js';

export type ChangeDirection = 'tighten' | 'loosen' | 'same';
/** The roles that matter here; the bot's roles (src/roles.ts) are the same words. */
export type ChangeRole = 'viewer' | 'approver' | 'owner';

export interface ChangeJudgement {
  readonly direction: ChangeDirection;
  /** Who may make it: tightening is the safe direction, open to approvers; the rest needs an owner. */
  readonly needs: 'approver' | 'owner';
  /** Loosening a loss-bounding limit more than 2×: the account's name must be typed to confirm. */
  readonly needsTypedName: boolean;
}

/** How much looser a loss limit may get from one change before it needs the typed account name. */
export const TYPED_NAME_FACTOR = 2;

export function judgeChange(setting: SettingDefinition, from: number, to: number): ChangeJudgement {
  if (from === to) return { direction: 'same', needs: 'approver', needsTypedName: false };
  const tighter = setting.safer === 'higher' ? to > from : setting.safer === 'lower' ? to < from : false;
  if (tighter) return { direction: 'tighten', needs: 'approver', needsTypedName: false };
  // Every loss-bounding limit is safer lower: a loosening is a rise.
  const factor = from > 0 ? to / from : Number.POSITIVE_INFINITY;
  return { direction: 'loosen', needs: 'owner', needsTypedName: setting.lossBounding && factor > TYPED_NAME_FACTOR };
}

const RANK: Record<ChangeRole, number> = { viewer: 0, approver: 1, owner: 2 };

export function mayChange(role: ChangeRole, judgement: ChangeJudgement): boolean {
  return RANK[role] >= RANK[judgement.needs];
}
