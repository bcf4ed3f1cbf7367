import { describe, expect, it } from 'vitest';
import { APPROVER, OWNER, createTestBot } from '../helpers/test-bot.js';

describe('/pause and /resume said twice', () => {
  it('say "already paused" (keeping who paused) and "not paused", and tell nobody again', async () => {
    const h = createTestBot();
    await h.say('/pause', APPROVER);
    const again = await h.say('/pause', OWNER);
    expect(again.texts, 'only the answer, no second "Trading paused" to everyone').toEqual([
      `📄 <b>PAPER</b> · Already paused by User${APPROVER}, Fri, Nov 20, 12:00 UTC: nothing changed. /resume to continue.`,
    ]);
    expect(h.engine.controls().pausedBy?.id, 'the first pauser stays on record').toBe(APPROVER);
    await h.say('/resume', OWNER);
    const resumed = await h.say('/resume', OWNER);
    expect(resumed.texts, 'nothing to resume').toEqual(['📄 <b>PAPER</b> · Trading is not paused or halted: nothing to resume.']);
  });
});
