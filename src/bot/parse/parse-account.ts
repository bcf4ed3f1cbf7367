import { quote, type Parsed } from './parsed.js';

/** One of the configured accounts, in any case, with or without a leading @. */
export function parseAccount(word: string, accounts: readonly string[]): Parsed<string> {
  const name = word.replace(/^@/, '').toLowerCase();
  const account = accounts.find((id) => id.toLowerCase() === name);
  return account === undefined ? { ok: false, error: `Unknown account ${quote(word.replace(/^@/, ''))}: choose one of ${accounts.join(', ')}.` } : { ok: true, value: account };
}

/**
 * Takes the `@account` word out of a command's words, wherever it stands. Without one,
 * the first configured account is meant.
 */
export function takeAccount(words: readonly string[], accounts: readonly string[]): Parsed<{ accountId: string; rest: string[] }> {
  const named = words.filter((w) => w.startsWith('@'));
  const rest = words.filter((w) => !w.startsWith('@'));
  if (named.length > 1) return { ok: false, error: `Name one account, not ${named.length} (${named.join(', ')}).` };
  const [word] = named;
  if (word === undefined) {
    const [first] = accounts;
    return first === undefined ? { ok: false, error: 'No account is configured: set ACCOUNTS.' } : { ok: true, value: { accountId: first, rest } };
  }
  const account = parseAccount(word, accounts);
  return account.ok ? { ok: true, value: { accountId: account.value, rest } } : account;
}
