import { parseAccount } from './parse-account.js';
import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

export type SettingsArgs = { readonly kind: 'history'; readonly accountId?: string } | { readonly kind: 'rollback'; readonly version: number };

const USAGE = 'Usage: /settings history [account], or /settings rollback N (N from /settings history).';

/** `/settings history [account]` or `/settings rollback N`. */
export function parseSettingsArgs(args: string, accounts: readonly string[]): Parsed<SettingsArgs> {
  const [action, target, extra] = splitWords(args);
  if (extra !== undefined || action === undefined) return { ok: false, error: USAGE };
  switch (action.toLowerCase()) {
    case 'history': {
      if (target === undefined) return { ok: true, value: { kind: 'history' } };
      const account = parseAccount(target, accounts);
      return account.ok ? { ok: true, value: { kind: 'history', accountId: account.value } } : account;
    }
    case 'rollback':
      if (target === undefined || !/^\d{1,9}$/.test(target) || Number(target) === 0) {
        return { ok: false, error: `Name the change to roll back to by its number, e.g. /settings rollback 3${target === undefined ? '' : ` (not ${quote(target)})`}.` };
      }
      return { ok: true, value: { kind: 'rollback', version: Number(target) } };
    default:
      return { ok: false, error: USAGE };
  }
}
