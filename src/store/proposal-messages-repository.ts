import type { Store } from './open-store.js';

/** Where a message sits in a chat, so it can be edited later. */
export interface MessageRef {
  readonly chatId: number;
  readonly messageId: number;
}

export interface ProposalMessages {
  add(proposalId: string, ref: MessageRef): Promise<void>;
  list(proposalId: string): readonly MessageRef[];
}

/**
 * Enough to edit the cards of every proposal still in play (pending ones expire within
 * hours), small enough to keep the document cheap to write.
 */
const KEEP_PROPOSALS = 500;

/** Where each proposal was shown, so every copy is edited, also after a restart. */
export function createProposalMessagesRepository(store: Pick<Store, 'document'>): ProposalMessages {
  const { document } = store;
  return {
    async add(proposalId, ref) {
      await document.update((data) => {
        const messages = data.chat.proposalMessages;
        messages[proposalId] = [...(messages[proposalId] ?? []), ref];
        // Keys keep insertion order: the first ones are the oldest proposals.
        const ids = Object.keys(messages);
        for (const old of ids.slice(0, Math.max(0, ids.length - KEEP_PROPOSALS))) delete messages[old];
      });
    },
    list: (proposalId) => document.read().chat.proposalMessages[proposalId] ?? [],
  };
}
