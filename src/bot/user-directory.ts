import type { Role } from '../roles.js';

/** Who may use the bot, and as what. Read-only: users come from configuration. */
export interface UserDirectory {
  roleOf(userId: number): Role | undefined;
  list(): readonly { readonly id: number; readonly role: Role }[];
}

export function createUserDirectory(users: ReadonlyMap<number, Role>): UserDirectory {
  const entries = [...users.entries()].map(([id, role]) => ({ id, role }));
  return {
    roleOf: (userId) => users.get(userId),
    list: () => entries,
  };
}
