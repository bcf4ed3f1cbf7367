import { describe, expect, it } from 'vitest';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, createTestBot } from '../helpers/test-bot.js';

describe('the PAPER/LIVE badge on messages about money', () => {
  it('marks the /propose reply, Details, a refusal while paused (saying "paused" once) and the pause itself', async () => {
    const h = createTestBot();
    const proposed = (await h.say('/propose paper BTC/USDT buy 0.01', APPROVER)).texts.find((t) => t.includes('sent for approval'));
    expect(proposed, 'the proposer is told under the badge').toMatch(/^📄 <b>PAPER<\/b> · Proposal <code>\w+<\/code> sent for approval\.$/);
    const id = h.engine.listProposals({ state: 'pending' })[0]?.id ?? '';
    expect((await h.press(`pd:${id}`, APPROVER)).text, 'the Details of a proposal').toMatch(/^📄 <b>PAPER<\/b> · <b>Details<\/b>/);
    const paused = await h.say('/pause', OWNER);
    expect(paused.texts.join('\n'), 'the pause says approvals are refused too').toContain('📄 <b>PAPER</b> · ⏸ Trading paused by User111: new proposals are blocked and approvals refused until /resume.');
    await h.press(`pa:${id}`, APPROVER);
    const refused = sentTexts(h.calls).filter((t) => t.includes('Approval refused'));
    expect(refused.at(-1), 'badge, and "paused" not doubled').toBe('📄 PAPER · Approval refused: trading is paused (/resume to continue)');
  });
});
