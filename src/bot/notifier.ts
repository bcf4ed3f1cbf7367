import type { Api } from 'grammy';
import type { EngineEvent } from '../engine/events.js';
import type { Proposal } from '../engine/proposals/proposal.js';
import type { Logger } from '../logger.js';
import type { ProposalMessages } from '../store/proposal-messages-repository.js';
import { createBackfillProgressView } from './backfill-progress-view.js';
import { proposalKeyboard } from './keyboards/proposal-keyboard.js';
import type { AlertSink } from '../engine/ports/alert-sink.js';
import { createEventAlerts } from '../alerts/create-event-alerts.js';
import { fillMessage, controlMessage } from './messages/event-messages.js';
import type { SafeHtml } from './messages/html.js';
import { proposalMessage } from './messages/proposal-message.js';

export interface NotifierDeps {
  api: Api;
  /** Chats that get proposals and trading news: the group, or each approver's private chat. */
  approverChats: readonly number[];
  /** Severity-tagged alerts go through the durable outbox, never straight to a chat. */
  alerts: AlertSink;
  messages: ProposalMessages;
  isLive: (accountId: string) => boolean;
  logger: Logger;
  clock: () => Date;
}

/**
 * The one place engine events become chat messages (handlers and engine never do this).
 * A proposal goes to every approver; each later step edits every copy in place.
 */
export function createNotifier(deps: NotifierDeps) {
  const backfills = createBackfillProgressView({ api: deps.api, clock: deps.clock, logger: deps.logger });
  const send = async (chatId: number, text: SafeHtml, extra: Record<string, unknown> = {}) =>
    deps.api.sendMessage(chatId, text.value, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra });

  async function announce(proposal: Proposal): Promise<void> {
    const text = proposalMessage(proposal, deps.isLive(proposal.accountId), deps.clock());
    remember(proposal.id, text.value);
    for (const chatId of deps.approverChats) {
      try {
        const sent = await send(chatId, text, { reply_markup: proposalKeyboard(proposal) });
        await deps.messages.add(proposal.id, { chatId, messageId: sent.message_id });
      } catch (error) {
        deps.logger.warn({ err: error, chat_id: chatId, proposal: proposal.id }, 'could not send a proposal to an approver');
      }
    }
  }

  // What each proposal's copies show now: an event that changes nothing visible edits nothing.
  const shown = new Map<string, string>();
  const remember = (id: string, text: string) => {
    shown.delete(id);
    shown.set(id, text);
    if (shown.size > 1_000) shown.delete(shown.keys().next().value as string);
  };

  /** Edits every copy; "message is not modified" and vanished messages are not failures. */
  async function refresh(proposal: Proposal): Promise<void> {
    const text = proposalMessage(proposal, deps.isLive(proposal.accountId), deps.clock());
    if (shown.get(proposal.id) === text.value) return;
    remember(proposal.id, text.value);
    for (const ref of deps.messages.list(proposal.id)) {
      await deps.api
        .editMessageText(ref.chatId, ref.messageId, text.value, { parse_mode: 'HTML', reply_markup: proposalKeyboard(proposal) })
        .catch((error: unknown) => deps.logger.debug({ err: error, proposal: proposal.id }, 'proposal message not edited'));
    }
  }

  async function replyInThread(proposal: Proposal, text: SafeHtml): Promise<void> {
    for (const ref of deps.messages.list(proposal.id)) {
      await send(ref.chatId, text, { reply_parameters: { message_id: ref.messageId, allow_sending_without_reply: true } }).catch((error: unknown) =>
        deps.logger.warn({ err: error, proposal: proposal.id }, 'could not reply with the fill'),
      );
    }
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
        return refresh(event.proposal);
      case 'order_finished':
        await refresh(event.proposal);
        return replyInThread(event.proposal, fillMessage(event.proposal, event.order, deps.isLive(event.proposal.accountId)));
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
      case 'trading_control':
        for (const chatId of deps.approverChats) await send(chatId, controlMessage(event)).catch(() => undefined);
        return;
    }
  }
}
