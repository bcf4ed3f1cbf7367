import type { EngineEvent } from '../engine/events.js';
import type { OrderRecord } from '../engine/orders/order-record.js';
import type { Proposal } from '../engine/proposals/proposal.js';
import { toDecimal } from '../engine/money/decimal.js';
import type { OrderData, ProposalData, WebhookEventType } from './webhook-payloads.js';

/**
 * An event to publish. `key` names the event itself (`proposal.created:<proposal id>`):
 * the webhook id derives from it and the endpoint, so publishing the same event again
 * queues nothing new and a redelivery carries the same id.
 */
export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly key: string;
  readonly data: Record<string, unknown>;
}

export type IsLive = (accountId: string) => boolean;

/** The engine events receivers get; everything else (backfill progress, controls) stays inside. */
export function toWebhookEvent(event: EngineEvent, isLive: IsLive): WebhookEvent | undefined {
  switch (event.type) {
    case 'proposal_created':
      return proposalEvent('proposal.created', event.proposal, isLive);
    case 'proposal_decided':
      return proposalEvent('proposal.decided', event.proposal, isLive);
    case 'proposal_expired':
      return proposalEvent('proposal.expired', event.proposal, isLive);
    case 'order_finished': {
      // Anything filled is a fill, even an order canceled with its remainder.
      const type = toDecimal(event.order.filledQuantity).gt(0) ? 'order.filled' : 'order.unfilled';
      return { type, key: `${type}:${event.order.clientOrderId}`, data: { order: toOrderData(event.order, isLive) } };
    }
    default:
      return undefined;
  }
}

function proposalEvent(type: WebhookEventType, proposal: Proposal, isLive: IsLive): WebhookEvent {
  return { type, key: `${type}:${proposal.id}`, data: { proposal: toProposalData(proposal, isLive) } };
}

export function toProposalData(p: Proposal, isLive: IsLive): ProposalData {
  return {
    id: p.id,
    account: p.accountId,
    mode: isLive(p.accountId) ? 'live' : 'paper',
    venue: p.venue,
    symbol: p.symbol,
    side: p.side,
    ...(p.size.kind === 'quantity' ? { quantity: p.size.quantity } : { notional: p.size.notional }),
    orderType: p.orderType,
    ...(p.limitPrice === undefined ? {} : { limitPrice: p.limitPrice }),
    ...(p.stopPrice === undefined ? {} : { stopPrice: p.stopPrice }),
    ...(p.targetPrice === undefined ? {} : { targetPrice: p.targetPrice }),
    referencePrice: p.referencePrice,
    confidence: p.confidence,
    source: p.source,
    rationale: p.rationale,
    state: p.state,
    createdAt: p.createdAt,
    expiresAt: p.expiresAt,
    ...(p.decision === undefined ? {} : { decision: { ...p.decision } }),
    ...(p.reason === undefined ? {} : { reason: p.reason }),
  };
}

function toOrderData(o: OrderRecord, isLive: IsLive): OrderData {
  return {
    clientOrderId: o.clientOrderId,
    proposalId: o.proposalId,
    account: o.accountId,
    mode: isLive(o.accountId) ? 'live' : 'paper',
    venue: o.venue,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    state: o.state,
    filledQuantity: o.filledQuantity,
    ...(o.averagePrice === undefined ? {} : { averagePrice: o.averagePrice }),
    fees: o.fees,
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    updatedAt: o.updatedAt,
  };
}
