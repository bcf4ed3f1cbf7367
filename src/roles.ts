/**
 * Roles, weakest first. Anyone without a role gets nothing (deny by default).
 * - viewer: reads health, status and statistics
 * - approver: viewer + approves or rejects trades
 * - owner: everything, including settings, users and the kill switch
 */
export const ROLES = ['viewer', 'approver', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** True when `actual` is at least as strong as `required`. */
export function hasRole(actual: Role | undefined, required: Role): boolean {
  return actual !== undefined && ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export type RoleListResult = { ok: true; users: ReadonlyMap<number, Role> } | { ok: false; error: string };

/** Parses `123456:owner,234567:approver` (spaces allowed around items). */
export function parseRoleList(raw: string): RoleListResult {
  const users = new Map<number, Role>();
  for (const item of raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)) {
    const match = /^(\d{1,15}):([a-z]+)$/.exec(item);
    if (match === null) return { ok: false, error: `"${item}" is not user_id:role` };
    const [, id, role] = match as unknown as [string, string, string];
    if (!isRole(role)) return { ok: false, error: `"${role}" is not a role (use ${ROLES.join(', ')})` };
    if (users.has(Number(id))) return { ok: false, error: `user ${id} is listed twice` };
    users.set(Number(id), role);
  }
  return { ok: true, users };
}
