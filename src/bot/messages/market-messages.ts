import type { AccountScan } from '../../engine/market-facade.js';
import type { TradingMode } from '../../config.js';
import { badge } from './badge.js';
import { totalOf, type ScanSkip, type ScanSummary } from '../../engine/scanner/scan.js';
import type { GateBlockSummary } from '../../engine/scanner/summarize-gate-blocks.js';
import { countOf } from '../../engine/text/count-of.js';
import { formatTaken } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

const SKIP_WORDING: Readonly<Record<ScanSkip, string>> = {
  weaker_signal: 'a stronger signal for the same symbol and side won',
  already_pending: 'a proposal for the same symbol and side already awaits approval',
  nothing_to_sell: 'a sell signal with nothing held',
  invalid: 'no proposal could be made (no price for the symbol)',
};

const byCount = (counts: Readonly<Record<string, number | undefined>>) =>
  Object.entries(counts)
    .flatMap(([key, n]) => (n === undefined || n === 0 ? [] : [[key, n] as const]))
    .sort((a, b) => b[1] - a[1]);

/** Where each signal went: the parts add up to the signals, and each part says why. */
function signalLines(s: ScanSummary): SafeHtml[] {
  const blocked = totalOf(s.blocked);
  const skipped = totalOf(s.skipped);
  const parts = [`${s.proposed} proposed`, `${blocked} blocked`, `${skipped} skipped`, ...(s.failed > 0 ? [`${s.failed} failed`] : [])];
  return [
    html`${countOf(s.signals, 'signal')}: ${parts.join(' + ')}`,
    ...(blocked === 0 ? [] : [html`Blocked by: ${byCount(s.blocked).map(([gate, n]) => `${gate} ${n}`).join(', ')}`]),
    ...byCount(s.skipped).map(([why, n]) => html`Skipped ${n}: ${SKIP_WORDING[why as ScanSkip]}`),
  ];
}

export function scanMessage(scans: readonly AccountScan[], mode: TradingMode): SafeHtml {
  const blocks = scans.map(({ accountId, venue, summary: s }) => {
    const failure = s.failures[0];
    const failureText = failure === undefined ? '' : `${failure.symbol}: ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`;
    return joinHtml([
      html`<b>${accountId}</b> (${venue}): ${countOf(s.symbolsScanned, 'symbol')}, ${s.seriesScanned} series in ${formatTaken(s.durationMs)}`,
      ...signalLines(s),
      ...(s.stale > 0 ? [html`${s.stale} series had no fresh bars, so no strategy ran on them (run /backfill)`] : []),
      ...(failure === undefined ? [] : [html`${countOf(s.failures.length, 'failure')}, e.g. ${failureText}`]),
    ]);
  });
  return joinHtml([html`${badge(mode)} · <b>Scan</b>`, ...blocks], '\n\n');
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
