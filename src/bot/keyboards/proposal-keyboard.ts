import { InlineKeyboard } from 'grammy';
import type { Proposal } from '../../engine/proposals/proposal.js';
import { encodeCallbackData } from '../callback-data.js';

export const APPROVE_PREFIX = 'pa';
export const REJECT_PREFIX = 'pr';
export const DETAILS_PREFIX = 'pd';

/** Approve / Reject while pending; afterwards only Details. Data is the opaque id alone. */
export function proposalKeyboard(proposal: Proposal): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (proposal.state === 'pending') {
    keyboard.text('Approve', encodeCallbackData(APPROVE_PREFIX, proposal.id)).text('Reject', encodeCallbackData(REJECT_PREFIX, proposal.id));
  }
  return keyboard.text('Details', encodeCallbackData(DETAILS_PREFIX, proposal.id));
}
