import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResearchIdeaRecord } from '../../src/engine/research/research-records.js';
import { ANTHROPIC, anthropicFixture, createResearchHarness } from './research-harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

const ANN = { id: 222, name: 'Ann' };

describe('an executed idea learns what selling it realized', () => {
  it('takes the realized P&L of its own lots from the /pnl book once the position is sold, and writes it once', async () => {
    const h = await createResearchHarness();
    nock(ANTHROPIC).post('/v1/messages').once().reply(200, anthropicFixture('message-structured'));
    const result = await h.research.run({ accountId: 'paper', trigger: 'manual' });
    if (result.kind !== 'done') throw new Error(result.kind);
    const btc = result.report.ideas.find((i) => i.symbol === 'BTC/USDT');
    if (btc?.verdict.kind !== 'proposed') throw new Error('BTC was not proposed');
    expect((await h.engine.approve(btc.verdict.proposalId, ANN)).kind, 'approved').toBe('approved');
    await h.tasks.drain(5_000);
    const bought = (await h.engine.getProposal(btc.verdict.proposalId))?.fill;
    expect(bought?.filledQuantity, 'the buy filled on the paper venue').toBeDefined();

    const before = await h.research.updateOutcomes();
    expect(h.history.find<ResearchIdeaRecord>('research_idea', btc.id)?.realized, 'held, nothing sold: nothing realized').toBeUndefined();
    expect(before, 'its state is news, nothing else').toBe('research ideas: 0 evaluated, 1 updated, 3 still open');

    const sell = await h.engine.propose({ accountId: 'paper', symbol: 'BTC/USDT', side: 'sell', size: { kind: 'quantity', quantity: bought?.filledQuantity ?? '0' }, orderType: 'market', source: 'manual', confidence: 1, rationale: 'take it off', createdBy: ANN.id });
    if (sell.kind !== 'proposed') throw new Error(`sell: ${sell.kind}`);
    await h.engine.approve(sell.proposal.id, ANN);
    await h.tasks.drain(5_000);

    await h.research.updateOutcomes();
    const pnl = await h.engine.outcomes.pnl('all', 'paper');
    const realized = h.history.find<ResearchIdeaRecord>('research_idea', btc.id)?.realized;
    expect(realized, 'the whole position, at what /pnl realized on it (fees and slippage both ways)').toEqual({ pnl: pnl.totals.realized.toDecimalPlaces(2).toFixed(), quantity: bought?.filledQuantity });
    expect(Number(realized?.pnl), 'same price in and out: the costs make it a loss').toBeLessThan(0);
    expect(await h.research.updateOutcomes(), 'nothing changed since: nothing written').toBe('research ideas: 0 evaluated, 0 updated, 3 still open');

    let prompt = '';
    nock(ANTHROPIC)
      .post('/v1/messages', (body: { messages: { content: string }[] }) => {
        prompt = body.messages[0]?.content ?? '';
        return true;
      })
      .reply(200, anthropicFixture('message-refusal'));
    await h.research.run({ accountId: 'paper', trigger: 'manual' });
    const row = prompt.split('\n').find((line) => line.includes('|BTC/USDT|buy|0.72|'));
    expect(row, 'the next run reads it in <past_ideas>').toContain(`|filled|horizon not reached|${realized?.pnl ?? ''}|`);
  });
});
