import type { Engine } from '../engine/index.js';
import type { MessageOutbox } from '../outbox/create-message-outbox.js';
import { cardContent, cardOptions, fillContent, fillOptions } from './outbox/proposal-notifications.js';

export interface NotificationReconcilerDeps {
  readonly engine: Pick<Engine, 'listProposals' | 'recentlySettled'>;
  readonly outbox: Pick<MessageOutbox, 'send'>;
  readonly approverChats: readonly number[];
  readonly isLive: (accountId: string) => boolean;
  readonly clock: () => Date;
}

/** How many of the newest settled orders are checked at start-up. */
const RECENT = 50;

/**
 * At start-up, brings the chats in line with the store. A crash between a change and its
 * message (the card of a new proposal, the edit after a fill, the fill reply) leaves
 * nothing in the outbox to send; this finds what is missing and queues it. Every message
 * here has a slot, so what already arrived is not sent again: an unchanged one costs
 * nothing, a changed one becomes an edit.
 */
export function createNotificationReconciler(deps: NotificationReconcilerDeps) {
  return async function reconcileNotifications(): Promise<string> {
    const now = deps.clock();
    let checked = 0;
    for (const proposal of deps.engine.listProposals()) {
      for (const chatId of deps.approverChats) await deps.outbox.send(chatId, cardContent(proposal, deps.isLive(proposal.accountId), now), cardOptions(proposal));
      checked += 1;
    }
    for (const { proposal, order } of await deps.engine.recentlySettled(RECENT)) {
      const live = deps.isLive(proposal.accountId);
      for (const chatId of deps.approverChats) {
        await deps.outbox.send(chatId, cardContent(proposal, live, now), cardOptions(proposal));
        if (proposal.fill !== undefined) await deps.outbox.send(chatId, fillContent(proposal, order, live), fillOptions(proposal));
      }
      checked += 1;
    }
    return `${checked} proposal(s) checked against the chats`;
  };
}
