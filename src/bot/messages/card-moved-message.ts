import type { Proposal } from '../../engine/proposals/proposal.js';
import { badge } from './badge.js';
import { html, type SafeHtml } from './html.js';

/** What an older copy of a card says once /pending has shown the card again further down. */
export function cardMovedMessage(proposal: Proposal, live: boolean): SafeHtml {
  return html`${badge(live ? 'live' : 'paper')} · Proposal <code>${proposal.id}</code> · ${proposal.side.toUpperCase()} ${proposal.symbol}
↓ Shown again further down (/pending): that copy has the buttons and stays up to date.`;
}
