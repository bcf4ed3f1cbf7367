import type { MessageRef } from '../engine/ports/trading-store.js';
import type { Store } from './open-store.js';

export interface ProposalMessages {
  add(proposalId: string, ref: MessageRef): Promise<void>;
  list(proposalId: string): readonly MessageRef[];
}

/** Where each proposal was shown, so every copy is edited, also after a restart. */
export function createProposalMessagesRepository(store: Pick<Store, 'document'>): ProposalMessages {
  const { document } = store;
  return {
    async add(proposalId, ref) {
      await document.update((data) => {
        data.trading.messages[proposalId] = [...(data.trading.messages[proposalId] ?? []), ref];
      });
    },
    list: (proposalId) => document.read().trading.messages[proposalId] ?? [],
  };
}
