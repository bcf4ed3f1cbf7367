import { isPnlWindow, PNL_WINDOWS, type PnlWindow } from '../../engine/outcomes/pnl-window.js';
import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

export const PNL_USAGE = `Usage: /pnl [${PNL_WINDOWS.join('|')}] [account], e.g. /pnl 7d or /pnl all paper (default: today, all accounts).`;

export interface PnlArgs {
  readonly window: PnlWindow;
  /** Undefined: every account. */
  readonly accountId: string | undefined;
}

/** `[today|7d|30d|all] [account]`, in either order; an account may be written `@name`. */
export function parsePnlArgs(text: string, accounts: readonly string[]): Parsed<PnlArgs> {
  const words = splitWords(text);
  if (words.length > 2) return { ok: false, error: `Too many arguments. ${PNL_USAGE}` };
  let window: PnlWindow | undefined;
  let accountId: string | undefined;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (isPnlWindow(lower)) {
      if (window !== undefined) return { ok: false, error: `Give one period, not two. ${PNL_USAGE}` };
      window = lower;
      continue;
    }
    const account = accounts.find((id) => id.toLowerCase() === lower.replace(/^@/, ''));
    if (account === undefined) {
      return { ok: false, error: `${quote(word)} is neither a period (${PNL_WINDOWS.join(', ')}) nor an account (${accounts.join(', ')}). ${PNL_USAGE}` };
    }
    if (accountId !== undefined) return { ok: false, error: `Give one account, or none for all of them. ${PNL_USAGE}` };
    accountId = account;
  }
  return { ok: true, value: { window: window ?? 'today', accountId } };
}
