import { parseAccount } from './parse-account.js';
import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

/** `/scan [account]`: one account (also as `@account`), or every account when none is named. */
export function parseScanArgs(text: string, accounts: readonly string[]): Parsed<{ accountId: string | undefined }> {
  const words = splitWords(text);
  if (words.length > 1) return { ok: false, error: `Name one account or none (got ${quote(words.join(' '))}). Usage: /scan [account]` };
  const [word] = words;
  if (word === undefined) return { ok: true, value: { accountId: undefined } };
  const account = parseAccount(word, accounts);
  return account.ok ? { ok: true, value: { accountId: account.value } } : account;
}
