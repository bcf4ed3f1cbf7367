import type { ResearchRunReport } from '../../engine/research/run-research.js';
import type { DroppedIdea, ResearchIdeaRecord, ResearchRunRecord } from '../../engine/research/research-records.js';
import { badge } from '../messages/badge.js';
import { formatPercent } from '../messages/format-number.js';
import { html, joinHtml, type SafeHtml } from '../messages/html.js';
import { formatUsage, formatUsd } from './format-usd.js';

export interface BudgetLine {
  readonly spentTodayUsd: string;
  readonly budgetUsd: string;
}

/**
 * The one message a run delivers: every idea with its verdict (proposed as #id, blocked
 * by a gate, or dropped and why), then tokens and cost. The cards themselves follow
 * separately, as for any proposal.
 */
export function researchSummaryMessage(report: ResearchRunReport, budget: BudgetLine | undefined): SafeHtml {
  const run = report.run;
  const lines: SafeHtml[] = [
    html`${badge(run.live ? 'live' : 'paper')} · 🔎 <b>Research</b> · account ${run.accountId}`,
    html`${run.model} · ${run.universe} symbol${run.universe === 1 ? '' : 's'}${run.symbolsWithData < run.universe ? ` (${run.symbolsWithData} with data)` : ''}`,
  ];
  if (run.outcome === 'ok') lines.push(...ideaLines(report.ideas, run.dropped));
  else lines.push(html`${run.outcome === 'budget_spent' ? '⏸ Not run' : '⚠️ No ideas taken'}: ${run.detail ?? ''}`);
  if (run.marketView !== undefined && run.marketView.trim() !== '') lines.push(html`<i>View:</i> ${shorten(run.marketView, 400)}`);
  if (run.outcome !== 'budget_spent') lines.push(costLine(run, budget));
  return joinHtml(lines);
}

function ideaLines(ideas: readonly ResearchIdeaRecord[], dropped: readonly DroppedIdea[]): SafeHtml[] {
  if (ideas.length === 0 && dropped.length === 0) return [html`No ideas: nothing fitted the mandate today.`];
  const taken = ideas.map((idea, i) => html`${i + 1}. <b>${idea.side.toUpperCase()} ${idea.symbol}</b> · ${formatPercent(idea.confidence, 0)} · ${verdictText(idea)}`);
  const cut = ideas.flatMap((idea) => idea.clamps.map((clamp) => html`   ✂️ ${idea.symbol}: ${clamp}`));
  const gone = dropped.map((d, i) => html`${ideas.length + i + 1}. ✗ ${d.symbol ?? 'an idea'} dropped: ${shorten(d.reason, 200)}`);
  return [...taken, ...cut, ...gone];
}

/** Ideas that waited for their market to open, and what the gates made of them now. */
export function researchAtOpenMessage(accountId: string, live: boolean, ideas: readonly ResearchIdeaRecord[]): SafeHtml {
  return joinHtml([
    html`${badge(live ? 'live' : 'paper')} · 🔎 <b>Research at the open</b> · account ${accountId}`,
    ...ideas.map((idea, i) => html`${i + 1}. <b>${idea.side.toUpperCase()} ${idea.symbol}</b> · ${formatPercent(idea.confidence, 0)} · ${verdictText(idea)}`),
  ]);
}

function verdictText(idea: ResearchIdeaRecord): SafeHtml {
  const verdict = idea.verdict;
  switch (verdict.kind) {
    case 'proposed':
      return html`✅ proposed as <code>#${verdict.proposalId}</code>`;
    case 'blocked':
      return html`⛔ blocked by ${verdict.gate}: ${shorten(verdict.reason, 160)}`;
    case 'invalid':
      return html`✗ not proposed: ${shorten(verdict.reason, 160)}`;
    case 'waiting':
      return html`⏳ waits for the open: ${shorten(verdict.reason, 160)}`;
  }
}

function costLine(run: ResearchRunRecord, budget: BudgetLine | undefined): SafeHtml {
  const cost = run.costUsd === undefined ? 'cost not priced (counted in tokens)' : `cost ${formatUsd(run.costUsd)}`;
  const today = budget === undefined ? '' : ` · today ${formatUsd(budget.spentTodayUsd)} of ${formatUsd(budget.budgetUsd)}`;
  return html`Tokens: ${formatUsage(run.usage)} · ${cost}${today}`;
}

export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
