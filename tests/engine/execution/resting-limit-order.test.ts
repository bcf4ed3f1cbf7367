import { describe, expect, it } from 'vitest';
import { createEventAlerts } from '../../../src/alerts/create-event-alerts.js';
import { proposalMessage } from '../../../src/bot/messages/proposal-message.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { ANN, createApprovalEngine, proposeOk } from '../approvals/approval-harness.js';

describe('a resting limit order', () => {
  it('3 % from the market raises no HIGH "not resolved" after the fill timeout, and is watched quietly by the minute check', async () => {
    const h = createApprovalEngine({ pollAdvancesClock: true });
    const price = toDecimal((await h.engine.quote('paper', 'BTC/USDT')) ?? '0');
    const id = await proposeOk(h.engine, { orderType: 'limit', limitPrice: price.mul('0.97').toFixed(2) });
    await h.engine.approve(id, ANN);
    await h.settle();
    for (let minute = 0; minute < 3; minute++) {
      h.clock.advance(60_000);
      await h.engine.reconcile();
    }

    const alertOf = createEventAlerts();
    const alerts = h.events.map(alertOf).filter((a) => a !== undefined);
    expect(alerts, 'a limit away from the market is normal, not an incident').toEqual([]);
    const proposal = await h.engine.getProposal(id);
    if (proposal === undefined) throw new Error('the proposal is gone');
    expect(proposal.state, 'still working at the venue').toBe('submitted');
    const card = proposalMessage(proposal, false, h.clock.now()).value;
    expect(card, 'the card shows the time in force').toContain('limit @ ');
    expect(card, 'and says it is resting and watched').toContain('limit order resting at the venue, checked every minute until it fills or is canceled');
    expect(card, 'good till canceled on a crypto venue').toContain('good till canceled');
  });
});
