import type { TradingMode } from '../../config.js';
import { html, type SafeHtml } from './html.js';

/** Every message about money starts with this, so nobody mistakes paper for live. */
export function badge(mode: TradingMode): SafeHtml {
  return mode === 'live' ? html`🔴 <b>LIVE</b>` : html`📄 <b>PAPER</b>`;
}

/** The same for a plain-text message. */
export function plainBadge(mode: TradingMode): string {
  return mode === 'live' ? '🔴 LIVE' : '📄 PAPER';
}
