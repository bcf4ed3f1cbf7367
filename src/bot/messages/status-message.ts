import type { BotMode, TradingMode } from '../../config.js';
import type { StatusReport } from '../../engine/index.js';
import type { ControlChange, TradingControlState } from '../../engine/ports/trading-store.js';
import { badge } from './badge.js';
import { formatBytes, formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { formatTimeIn } from './jobs-message.js';

export interface StatusMessageInput {
  readonly status: StatusReport;
  readonly mode: BotMode;
  readonly tradingMode: TradingMode;
  /** The zone times are shown in (DISPLAY_TIMEZONE). */
  readonly displayTimezone: string;
}

/** The switches first: a halted or paused bot is the one thing /status must not bury. */
export function controlLines(controls: TradingControlState, timeZone: string): SafeHtml[] {
  const who = (change: ControlChange | undefined) => (change === undefined ? '' : ` by ${change.name}, ${formatTimeIn(new Date(change.at), timeZone)}`);
  const lines: SafeHtml[] = [];
  if (controls.halted) lines.push(html`🛑 <b>HALTED</b>${who(controls.haltedBy)}: every approval is refused until /resume`);
  if (controls.paused) lines.push(html`⏸ <b>Paused</b>${who(controls.pausedBy)}: new proposals are blocked and approvals refused until /resume`);
  if (lines.length === 0) lines.push(html`Trading: active${controls.resumedBy === undefined ? '' : ` (resumed${who(controls.resumedBy)})`}`);
  return lines;
}

export function statusMessage(input: StatusMessageInput): SafeHtml {
  const { status } = input;
  const pending = status.pending.map((p) => html`  ${p.label}: ${p.count}`);
  return joinHtml([
    html`${badge(input.tradingMode)} · <b>Status</b>`,
    ...controlLines(status.controls, input.displayTimezone),
    html`Mode: <b>${input.mode.toUpperCase()}</b> · ${input.tradingMode.toUpperCase()}`,
    html`Version: ${status.version}`,
    html`Uptime: ${formatDuration(status.uptimeSeconds)} (since ${formatTimeIn(status.startedAt, input.displayTimezone)})`,
    html`Store: <code>${status.store.path}</code> (${formatBytes(status.store.sizeBytes)})`,
    html`Pending:`,
    ...pending,
  ]);
}
