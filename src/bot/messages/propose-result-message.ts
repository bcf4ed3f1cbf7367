import type { ProposeResult } from '../../engine/proposals/create-proposal.js';
import { badge } from './badge.js';
import { html, type SafeHtml } from './html.js';

/** The proposer's answer: sent for approval, blocked by a gate (and why), invalid, or the venue could not be asked. */
export function proposeResultMessage(result: ProposeResult, live: boolean): SafeHtml {
  return html`${badge(live ? 'live' : 'paper')} · ${resultText(result)}`;
}

function resultText(result: ProposeResult): SafeHtml {
  switch (result.kind) {
    case 'proposed':
      return html`Proposal <code>${result.proposal.id}</code> sent for approval.`;
    case 'blocked': {
      const block = result.trace.verdicts.find((v) => v.outcome === 'block');
      const reason = block?.outcome === 'block' ? block.reason : 'blocked';
      return html`Not proposed: blocked by <b>${result.trace.blockedBy ?? 'a gate'}</b> — ${reason}. /gates lists what blocked recently.`;
    }
    case 'invalid':
      return html`Not proposed: ${result.problem}`;
    case 'unreachable':
      return unreachableMessage(result.venue, result.reason);
  }
}

/** A venue that could not be asked, as /positions tells it: what failed, and that nothing happened. */
export function unreachableMessage(venue: string, reason: string): SafeHtml {
  return html`${venue} is unreachable (${reason}); nothing was proposed. Try again in a minute; /health shows the venue's state.`;
}
