import { describe, expect, it } from 'vitest';
import { APPROVER, OWNER, VIEWER, createTestBot, type TestBot } from '../../helpers/test-bot.js';
import { decisionRecord, lowPassFixture } from '../../engine/stats/analytics-fixtures.js';

/** The 40 decisions of lowPassFixture for account paper, ending at the bot's now: 8 pass at 0.6 (20 %). */
function botWithLowPassRate(): TestBot {
  const h = createTestBot();
  h.decisions.entries.push(...lowPassFixture().map((d) => decisionRecord(d, h.clock.now(), 'paper')));
  return h;
}

const minConfidence = (h: TestBot) => h.engine.account('paper')?.minConfidence;
const keyboardOf = (h: TestBot) => JSON.stringify(h.calls.at(-1)?.payload.reply_markup ?? null);

describe('/stats', () => {
  it('shows pass, approval and expiry rates per window and group, the suggestion and the what-if P&L', async () => {
    const h = botWithLowPassRate();
    const { text } = await h.say('/stats', VIEWER);
    expect(text, 'says PAPER').toMatch(/^📄 <b>PAPER<\/b>/);
    expect(text, 'the account over 30 d: 8 of 40 proposed; nothing was put to a person').toContain('<b>Account paper</b>\n1 d: pass — · nothing decided\n7 d: pass 100% (8 of 8) · nothing decided\n30 d: pass 20% (8 of 40) · nothing decided');
    expect(text, 'by source').toContain('<b>Source manual</b>');
    expect(text, 'the suggestion, in plain words').toContain('• paper: gate pass rate 20% over 30 d (40 decisions), below the 30–50% band. minConfidence 0.6 → 0.57 would have let 40% pass over 30 d (was 20%).');
    expect(text, 'the shadow P&L, even with nothing to mark').toContain('<b>What-if P&amp;L</b>');
  });

  it('with nothing recorded: rates say so and there is no suggestion', async () => {
    const { text } = await createTestBot().say('/stats', VIEWER);
    expect(text).toContain('<b>Suggestions</b>: none: every rate with 20 or more samples is within its band.');
  });

  it('bad arguments get the usage and change nothing', async () => {
    expect((await createTestBot().say('/stats sugest', VIEWER)).text).toBe('Usage: /stats, /stats suggest for the suggested threshold changes, or /stats chart [account] for the rates over time.');
  });
});

describe('/stats suggest and Apply…', () => {
  it('lists the suggestion with an Apply… button that opens the /set preview; an owner confirms it', async () => {
    const h = botWithLowPassRate();
    const listed = await h.say('/stats suggest', VIEWER);
    expect(listed.text).toBe('📄 <b>PAPER</b> · <b>paper: gate pass rate 20% over 30 d (40 decisions), below the 30–50% band</b>\nminConfidence 0.6 → 0.57 would have let 40% pass over 30 d (was 20%).');
    expect(keyboardOf(h), 'one Apply… button carrying account, setting and value').toContain('"text":"Apply…","callback_data":"sg:paper:minConfidence:0.57"');
    const preview = await h.press('sg:paper:minConfidence:0.57', OWNER);
    expect(preview.texts[0], 'the same preview as /set, with the same counterfactual').toContain('0.6 → <b>0.57</b> (looser)');
    expect(preview.texts[0], 'the counterfactual agrees with the suggestion').toContain('pass rate 20% → 40%');
    expect(preview.text).toBe('Confirm the change?');
    expect(minConfidence(h), 'nothing before Confirm').toBe(0.6);
    await h.press('cv:confirm', OWNER);
    expect(minConfidence(h), 'in force').toBe(0.57);
    const [change] = await h.engine.thresholds.history(1);
    expect(change?.reason, 'the audit says where it came from').toBe('suggested by /stats suggest');
    expect((await h.say('/stats suggest', VIEWER)).text, 'now in band: no suggestion left').toMatch(/^No suggestions/);
  });

  it('an approver may not loosen, a viewer may not press it at all: nothing changes', async () => {
    const h = botWithLowPassRate();
    await h.press('sg:paper:minConfidence:0.57', APPROVER);
    await h.press('cv:confirm', APPROVER);
    expect(minConfidence(h), 'loosening needs an owner').toBe(0.6);
    await h.press('sg:paper:minConfidence:0.57', VIEWER);
    expect(minConfidence(h), 'a viewer changes nothing').toBe(0.6);
    expect(await h.engine.thresholds.history(5), 'nothing in the audit').toEqual([]);
  });

  it.each([
    ['sg:nope:minConfidence:0.5', 'Unknown account "nope": choose one of paper. Nothing was changed; /stats suggest shows the current suggestions.'],
    ['sg:paper:minconf:0.5', /^Unknown setting "minconf": choose one of minConfidence, .* Nothing was changed/],
    ['sg:paper:minConfidence:abc', 'The suggested value "abc" is not a number. Nothing was changed; /stats suggest shows the current suggestions.'],
    ['sg:garbage', 'This button does not carry a suggestion. Nothing was changed; /stats suggest shows the current suggestions.'],
  ])('a bad button %s is refused and changes nothing', async (data, expected) => {
    const h = botWithLowPassRate();
    const { text } = await h.press(data, OWNER);
    if (typeof expected === 'string') expect(text).toBe(expected);
    else expect(text).toMatch(expected);
    expect(minConfidence(h)).toBe(0.6);
  });
});

describe('the approval_bands job', () => {
  it('warns once per excursion, with the suggestion, and again after the rate came back and left again', async () => {
    const h = botWithLowPassRate();
    // The alert dispatcher is not started: raised alerts wait in the outbox, repeats counted on one entry.
    const raised = () => h.document.data.alerts.outbox.filter((a) => a.type === 'approval_rate_out_of_band');
    const warnings = () => raised().reduce((n, a) => n + a.count, 0);
    expect((await h.say('/run approval_bands')).text).toContain('1 new excursion');
    expect(warnings(), 'the excursion starts: one alert').toBe(1);
    expect(raised()[0], 'WARNING with the change').toMatchObject({
      severity: 'WARNING',
      title: 'paper: gate pass rate 20% over 30 d (40 decisions), below the 30–50% band',
      body: 'minConfidence 0.6 → 0.57 would have let 40% pass over 30 d (was 20%). /stats suggest shows it with an Apply button and the full preview.',
    });
    await h.say('/run approval_bands');
    expect(warnings(), 'still out of band: not told again').toBe(1);
    const saved = h.decisions.entries.splice(0);
    await h.say('/run approval_bands');
    h.decisions.entries.push(...saved);
    await h.say('/run approval_bands');
    expect(warnings(), 'back in (no samples), then out again: a new excursion').toBe(2);
  });
});

describe('/stats chart', () => {
  it('sends a PNG of the daily rates with the band, and says what it covers', async () => {
    const h = botWithLowPassRate();
    await h.say('/stats chart paper', VIEWER);
    const photo = h.calls.at(-1);
    expect(photo?.method, 'a photo').toBe('sendPhoto');
    expect(photo?.payload.caption).toBe('📄 PAPER · paper: 40 decisions evaluated, 0 decided by a person, in the 30 UTC days shown; target band 30–50%');
  });

  it('an unknown account or an empty log gets a clear answer, no chart', async () => {
    const h = createTestBot();
    expect((await h.say('/stats chart nope', VIEWER)).text).toBe('Unknown account "nope": choose one of paper.');
    expect((await h.say('/stats chart', VIEWER)).text).toBe('No decisions of paper in the last 30 days: nothing to chart yet.');
  });
});
