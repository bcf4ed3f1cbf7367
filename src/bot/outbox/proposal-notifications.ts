import type { OrderRecord } from '../../engine/orders/order-record.js';
import type { Proposal } from '../../engine/proposals/proposal.js';
import type { OutboxContent } from '../../outbox/outbox-message.js';
import { proposalKeyboard } from '../keyboards/proposal-keyboard.js';
import { fillMessage } from '../messages/event-messages.js';
import { proposalMessage } from '../messages/proposal-message.js';
import { cardSlot, toOutboxContent } from './to-outbox-content.js';

/** The slot of a proposal's fill reply: sending it twice edits the one message instead. */
export const fillSlot = (proposalId: string) => `fill:${proposalId}`;

/** A proposal's card as it stands now, with the buttons its state allows. */
export function cardContent(proposal: Proposal, live: boolean, now: Date): OutboxContent {
  return toOutboxContent(proposalMessage(proposal, live, now), proposalKeyboard(proposal));
}

export function fillContent(proposal: Proposal, order: OrderRecord, live: boolean): OutboxContent {
  return toOutboxContent(fillMessage(proposal, order, live));
}

export const cardOptions = (proposal: Proposal) => ({ slot: cardSlot(proposal.id) });
export const fillOptions = (proposal: Proposal) => ({ slot: fillSlot(proposal.id), replyToSlot: cardSlot(proposal.id) });
