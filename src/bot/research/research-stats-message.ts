import type { AccountResearchStats, ByCurrency, ExecutedResult, ShadowReturn } from '../../engine/research/calculate-research-stats.js';
import { badge } from '../messages/badge.js';
import { formatPercent, formatSignedMoney } from '../messages/format-number.js';
import { html, joinHtml, type SafeHtml } from '../messages/html.js';
import { formatUsd } from './format-usd.js';

/**
 * `/research stats`, per account: is a 0.8 idea right more often than a 0.6 one, did the
 * approved ideas do better than the rejected ones would have, and what an idea costs.
 */
export function researchStatsMessage(stats: readonly AccountResearchStats[], input: { isLive: (accountId: string) => boolean; days: number; enabled: boolean }): SafeHtml {
  const live = stats.some((s) => input.isLive(s.accountId));
  const head = html`${badge(live ? 'live' : 'paper')} · 🔎 <b>Research statistics</b> (last ${input.days} days)`;
  // Earlier runs still count once the key is gone; with none, say what turns research on.
  if (stats.length === 0) return joinHtml([head, input.enabled ? html`No research yet.` : html`Research is off: set ANTHROPIC_API_KEY and restart.`]);
  return joinHtml([head, ...stats.map((s) => accountBlock(s, input.isLive(s.accountId)))], '\n\n');
}

function accountBlock(s: AccountResearchStats, live: boolean): SafeHtml {
  const statuses = Object.entries(s.byStatus).map(([status, n]) => `${n} ${status}`).join(', ');
  const buckets = s.calibration.filter((b) => b.ideas > 0).map((b) => html`  ${b.label}: ${b.evaluated === 0 ? `${b.ideas} idea${b.ideas === 1 ? '' : 's'}, none evaluated yet` : `${b.hits}/${b.evaluated} right (${formatPercent(b.hitRate ?? 0, 0)})`}`);
  return joinHtml([
    html`<b>${s.accountId}</b> ${live ? '(LIVE)' : '(PAPER)'} · ${s.runs} run${s.runs === 1 ? '' : 's'} · ${s.ideas} idea${s.ideas === 1 ? '' : 's'}${statuses === '' ? '' : `: ${statuses}`} · ${s.dropped} dropped as invalid`,
    html`Approval rate: ${s.approvalRate === undefined ? 'nobody decided yet' : formatPercent(s.approvalRate, 0)}`,
    html`Hit rate by confidence:`,
    ...(buckets.length === 0 ? [html`  no ideas yet`] : buckets),
    html`Return over the horizon: approved ${shadow(s.approved)} · rejected (not traded) ${shadow(s.rejected)}`,
    executedLine(s.executed),
    html`Cost: ${formatUsd(s.costUsd)} · per proposed idea ${s.costPerProposed === undefined ? '—' : formatUsd(s.costPerProposed)} · per executed idea ${s.costPerExecuted === undefined ? '—' : formatUsd(s.costPerExecuted)}`,
  ]);
}

/**
 * Realized is what sells took in (the /pnl book); "at the horizon" marks each position at
 * the close its horizon ended on. Money in each quote currency, as /pnl shows it.
 */
function executedLine(e: ExecutedResult): SafeHtml {
  if (e.ideas === 0) return html`Executed ideas: none yet`;
  const money = (sums: ByCurrency) => Object.entries(sums).map(([currency, sum]) => formatSignedMoney(sum, currency)).join(', ');
  const realized = e.realizedIdeas === 0 ? 'nothing sold yet' : `realized ${money(e.realizedPnl)} on ${e.realizedIdeas}`;
  const horizon = e.horizonIdeas === 0 ? 'no horizon passed yet' : `${money(e.horizonPnl)} at the horizon over ${e.horizonIdeas}`;
  const fees = e.realizedIdeas + e.horizonIdeas === 0 ? '' : ' (fees included)';
  return html`Executed ideas: ${e.ideas} · ${realized} · ${horizon}${fees}`;
}

function shadow(r: ShadowReturn): string {
  if (r.ideas === 0) return 'none';
  if (r.meanReturnPct === undefined) return `${r.ideas}, none evaluated yet`;
  return `${r.meanReturnPct >= 0 ? '+' : ''}${r.meanReturnPct.toFixed(1)}% average over ${r.evaluated}`;
}
