import { describe, expect, it } from 'vitest';
import { createManualTimers } from '../helpers/manual-timers.js';
import { sentTexts } from '../helpers/record-api.js';
import { APPROVER, OWNER, createTestBot, type TestBot, type TestBotOptions } from '../helpers/test-bot.js';

/** A bot whose question deadlines run on timers the test moves together with its clock. */
function deadlineBot(options: TestBotOptions = {}) {
  const timers = createManualTimers();
  return Object.assign(createTestBot({}, { ...options, questionTimers: timers }), { timers });
}

/** Time passes: the clock the answers are checked against, and the notice timers, together. */
async function wait(h: TestBot & { timers: ReturnType<typeof createManualTimers> }, ms: number): Promise<void> {
  h.clock.advance(ms);
  h.timers.advance(ms);
  await h.settle();
}

const HALT_EXPIRED = 'That question expired after 60 s; nothing was changed. Send /halt again.';
const PROPOSE_EXPIRED = 'That question expired after 5 min; nothing was changed. Send /propose again.';

describe('/halt confirmation deadline (60 s)', () => {
  it('says when the question expires, and a HALT typed after 61 s trips nothing', async () => {
    const h = deadlineBot();
    await h.say('/halt', OWNER);
    await wait(h, 60_000);
    expect(sentTexts(h.calls).at(-1), 'the chat is told when the deadline passes').toBe(HALT_EXPIRED);
    await wait(h, 1_000);
    const late = await h.say('HALT', OWNER);
    expect(late.texts, 'the late answer is told it came too late').toEqual([HALT_EXPIRED]);
    expect(h.engine.controls().halted, 'the kill switch is untouched').toBe(false);
    expect(h.document.data.inbound.intents, 'nothing recorded to carry out').toEqual([]);
    expect((await h.say('HALT', OWNER)).text, 'and the conversation is over').toBe('I understand commands. Send /help for the list.');
  });

  it('takes a HALT typed within the minute, and then says nothing about a deadline', async () => {
    const h = deadlineBot();
    await h.say('/halt', OWNER);
    await wait(h, 59_000);
    await h.say('HALT', OWNER);
    expect(h.engine.controls().halted, 'confirmed in time').toBe(true);
    const before = h.calls.length;
    await wait(h, 10 * 60_000);
    expect(sentTexts(h.calls.slice(before)), 'no expiry notice for an answered question').toEqual([]);
  });

  it('lets a command sent after the deadline run as usual', async () => {
    const h = deadlineBot();
    await h.say('/halt', OWNER);
    await wait(h, 61_000);
    const status = await h.say('/status', OWNER);
    expect(status.texts.length, 'one answer').toBe(1);
    expect(status.text, 'the command, not the expiry notice').toContain('<b>Status</b>');
  });
});

describe('5-minute deadline on conversation steps', () => {
  it('/propose: each question has its own 5 minutes; a late answer changes nothing', async () => {
    const h = deadlineBot({ user: APPROVER });
    expect((await h.say('/propose')).text).toMatch(/^Symbol\?/);
    await wait(h, 4 * 60_000);
    expect((await h.say('BTC/USDT')).text, 'answered within 5 min: the next question').toMatch(/Buy or sell\?$/);
    await wait(h, 5 * 60_000);
    expect(sentTexts(h.calls).at(-1), 'then that one expires').toBe(PROPOSE_EXPIRED);
    expect((await h.press('cv:buy')).texts, 'a late press is told so').toEqual([PROPOSE_EXPIRED]);
    expect(h.engine.listProposals(), 'nothing proposed').toEqual([]);
  });

  it('/backfill: a step answered after 5 minutes starts nothing', async () => {
    const h = deadlineBot({ user: APPROVER });
    await h.say('/backfill');
    await wait(h, 5 * 60_000 + 1_000);
    const late = await h.press('cv:watchlist');
    expect(late.texts, 'expired, with the command to send again').toEqual(['That question expired after 5 min; nothing was changed. Send /backfill again.']);
    expect(h.engine.market.runningBackfills(), 'no backfill runs').toEqual([]);
    expect(h.document.data.backfills, 'no job recorded').toEqual({});
  });

  it('gives the confirmation of a live account’s trade 60 s, not 5 minutes', async () => {
    const h = deadlineBot({
      user: APPROVER,
      engine: { runtimes: (built) => new Map([...built].map(([id, runtime]) => [id, { ...runtime, profile: { ...runtime.profile, live: true } }])) },
    });
    await h.say('/propose');
    await h.say('BTC/USDT');
    await h.press('cv:buy');
    await h.say('0.01');
    expect((await h.press('cv:market')).text, 'the confirmation').toMatch(/^Propose BUY 0\.01 BTC\/USDT/);
    await wait(h, 61_000);
    expect(sentTexts(h.calls).at(-1), 'a live confirmation is fresh or void').toBe('That question expired after 60 s; nothing was changed. Send /propose again.');
    await h.press('cv:confirm');
    expect(h.engine.listProposals(), 'nothing proposed').toEqual([]);
  });
});
