import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock } from '../helpers/test-engine.js';
import { ANTHROPIC, anthropicFixture, createResearchHarness } from './research-harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

/** The structured answer with one stock idea, AAPL, whose levels fit any price near 178. */
function stockAnswer() {
  const message = anthropicFixture<{ content: { text: string }[] }>('message-structured');
  const answer = JSON.parse(message.content[0]?.text ?? '{}') as { ideas: Record<string, unknown>[] };
  answer.ideas = [{ ...answer.ideas[0], symbol: 'AAPL', stop: 160, target: 200, confidence: 0.7 }];
  return { ...message, content: [{ type: 'text', text: JSON.stringify(answer) }] };
}

describe('stock ideas from the 08:00 New York run', () => {
  it('wait for the open instead of being lost to market_open, then go through every gate', async () => {
    const clock = createTestClock('2026-11-20T13:00:00Z');
    const h = await createResearchHarness({ clock });
    nock(ANTHROPIC).post('/v1/messages').reply(200, stockAnswer());
    const result = await h.research.run({ accountId: 'paper', trigger: 'schedule' });
    if (result.kind !== 'done') throw new Error(result.kind);
    const [idea] = result.report.ideas;
    expect(idea?.verdict, 'NYSE opens at 09:30 New York, 14:30 UTC').toEqual({ kind: 'waiting', until: '2026-11-20T14:30:00.000Z', reason: expect.stringContaining('NYSE is closed') });
    expect(h.proposals(), 'no card before the open').toEqual([]);
    expect((await h.research.nextWaitingAt())?.toISOString(), 'the desk sets its timer for the open').toBe('2026-11-20T14:30:00.000Z');
    expect(await h.research.proposeWaiting(), 'nothing is due before the open').toEqual([]);

    clock.set('2026-11-20T14:30:30Z');
    const [decided] = await h.research.proposeWaiting();
    expect(decided?.verdict.kind, 'proposed at the open').toBe('proposed');
    expect(h.proposals().map((p) => [p.symbol, p.source, p.research?.ideaId]), 'a research proposal for the same idea').toEqual([['AAPL', 'research', idea?.id]]);
    expect(h.history.find<{ verdict: { kind: string } }>('research_idea', idea?.id ?? '')?.verdict.kind, 'recorded').toBe('proposed');
    expect(await h.research.nextWaitingAt(), 'nothing waits any more').toBeUndefined();
  });

  it('are not proposed late when the bot was stopped through the session', async () => {
    const clock = createTestClock('2026-11-20T13:00:00Z');
    const h = await createResearchHarness({ clock });
    nock(ANTHROPIC).post('/v1/messages').reply(200, stockAnswer());
    await h.research.run({ accountId: 'paper', trigger: 'schedule' });
    clock.set('2026-11-23T14:00:00Z');
    const [decided] = await h.research.proposeWaiting();
    expect(decided?.verdict, 'the Friday session is long gone').toEqual({ kind: 'invalid', reason: 'the session it waited for passed while the bot was stopped' });
    expect(h.proposals(), 'no stale proposal').toEqual([]);
  });
});
