import type { ResearchRunReport } from '../../engine/research/run-research.js';
import type { IdeaVerdict, ResearchIdeaRecord, ResearchRunRecord } from '../../engine/research/research-records.js';
import { displayTickOf, formatMoney, formatPercent, formatPrice, quoteCurrencyOf } from '../messages/format-number.js';
import { formatUsd } from './format-usd.js';

/**
 * The full report of a run as a Markdown document: every idea whole (thesis, risks,
 * invalidation, levels, size and any cut made to it), what was dropped and why, tokens
 * and cost, and the data part of the request exactly as it was sent.
 */
export function researchReportMarkdown(report: ResearchRunReport): string {
  const run = report.run;
  const sections = [
    `# Research report · account ${run.accountId} (${run.live ? 'LIVE' : 'PAPER'})`,
    runFacts(run, report.ideas),
    ...(run.marketView === undefined ? [] : ['## Market view', run.marketView]),
    ...(run.outcome === 'ok' ? [] : ['## No ideas taken', run.detail ?? '']),
    ...(report.ideas.length === 0 ? [] : ['## Ideas', ...report.ideas.map((idea, i) => ideaSection(idea, i + 1))]),
    ...(run.dropped.length === 0 ? [] : ['## Dropped before the gates', run.dropped.map((d) => `- ${d.symbol ?? 'an idea'}: ${d.reason}`).join('\n')]),
    ...(report.prompt === undefined ? [] : ['## The data sent to Claude', 'After the system prompt (the rules and this account\'s mandate, see the README), the request carried:', `\`\`\`\`text\n${report.prompt}\n\`\`\`\``]),
  ];
  return `${sections.join('\n\n')}\n`;
}

function runFacts(run: ResearchRunRecord, ideas: readonly ResearchIdeaRecord[]): string {
  const u = run.usage;
  const count = (n: number) => n.toLocaleString('en-US');
  const proposed = ideas.filter((i) => i.verdict.kind === 'proposed').length;
  const blocked = ideas.filter((i) => i.verdict.kind === 'blocked').length;
  return [
    `- When: ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${run.trigger === 'schedule' ? 'scheduled' : `asked in the chat${run.by === undefined ? '' : ` by user ${run.by}`}`}`,
    `- Model: ${run.model}`,
    `- Universe: ${run.universe} symbols, ${run.symbolsWithData} with data`,
    `- Result: ${proposed} proposed, ${blocked} blocked by a gate, ${run.dropped.length} dropped as invalid`,
    `- Tokens: ${count(u.input)} input, ${count(u.cacheWrite)} written to the cache, ${count(u.cacheRead)} read from the cache, ${count(u.output)} output (estimated before the call: ${count(run.estimatedInputTokens)} input)`,
    `- Cost: ${run.costUsd === undefined ? 'not priced (the budget counts tokens)' : formatUsd(run.costUsd)}`,
  ].join('\n');
}

function ideaSection(idea: ResearchIdeaRecord, n: number): string {
  const verdict = verdictText(idea.verdict);
  // Every price of the idea at the decimals of the price the model saw, as the card shows them.
  const tick = displayTickOf(idea.referencePrice);
  const price = (value: string) => formatPrice(value, tick);
  const entry = idea.entry.type === 'limit' ? `limit ${price(idea.entry.price)}` : 'market';
  return [
    `### ${n}. ${idea.side.toUpperCase()} ${idea.symbol} — ${verdict}`,
    '| | |\n|---|---|',
    `| Entry | ${entry} (last price ${price(idea.referencePrice)}) |`,
    `| Stop | ${price(idea.stop)} |`,
    `| Target | ${price(idea.target)} |`,
    `| Horizon | ${idea.horizonDays} trading day${idea.horizonDays === 1 ? '' : 's'} |`,
    `| Size | ${idea.sizePct}% of equity suggested; ${formatMoney(idea.notional, quoteCurrencyOf(idea.symbol))} proposed |`,
    `| Confidence | ${formatPercent(idea.confidence, 0)} |`,
    '',
    `**Thesis.** ${idea.thesis}`,
    '',
    `**Risks.**\n${idea.risks.map((r) => `- ${r}`).join('\n')}`,
    '',
    `**Invalidation.** ${idea.invalidation}`,
    ...(idea.clamps.length === 0 ? [] : ['', `**Cut by the account's limits.** ${idea.clamps.join('; ')}`]),
  ].join('\n');
}

function verdictText(verdict: IdeaVerdict): string {
  switch (verdict.kind) {
    case 'proposed':
      return `proposed as #${verdict.proposalId}`;
    case 'blocked':
      return `blocked by ${verdict.gate}: ${verdict.reason}`;
    case 'waiting':
      return `waits for the open (${verdict.reason}); proposed then, through every gate`;
    case 'invalid':
      return `not proposed: ${verdict.reason}`;
  }
}
