import type { EngineEvent } from '../engine/events.js';
import type { AlertSink } from '../engine/ports/alert-sink.js';
import type { Proposal } from '../engine/proposals/proposal.js';
import type { Logger } from '../logger.js';
import type { MessageOutbox } from '../outbox/create-message-outbox.js';
import { createBackfillProgressView } from './backfill-progress-view.js';
import { proposalKeyboard } from './keyboards/proposal-keyboard.js';
import { controlMessage, fillMessage } from './messages/event-messages.js';
import { proposalMessage } from './messages/proposal-message.js';
import { cardSlot, toOutboxContent } from './outbox/to-outbox-content.js';
import { researchProblemAlert } from './research/research-problem-alert.js';

export interface NotifierDeps {
  /** Everything the notifier says goes through the durable outbox. */
  outbox: Pick<MessageOutbox, 'send' | 'edit' | 'hasSlot'>;
  /** Chats that get proposals and trading news: the group, or each approver's private chat. */
  approverChats: readonly number[];
  /** Severity-tagged alerts go through the alert outbox. */
  alerts: AlertSink;
  isLive: (accountId: string) => boolean;
  logger: Logger;
  clock: () => Date;
}

/**
 * The one place engine events become chat messages (handlers and engine never do this).
 * A proposal's card goes to every approver; each later step edits every copy in place,
 * and the fill is a reply under it. All of it through the outbox: written before it is
 * sent, delivered once Telegram is reachable, never lost.
 */
export function createNotifier(deps: NotifierDeps) {
  const backfills = createBackfillProgressView({ outbox: deps.outbox, clock: deps.clock });
  const card = (proposal: Proposal) => toOutboxContent(proposalMessage(proposal, deps.isLive(proposal.accountId), deps.clock()), proposalKeyboard(proposal));

  async function announce(proposal: Proposal): Promise<void> {
    const content = card(proposal);
    for (const chatId of deps.approverChats) await deps.outbox.send(chatId, content, { slot: cardSlot(proposal.id) });
  }

  // Every copy shows the latest state; an edit waiting in the outbox is replaced, not added.
  const refresh = (proposal: Proposal) => deps.outbox.edit(cardSlot(proposal.id), card(proposal));

  async function replyUnderCard(proposal: Proposal, event: Extract<EngineEvent, { type: 'order_finished' }>): Promise<void> {
    const content = toOutboxContent(fillMessage(proposal, event.order, deps.isLive(proposal.accountId)));
    for (const chatId of deps.approverChats) await deps.outbox.send(chatId, content, { replyToSlot: cardSlot(proposal.id) });
  }

  return async function notify(event: EngineEvent): Promise<void> {
    switch (event.type) {
      case 'proposal_created':
        return announce(event.proposal);
      case 'proposal_decided':
      case 'approval_refused':
      case 'proposal_expired':
      case 'order_submitted':
        return refresh(event.proposal);
      case 'order_finished':
        await refresh(event.proposal);
        return replyUnderCard(event.proposal, event);
      case 'order_unresolved':
        deps.logger.error({ proposal: event.proposal.id, order: event.order.clientOrderId, reason: event.reason }, 'HIGH order not resolved');
        await refresh(event.proposal);
        return deps.alerts.raise({
          severity: 'HIGH',
          type: 'order_unresolved',
          title: `Order ${event.order.clientOrderId} (${event.order.symbol}) is not resolved`,
          body: event.reason,
          dedupeKey: `order_unresolved:${event.order.clientOrderId}`,
        });
      case 'reconcile_mismatch':
        deps.logger.error({ order: event.order.clientOrderId, was: event.was, now: event.order.state }, 'HIGH order state differed at the venue');
        return deps.alerts.raise({
          severity: 'HIGH',
          type: 'reconcile_mismatch',
          title: `Order ${event.order.clientOrderId} (${event.order.symbol}) differed at ${event.order.venue}`,
          body: `It was ${event.was} here and is ${event.order.state} at the venue; updated.`,
        });
      case 'backfill_progress':
        return backfills.update(event.job, event.progress);
      case 'backfill_finished':
        return backfills.finish(event.job, event.report);
      case 'trading_control':
        for (const chatId of deps.approverChats) await deps.outbox.send(chatId, toOutboxContent(controlMessage(event)));
        return;
      case 'research_problem':
        return deps.alerts.raise(researchProblemAlert(event.problem));
    }
  };
}
