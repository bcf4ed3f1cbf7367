import type { ResearchCosts } from '../../engine/research/summarize-costs.js';
import type { TradingMode } from '../../config.js';
import { badge } from '../messages/badge.js';
import { formatTime } from '../messages/format-number.js';
import { html, joinHtml, type SafeHtml } from '../messages/html.js';
import { formatUsage, formatUsd } from './format-usd.js';

/** `/research cost`: today, 7 d and 30 d, by account and model, and where today's budget stands. */
export function researchCostMessage(costs: ResearchCosts, input: { mode: TradingMode; enabled: boolean; now: Date }): SafeHtml {
  const lines: SafeHtml[] = [html`${badge(input.mode)} · 🔎 <b>Research cost</b> (days end at 00:00 UTC)`];
  if (!input.enabled) lines.push(html`Research is off: set ANTHROPIC_API_KEY and restart.`);
  const month = costs.windows.at(-1);
  if (!input.enabled && (month === undefined || month.lines.length === 0)) return joinHtml(lines);
  lines.push(html`Today: ${formatUsd(costs.spentTodayUsd)} of the ${formatUsd(costs.budgetUsd)} daily budget${costs.stoppedAt === undefined ? '' : `, stopped at ${formatTime(costs.stoppedAt, input.now)} until 00:00 UTC`}`);
  for (const window of costs.windows) {
    lines.push(html`<b>${window.label}</b>: ${formatUsd(window.totalUsd)} · ${window.totalTokens.toLocaleString('en-US')} tokens`);
    if (window.lines.length === 0) lines.push(html`  no research`);
    for (const line of window.lines) {
      const cost = line.costUsd === undefined ? 'not priced' : formatUsd(line.costUsd);
      lines.push(html`  ${line.accountId} · ${line.model}: ${line.runs} run${line.runs === 1 ? '' : 's'}, ${cost}, ${formatUsage(line.usage)}`);
    }
  }
  return joinHtml(lines);
}
