import type { BotMode, TradingMode } from '../../config.js';
import type { StatusReport } from '../../engine/index.js';
import { badge } from './badge.js';
import { formatBytes, formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function statusMessage(input: { status: StatusReport; mode: BotMode; tradingMode: TradingMode }): SafeHtml {
  const { status } = input;
  const pending = status.pending.map((p) => html`  ${p.label}: ${p.count}`);
  return joinHtml([
    html`${badge(input.tradingMode)} · <b>Status</b>`,
    html`Mode: <b>${input.mode.toUpperCase()}</b> · ${input.tradingMode.toUpperCase()}`,
    html`Version: ${status.version}`,
    html`Uptime: ${formatDuration(status.uptimeSeconds)} (since ${status.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    html`Store: <code>${status.store.path}</code> (${formatBytes(status.store.sizeBytes)})`,
    html`Pending:`,
    ...pending,
  ]);
}
