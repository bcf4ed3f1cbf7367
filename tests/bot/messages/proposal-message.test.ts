import { describe, expect, it } from 'vitest';
import { proposalMessage } from '../../../src/bot/messages/proposal-message.js';
import type { Proposal } from '../../../src/engine/proposals/proposal.js';
import { MARKET_HOURS, makeProposal } from '../../engine/gates/gate-fixtures.js';

const card = (overrides: Partial<Proposal>) => proposalMessage(makeProposal(overrides), false, MARKET_HOURS).value;

describe('the proposal card', () => {
  it('shows the stop and target with their distance from the entry, and the reward/risk ratio', () => {
    expect(card({ stopPrice: '98', targetPrice: '103' }), 'risk 2, reward 3 from a market entry of 100').toContain('Stop 98.00 (−2.0%) · target 103.00 (+3.0%) · reward/risk 1.5');
  });

  it('measures a limit order from its limit', () => {
    const text = card({ orderType: 'limit', limitPrice: '96', stopPrice: '94', targetPrice: '102' });
    expect(text, 'entry 96: risk 2, reward 6').toContain('Stop 94.00 (−2.1%) · target 102.00 (+6.3%) · reward/risk 3');
  });

  it('shows every price at the decimals of the proposed price, and money with its currency', () => {
    const text = card({ symbol: 'DOGE/USDT', referencePrice: '0.1235', stopPrice: '0.11', targetPrice: '0.15', size: { kind: 'quantity', quantity: '10000' } });
    expect(text, 'no 0.11 next to 0.1235, no ungrouped notional').toContain('<b>BUY 10,000 DOGE/USDT</b> · market\nPrice 0.1235 · notional ≈ 1,235.00 USDT\nStop 0.1100 (−10.9%) · target 0.1500 (+21.5%)');
    expect(card({ symbol: 'BTC/USDT', referencePrice: '68382.7', size: { kind: 'notional', notional: '500' } }), 'a notional size is money too').toContain(
      '<b>BUY 500.00 USDT worth of BTC/USDT (≈ 0.00731179 BTC at the current price)</b> · market\nPrice 68,382.70 · notional ≈ 500.00 USDT',
    );
  });

  it('leaves the ratio out when only one level is given', () => {
    expect(card({ stopPrice: '98' }), 'a stop alone has no reward to compare').toContain('Stop 98.00 (−2.0%) · target —\n');
  });

  it("shows a strategy's calibrated confidence, and none for a trade proposed by hand", () => {
    expect(card({ source: 'strategy:dca', confidence: 0.61 }), 'a hit rate, as a percentage').toContain('Confidence 61% · source strategy:dca');
    expect(card({ source: 'manual', confidence: 1 }), 'the placeholder that lets it past min_confidence is no 100 %').toContain('Confidence — (proposed by hand) · source manual');
  });

  it('shows the time in force of a limit order', () => {
    expect(card({ orderType: 'limit', limitPrice: '96' }), 'whole shares on paper rest until canceled').toContain('<b>BUY 10 AAPL</b> · limit @ 96.00 · good till canceled');
    expect(card({ venue: 'alpaca', orderType: 'limit', limitPrice: '96', size: { kind: 'quantity', quantity: '1.5' } }), 'Alpaca takes fractional limits as day orders only').toContain(
      'limit @ 96.00 · day order (ends at the NYSE close)',
    );
    expect(card({}), 'a market order fills at once: no time in force to read').toContain('<b>BUY 10 AAPL</b> · market\n');
  });

  it('says a working limit order is resting and watched, so silence reads as normal', () => {
    const decision = { decision: 'approved' as const, by: 1, byName: 'Ann', at: MARKET_HOURS.toISOString() };
    expect(card({ state: 'submitted', decision, orderType: 'limit', limitPrice: '96' }), 'no alarm in the wording').toContain(
      '✅ Approved by Ann at 15:00 UTC · limit order resting at the venue, checked every minute until it fills or is canceled',
    );
    expect(card({ state: 'submitted', decision }), 'a market order waits for its fill').toContain('order sent, waiting for the fill');
  });
});
