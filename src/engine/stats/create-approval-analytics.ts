import type { AccountProfile } from '../accounts/account-profile.js';
import type { Gate } from '../gates/gate.js';
import type { Bar, Timeframe } from '../market/bars.js';
import type { BarStore } from '../ports/bar-store.js';
import type { DecisionLog } from '../ports/decision-log.js';
import type { ProposalSummary } from '../ports/history-reader.js';
import type { DecisionRow } from '../settings/decision-row.js';
import { calculateDailyRates, type DailyRates } from './calculate-daily-rates.js';
import { calculateRateTable, type RateGroup } from './calculate-rate-table.js';
import { calculateShadowPnl, SHADOW_HORIZONS, type PriceAt, type ShadowGroup, type ShadowPnl } from './calculate-shadow-pnl.js';
import { suggestThresholds, type Suggestion } from './suggest-thresholds.js';

export interface AnalyticsDeps {
  readonly decisions: DecisionLog;
  readonly proposalsSince: (since: Date) => Promise<readonly ProposalSummary[]>;
  readonly profiles: () => readonly AccountProfile[];
  readonly gates: readonly Gate[];
  readonly clock: () => Date;
  readonly bars: BarStore;
  /** The bar store venue that serves an account. */
  readonly barVenueOf: (accountId: string) => string;
}

export interface ApprovalAnalytics {
  readonly at: Date;
  readonly groups: readonly RateGroup[];
  readonly suggestions: readonly Suggestion[];
  readonly bands: Readonly<Record<string, { readonly low: number; readonly high: number }>>;
}

const WINDOW_MS = 30 * 86_400_000;
/** Shadow P&L prices come from the finest of these the store holds for the symbol. */
const PRICE_TIMEFRAMES: readonly Timeframe[] = ['1h', '1d'];

/** /stats and /stats suggest: rates per group and window, and the suggestions, from one read of 30 days. */
export function createApprovalAnalytics(deps: AnalyticsDeps) {
  async function read() {
    const now = deps.clock();
    const from = new Date(now.getTime() - WINDOW_MS);
    const [rows, proposals] = await Promise.all([deps.decisions.since(from), deps.proposalsSince(from)]);
    return { now, rows, proposals };
  }

  function analyse({ now, rows, proposals }: Awaited<ReturnType<typeof read>>): ApprovalAnalytics {
    const profiles = deps.profiles();
    return {
      at: now,
      groups: calculateRateTable(rows, proposals, now),
      suggestions: suggestThresholds({ rows, proposals, profiles, gates: deps.gates, now }),
      bands: Object.fromEntries(profiles.map((p) => [p.id, { low: p.approvalBandLowPct / 100, high: p.approvalBandHighPct / 100 }])),
    };
  }

  async function markShadow({ now, rows, proposals }: Awaited<ReturnType<typeof read>>): Promise<ShadowPnl> {
    const outcomes = new Map<string, ShadowGroup>();
    for (const p of proposals) {
      const outcome = p.decision?.decision ?? (p.state === 'expired' ? 'expired' : undefined);
      if (outcome !== undefined) outcomes.set(p.id, outcome);
    }
    const outcomeOf = (row: DecisionRow): ShadowGroup | undefined => (row.outcome === 'blocked' ? 'blocked' : outcomes.get(row.id));
    const priceAt = await loadPrices(rows, now.getTime());
    return calculateShadowPnl(rows, outcomeOf, priceAt, now.getTime());
  }

  const report = async (): Promise<ApprovalAnalytics> => analyse(await read());
  const shadow = async (): Promise<ShadowPnl> => markShadow(await read());
  /** What /stats shows, from one read of the window. */
  async function overview(): Promise<{ report: ApprovalAnalytics; shadow: ShadowPnl }> {
    const window = await read();
    return { report: analyse(window), shadow: await markShadow(window) };
  }

  /** Bars of every symbol decided on, read once per series over the window and its horizons. */
  async function loadPrices(rows: readonly DecisionRow[], now: number): Promise<PriceAt> {
    const longest = Math.max(...SHADOW_HORIZONS.map((h) => h.ms));
    const series = new Map<string, Bar[]>();
    const keys = new Set(rows.map((r) => `${deps.barVenueOf(r.accountId)}\u0000${r.symbol}`));
    for (const key of keys) {
      const [venue, symbol] = key.split('\u0000') as [string, string];
      for (const timeframe of PRICE_TIMEFRAMES) {
        const bars = await deps.bars.readRange({ venue, symbol, timeframe }, now - WINDOW_MS, now + longest);
        if (bars.length > 0) {
          series.set(key, bars);
          break;
        }
      }
    }
    return (accountId, symbol, at) => firstOpenFrom(series.get(`${deps.barVenueOf(accountId)}\u0000${symbol}`), at);
  }

  /** Rates out of band now, by account and rate: an excursion is told once, when it starts. */
  let outOfBand = new Set<string>();
  /** The suggestions whose rate has just left its band (not the ones already out at the last look). */
  async function newExcursions(): Promise<readonly Suggestion[]> {
    const { suggestions } = await report();
    const now = new Set(suggestions.map(excursionKey));
    const started = suggestions.filter((s) => !outOfBand.has(excursionKey(s)));
    outOfBand = now;
    return started;
  }

  /** An account's rates per day over 30 days and its band, for the chart; undefined for an unknown account. */
  async function daily(accountId: string): Promise<{ days: DailyRates[]; band: { low: number; high: number } } | undefined> {
    const profile = deps.profiles().find((p) => p.id === accountId);
    if (profile === undefined) return undefined;
    const { now, rows, proposals } = await read();
    return { days: calculateDailyRates(rows, proposals, accountId, now), band: { low: profile.approvalBandLowPct / 100, high: profile.approvalBandHighPct / 100 } };
  }

  return { report, shadow, overview, daily, newExcursions };
}

const excursionKey = (s: Suggestion) => `${s.accountId}\u0000${s.metric}`;

/** The open of the first bar at or after `at`, if within a day of it (else the series has a hole there). */
function firstOpenFrom(bars: readonly Bar[] | undefined, at: number): number | undefined {
  if (bars === undefined) return undefined;
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((bars[middle] as Bar).t < at) low = middle + 1;
    else high = middle;
  }
  const bar = bars[low];
  return bar !== undefined && bar.t - at <= 86_400_000 ? bar.o : undefined;
}

export type ApprovalAnalyticsService = ReturnType<typeof createApprovalAnalytics>;
