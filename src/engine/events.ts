import type { BackfillProgress, BackfillReport } from './backfill/run-backfill.js';
import type { OrderRecord, OrderState } from './orders/order-record.js';
import type { BackfillJobRecord } from './ports/backfill-jobs.js';
import type { Proposal } from './proposals/proposal.js';
import type { ResearchProblem } from './research/research-problem.js';
import type { ThresholdChange } from './settings/threshold-override.js';

/**
 * Everything the engine tells the outside world. One notifier turns these into chat
 * messages; the engine never calls Telegram (DESIGN: data flows one way).
 */
export type EngineEvent =
  | { readonly type: 'proposal_created'; readonly proposal: Proposal }
  | { readonly type: 'proposal_decided'; readonly proposal: Proposal }
  | { readonly type: 'approval_refused'; readonly proposal: Proposal; readonly reason: string; readonly by: number }
  | { readonly type: 'proposal_expired'; readonly proposal: Proposal }
  | { readonly type: 'order_submitted'; readonly proposal: Proposal; readonly order: OrderRecord }
  | { readonly type: 'order_finished'; readonly proposal: Proposal; readonly order: OrderRecord }
  /** A working order filled in part: news for the card, no alert (a resting limit fills in its own time). */
  | { readonly type: 'order_partially_filled'; readonly proposal: Proposal; readonly order: OrderRecord }
  | { readonly type: 'order_unresolved'; readonly proposal: Proposal; readonly order: OrderRecord; readonly reason: string }
  | { readonly type: 'reconcile_mismatch'; readonly order: OrderRecord; readonly was: OrderState }
  | { readonly type: 'backfill_progress'; readonly job: BackfillJobRecord; readonly progress: BackfillProgress }
  | { readonly type: 'backfill_finished'; readonly job: BackfillJobRecord; readonly report: BackfillReport }
  /** A temporary threshold ended and the value underneath is in force again. */
  | { readonly type: 'threshold_reverted'; readonly change: ThresholdChange }
  | {
      readonly type: 'trading_control';
      readonly action: 'paused' | 'resumed' | 'halted';
      readonly by: number;
      /** The person's name (`@username` or first name), which messages show instead of the id. */
      readonly byName: string;
      readonly canceledOrders?: number;
      readonly failures?: readonly string[];
    }
  | { readonly type: 'research_problem'; readonly problem: ResearchProblem };

export interface EventSink {
  emit(event: EngineEvent): void;
}

export interface EventBus extends EventSink {
  subscribe(listener: (event: EngineEvent) => void): () => void;
}

/**
 * Fans events out to listeners, synchronously and in order. A listener that has slow work
 * starts it in the background itself; one that throws never stops the engine or the others.
 */
export function createEventBus(onListenerError: (error: unknown, event: EngineEvent) => void): EventBus {
  const listeners = new Set<(event: EngineEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
