import type { TradingMode } from '../../config.js';
import type { DeliveryResult } from '../../outbound/classify-response.js';
import type { EndpointStatus } from '../../outbound/create-webhook-outbox.js';
import type { SourceStatus } from '../../signals/signals-panel.js';
import type { SignalResult } from '../../signals/signal-stats.js';
import { badge } from './badge.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { formatTimeIn } from './jobs-message.js';

const ACCEPTED: readonly SignalResult[] = ['proposed', 'blocked', 'duplicate'];
const ACCEPTED_WORDS: Partial<Record<SignalResult, string>> = { proposed: 'sent for approval', blocked: 'blocked by a gate', duplicate: 'a repeated signal id, nothing new' };

export interface WebhooksView {
  readonly mode: TradingMode;
  readonly endpoints: readonly EndpointStatus[];
  readonly sources: readonly SourceStatus[];
  readonly timezone: string;
}

/** `/webhooks`: each endpoint's backlog and last success and failure; each source's last accepted and refused signal. */
export function webhooksMessage(view: WebhooksView): SafeHtml {
  const time = (iso: string) => formatTimeIn(new Date(iso), view.timezone);
  const lines: SafeHtml[] = [html`${badge(view.mode)} · <b>Webhooks</b>`];
  if (view.endpoints.length === 0 && view.sources.length === 0) {
    lines.push(html`No endpoints (SIGNAL_WEBHOOKS) and no signal sources (INBOUND_SIGNALS) are set. The README's Signals section shows how.`);
    return joinHtml(lines);
  }
  lines.push(html`\n<b>Outgoing</b> (signed events)`);
  if (view.endpoints.length === 0) lines.push(html`none set (SIGNAL_WEBHOOKS)`);
  for (const e of view.endpoints) lines.push(...endpointLines(e, time));
  lines.push(html`\n<b>Incoming</b> (signals → proposals for approval)`);
  if (view.sources.length === 0) lines.push(html`none set (INBOUND_SIGNALS)`);
  for (const s of view.sources) lines.push(...sourceLines(s, time));
  if (view.endpoints.length > 0) lines.push(html`\n/webhooks test ID sends a test event · /webhooks resume ID lifts a pause`);
  return joinHtml(lines);
}

function endpointLines(e: EndpointStatus, time: (iso: string) => string): SafeHtml[] {
  const lines = [html`<b>${e.id}</b> → ${e.host} · ${e.events.join(', ')}`];
  if (e.paused !== undefined) lines.push(html`  ⏸ paused since ${time(e.paused.at)}: ${e.paused.reason}; events wait until /webhooks resume ${e.id}`);
  const retry = e.nextAttemptAt === undefined ? '' : `; next try ${time(e.nextAttemptAt)}${e.lastError === undefined ? '' : ` (last: ${e.lastError})`}`;
  lines.push(e.waiting === 0 ? html`  backlog: none` : html`  backlog: ${e.waiting} waiting, oldest from ${time(e.oldestAt ?? '')}${retry}`);
  const c = e.counts;
  lines.push(html`  since start: ${c.delivered} delivered, ${c.retried} retries, ${c.refused + c.exhausted} given up`);
  lines.push(e.lastSuccess === undefined ? html`  last success: none yet` : html`  last success: ${time(e.lastSuccess.at)}, ${e.lastSuccess.type}, ${e.lastSuccess.detail}`);
  lines.push(e.lastFailure === undefined ? html`  last failure: none` : html`  last failure: ${time(e.lastFailure.at)}, ${e.lastFailure.type}: ${e.lastFailure.detail}`);
  return lines;
}

function sourceLines(s: SourceStatus, time: (iso: string) => string): SafeHtml[] {
  const counts = s.stats.counts;
  const accepted = ACCEPTED.reduce((sum, r) => sum + (counts[r] ?? 0), 0);
  const refused = Object.entries(counts).reduce((sum, [r, n]) => sum + (ACCEPTED.includes(r as SignalResult) ? 0 : (n ?? 0)), 0);
  const lines = [html`<b>${s.id}</b> → account ${s.account} · ${s.auth} · POST /signals/${s.id}`];
  lines.push(html`  backlog: none (a signal is decided as it arrives) · since start: ${accepted} accepted, ${refused} refused`);
  const last = s.stats.lastAccepted;
  const remembered = s.lastRemembered;
  if (last !== undefined) lines.push(html`  last success: ${time(last.at)}, ${ACCEPTED_WORDS[last.result] ?? last.result} (proposal ${last.detail})`);
  else if (remembered !== undefined) lines.push(html`  last success: ${time(remembered.at)}, ${ACCEPTED_WORDS[remembered.outcome] ?? remembered.outcome} (proposal ${remembered.proposalId})`);
  else lines.push(html`  last success: none yet`);
  const refusedLast = s.stats.lastRefused;
  lines.push(refusedLast === undefined ? html`  last failure: none since start` : html`  last failure: ${time(refusedLast.at)}, ${refusedLast.detail}`);
  return lines;
}

/** The answer to `/webhooks test ID`. */
export function pingResultMessage(mode: TradingMode, endpointId: string, result: DeliveryResult): SafeHtml {
  const head = html`${badge(mode)} · Test event to <b>${endpointId}</b>`;
  switch (result.kind) {
    case 'delivered':
      return html`${head}: ✅ accepted (${result.status} in ${result.ms} ms).`;
    case 'retry':
      return html`${head}: ❌ not accepted: ${result.reason} after ${result.ms} ms. Events to it wait and are retried with backoff.`;
    case 'refused':
      return html`${head}: ❌ ${result.reason}. Events it refuses like this are dropped with a HIGH alert: fix the receiver or the URL.`;
  }
}
