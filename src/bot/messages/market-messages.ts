import type { AccountScan } from '../../engine/market-facade.js';
import type { GateBlockSummary } from '../../engine/scanner/summarize-gate-blocks.js';
import { formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function scanMessage(scans: readonly AccountScan[]): SafeHtml {
  const blocks = scans.map(({ accountId, venue, summary: s }) => {
    const blocked = Object.entries(s.blocked).sort((a, b) => b[1] - a[1]);
    const blockedCount = blocked.reduce((n, [, c]) => n + c, 0);
    return joinHtml([
      html`<b>${accountId}</b> (${venue}): ${s.symbolsScanned} symbols, ${s.seriesScanned} series in ${formatDuration(s.durationMs / 1000)}`,
      html`Signals ${s.signals} · proposed ${s.proposed} · blocked ${blockedCount}${s.invalid > 0 ? ` · invalid ${s.invalid}` : ''}`,
      ...(blocked.length === 0 ? [] : [html`Blocked by: ${blocked.map(([g, c]) => `${g} ${c}`).join(', ')}`]),
      ...(s.stale > 0 ? [html`${s.stale} series had no fresh bars (run /backfill) and were skipped`] : []),
      ...(s.failures.length > 0 ? [html`${s.failures.length} failures, e.g. ${s.failures[0]?.symbol ?? ''}: ${String((s.failures[0]?.error as Error | undefined)?.message ?? s.failures[0]?.error)}`] : []),
    ]);
  });
  return joinHtml([html`<b>Scan</b>`, ...blocks], '\n\n');
}

export function gatesMessage(summary: GateBlockSummary): SafeHtml {
  if (summary.decisions === 0) return html`No decisions recorded yet.`;
  const lines = summary.gates.map((g) =>
    joinHtml([html`<b>${g.gate}</b>: ${g.count}`, ...g.reasons.map((r) => html`   ${r.count}× ${r.reason}`)]),
  );
  return joinHtml([
    html`<b>What blocks trading</b> (last ${summary.decisions} decisions: ${summary.blocked} blocked, ${summary.decisions - summary.blocked} proposed)`,
    ...(lines.length === 0 ? [html`Nothing was blocked.`] : lines),
  ]);
}

export function watchlistMessage(accountId: string, symbols: readonly string[], note?: string): SafeHtml {
  return joinHtml([
    ...(note === undefined ? [] : [html`${note}`]),
    html`<b>Watchlist</b> of ${accountId} (${symbols.length}): ${symbols.length === 0 ? 'empty' : symbols.join(', ')}`,
  ]);
}
