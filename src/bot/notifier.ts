import type { TradingMode } from '../config.js';
import type { EngineEvent } from '../engine/events.js';
import type { AlertSink } from '../engine/ports/alert-sink.js';
import type { Proposal } from '../engine/proposals/proposal.js';
import type { Logger } from '../logger.js';
import type { MessageOutbox } from '../outbox/create-message-outbox.js';
import { createBackfillProgressView } from './backfill-progress-view.js';
import { createEventAlerts } from '../alerts/create-event-alerts.js';
import { controlMessage } from './messages/event-messages.js';
import { cardContent, cardOptions, fillContent, fillOptions } from './outbox/proposal-notifications.js';
import { cardSlot, toOutboxContent } from './outbox/to-outbox-content.js';

export interface NotifierDeps {
  /** Everything the notifier says goes through the durable outbox. */
  outbox: Pick<MessageOutbox, 'send' | 'edit' | 'hasSlot'>;
  /** Chats that get proposals and trading news: the group, or each approver's private chat. */
  approverChats: readonly number[];
  /** Severity-tagged alerts go through the alert outbox. */
  alerts: AlertSink;
  isLive: (accountId: string) => boolean;
  /** LIVE when any account is: the badge of messages about every account (pause, halt). */
  tradingMode: TradingMode;
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
  const card = (proposal: Proposal) => cardContent(proposal, deps.isLive(proposal.accountId), deps.clock());

  async function announce(proposal: Proposal): Promise<void> {
    const content = card(proposal);
    for (const chatId of deps.approverChats) await deps.outbox.send(chatId, content, cardOptions(proposal));
  }

  // Every copy shows the latest state; an edit waiting in the outbox is replaced, not added.
  const refresh = (proposal: Proposal) => deps.outbox.edit(cardSlot(proposal.id), card(proposal));

  async function replyUnderCard(proposal: Proposal, event: Extract<EngineEvent, { type: 'order_finished' }>): Promise<void> {
    const content = fillContent(proposal, event.order, deps.isLive(proposal.accountId));
    for (const chatId of deps.approverChats) await deps.outbox.send(chatId, content, fillOptions(proposal));
  }

  // Alerts come from the one table (src/alerts/alert-table.ts), once per cause.
  const alertOf = createEventAlerts();
  const raise = async (event: EngineEvent) => {
    const alert = alertOf(event);
    if (alert !== undefined) await deps.alerts.raise(alert);
  };

  return async function notify(event: EngineEvent): Promise<void> {
    await Promise.all([raise(event), show(event)]);
  };

  async function show(event: EngineEvent): Promise<void> {
    switch (event.type) {
      case 'proposal_created':
        return announce(event.proposal);
      case 'proposal_decided':
      case 'approval_refused':
      case 'proposal_expired':
      case 'order_submitted':
      case 'order_partially_filled':
        return refresh(event.proposal);
      case 'order_finished':
        await refresh(event.proposal);
        return replyUnderCard(event.proposal, event);
      case 'order_unresolved':
        deps.logger.error({ proposal: event.proposal.id, order: event.order.clientOrderId, reason: event.reason }, 'HIGH order not resolved');
        return refresh(event.proposal);
      case 'reconcile_mismatch':
        deps.logger.error({ order: event.order.clientOrderId, was: event.was, now: event.order.state }, 'HIGH order state differed at the venue');
        return;
      case 'backfill_progress':
        return backfills.update(event.job, event.progress);
      case 'backfill_finished':
        return backfills.finish(event.job, event.report);
      case 'threshold_reverted':
        // An INFO alert (alert-table.ts) says it; there is no card to edit.
        return;
      case 'trading_control':
        for (const chatId of deps.approverChats) await deps.outbox.send(chatId, toOutboxContent(controlMessage(event, deps.tradingMode)));
        return;
      case 'research_problem':
        // An alert only (the table's), raised above.
        return;
    }
  }
}
