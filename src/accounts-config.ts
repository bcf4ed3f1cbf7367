import * as z from 'zod';
import type { AccountProfile } from './engine/accounts/account-profile.js';

/**
 * `ACCOUNTS`: a JSON array of account profiles. Every field but `id` and `venue` has a
 * conservative default, so `[{"id":"main","venue":"alpaca"}]` is a complete setting.
 * Keys come from `ACCOUNT_<ID>_KEY`, `ACCOUNT_<ID>_SECRET` (and `_PASSWORD` for the
 * exchanges that want one), so secrets never sit inside the JSON.
 */
const pct = (fallback: number) => z.number().min(0).max(100).default(fallback);

/** `"research": {"mandate": "…", "maxIdeas": 3, "universe": "watchlist"}`: research runs for this account. */
const ResearchMandateSchema = z.strictObject({
  mandate: z.string().trim().min(1, 'mandate must say what to look for').max(2000, 'mandate must be at most 2000 characters'),
  maxIdeas: z.int().min(1).max(10).default(3),
  universe: z
    .union([z.literal('watchlist'), z.array(z.string().regex(/^[A-Z0-9.]{1,15}(\/[A-Z0-9]{1,10})?$/, 'symbols look like AAPL or BTC/USDT')).min(1).max(200)])
    .default('watchlist'),
});

const AccountSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'id must be lowercase letters, digits and _ (e.g. "steady")'),
  venue: z.string().regex(/^(paper|alpaca|ccxt:[a-z0-9]+)$/, 'venue must be paper, alpaca or ccxt:<exchange id>'),
  live: z.boolean().default(false),
  minConfidence: z.number().min(0).max(1).default(0.6),
  maxPositionPct: pct(10),
  maxPositionNotional: z.number().positive().default(10_000),
  maxOpenPositions: z.int().positive().default(5),
  maxDailyLossPct: pct(3),
  cooldownMinutes: z.number().min(0).default(60),
  priceDriftTolerancePct: pct(1),
  limitPriceBandPct: pct(5),
  stopTargetBandPct: pct(25),
  maxDataAgeSeconds: z.number().positive().default(120),
  proposalTtlMinutes: z.number().positive().default(30),
  fillTimeoutSeconds: z.number().positive().default(30),
  approvalBandLowPct: pct(30),
  approvalBandHighPct: pct(50),
  paper: z
    .strictObject({ slippageBps: z.number().min(0).default(5), feeBps: z.number().min(0).default(10), startingCash: z.number().positive().default(100_000) })
    .default({ slippageBps: 5, feeBps: 10, startingCash: 100_000 }),
  research: ResearchMandateSchema.optional(),
});

/**
 * One paper book with a research mandate: research stays off until ANTHROPIC_API_KEY is
 * set, and then runs with nothing else to configure.
 */
export const DEFAULT_RESEARCH_MANDATE =
  'Swing trades of one to four weeks in the watchlist. Prefer pullbacks within an uptrend (price above its 50-day average, RSI between 35 and 55) over chasing extended moves (RSI above 70, or far above the 20-day average). Put the stop one to two ATRs away and aim for at least twice that. Three ideas at most; none is a fine answer.';
export const DEFAULT_ACCOUNTS = JSON.stringify([{ id: 'paper', venue: 'paper', research: { mandate: DEFAULT_RESEARCH_MANDATE, maxIdeas: 3, universe: 'watchlist' } }]);

export interface AccountCredentials {
  readonly key: string;
  readonly secret: string;
  readonly password?: string;
}

export interface ConfiguredAccount {
  readonly profile: AccountProfile;
  readonly credentials?: AccountCredentials;
}

export type AccountsResult = { ok: true; accounts: readonly ConfiguredAccount[] } | { ok: false; problems: string[] };

/** Parses ACCOUNTS and each account's keys; one problem line per mistake. */
export function parseAccounts(raw: string, env: Readonly<Record<string, string | undefined>>): AccountsResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, problems: ['ACCOUNTS: is not valid JSON (for example ACCOUNTS=[{"id":"paper","venue":"paper"}])'] };
  }
  // jitless: parsed once per start; compiling zod's fast path for it costs more than it saves.
  const parsed = z.array(AccountSchema.refine((a) => a.approvalBandLowPct < a.approvalBandHighPct, { message: 'approvalBandLowPct must be below approvalBandHighPct', path: ['approvalBandLowPct'] })).min(1, 'needs at least one account').safeParse(json, { jitless: true });
  if (!parsed.success) {
    const where = (path: readonly PropertyKey[]) =>
      path.length === 0 ? '' : `account ${Number(path[0]) + 1}${path.length > 1 ? ` field ${path.slice(1).map(String).join('.')}` : ''}: `;
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => `ACCOUNTS: ${where(i.path)}${i.message} (for example ACCOUNTS=[{"id":"steady","venue":"alpaca"}])`),
    };
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  const accounts = parsed.data.map((profile): ConfiguredAccount => {
    if (seen.has(profile.id)) problems.push(`ACCOUNTS: account "${profile.id}" is listed twice`);
    seen.add(profile.id);
    if (profile.venue === 'paper') {
      if (profile.live) problems.push(`ACCOUNTS: account "${profile.id}" is on the paper venue and cannot be live (for example {"id":"${profile.id}","venue":"paper"})`);
      return { profile: profile as AccountProfile };
    }
    const prefix = `ACCOUNT_${profile.id.toUpperCase()}`;
    const key = env[`${prefix}_KEY`];
    const secret = env[`${prefix}_SECRET`];
    if (!key || !secret) {
      problems.push(`${prefix}_KEY: account "${profile.id}" on ${profile.venue} needs ${prefix}_KEY and ${prefix}_SECRET (the venue's API key pair)`);
    }
    const password = env[`${prefix}_PASSWORD`];
    return { profile: profile as AccountProfile, credentials: { key: key ?? '', secret: secret ?? '', ...(password ? { password } : {}) } };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, accounts };
}
