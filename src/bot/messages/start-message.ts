import type { BotMode, TradingMode } from '../../config.js';
import type { Role } from '../../roles.js';
import { badge } from './badge.js';
import { html, type SafeHtml } from './html.js';

export function startMessage(input: { mode: BotMode; tradingMode: TradingMode; role: Role; firstName: string }): SafeHtml {
  return html`${badge(input.tradingMode)} · <b>Countersign</b>

Hello ${input.firstName}. Countersign researches and scans the market, checks every idea against validation gates and risk limits, and proposes trades here. Nothing trades without a person's tap: you approve or reject each proposal with a button, and an approved trade is executed exactly once.

Mode: <b>${input.mode.toUpperCase()}</b> · ${input.tradingMode.toUpperCase()} trading
Your role: <b>${input.role}</b>

Send /help for what you can do.`;
}
