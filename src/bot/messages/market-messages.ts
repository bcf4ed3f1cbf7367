import type { AccountScan } from '../../engine/market-facade.js';
import type { GateBlockSummary } from '../../engine/scanner/summarize-gate-blocks.js';
import { countOf } from '../../engine/text/count-of.js';
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

const SYMBOLS_LISTED = 4;

function symbolList(symbols: readonly string[]): string {
  const more = symbols.length - SYMBOLS_LISTED;
  return symbols.slice(0, SYMBOLS_LISTED).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function gateLines(gate: GateBlockSummary['gates'][number]): SafeHtml {
  // A reason that already names its one symbol needs no list after it.
  const reasons = gate.reasons.map((r) => {
    const symbols = r.symbols.length === 1 && r.reason.includes(r.symbols[0] ?? '') ? '' : ` · ${symbolList(r.symbols)}`;
    return html`   ${r.count}× ${r.reason}${symbols}`;
  });
  const other = gate.otherCount > 0 ? [html`   ${gate.otherCount}× for other reasons`] : [];
  return joinHtml([html`<b>${gate.gate}</b>: ${gate.count}`, ...reasons, ...other]);
}

export function gatesMessage(summary: GateBlockSummary): SafeHtml {
  if (summary.decisions === 0) return html`No decisions recorded yet.`;
  const proposed = summary.decisions - summary.blocked;
  return joinHtml([
    html`<b>What blocks trading</b> (last ${countOf(summary.decisions, 'decision')}: ${summary.blocked} blocked, ${proposed} proposed)`,
    ...(summary.gates.length === 0 ? [html`Nothing was blocked.`] : summary.gates.map(gateLines)),
  ]);
}

export function watchlistMessage(accountId: string, symbols: readonly string[], note?: string): SafeHtml {
  return joinHtml([
    ...(note === undefined ? [] : [html`${note}`]),
    html`<b>Watchlist</b> of ${accountId} (${symbols.length}): ${symbols.length === 0 ? 'empty' : symbols.join(', ')}`,
  ]);
}
