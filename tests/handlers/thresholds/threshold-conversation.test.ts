import { describe, expect, it } from 'vitest';
import { APPROVER, OWNER, VIEWER, createTestBot } from '../../helpers/test-bot.js';

const TWO_ACCOUNTS = '[{"id":"steady","venue":"paper"},{"id":"spicy","venue":"paper","maxPositionPct":20}]';
const minConfidence = (h: ReturnType<typeof createTestBot>, id = 'steady') => h.engine.account(id)?.minConfidence;

describe('changing a threshold step by step', () => {
  it('walks account → setting → value → preview → Confirm, with a clear error at every step', async () => {
    const h = createTestBot({}, { engine: { accounts: TWO_ACCOUNTS } });
    const list = await h.say('/thresholds steady', VIEWER);
    expect(list.text, 'every setting with its source').toContain('<b>minConfidence</b>: 0.6 · from the config');
    expect((await h.press('th:__nope')).text, 'an unknown account on the button: ask which').toBe('Which account?');
    expect((await h.say('nope')).text, 'a bad account names the valid ones').toBe('Unknown account "nope": choose one of steady, spicy. Try again, or Cancel.');
    expect((await h.press('cv:steady')).text, 'then the setting, as buttons').toBe('Which setting of steady?');
    expect((await h.say('confidence')).text, 'a bad setting lists the valid ones').toMatch(/^Unknown setting "confidence": choose one of minConfidence, maxPositionPct, .* Try again, or Cancel\.$/);
    const asked = await h.press('cv:minConfidence');
    expect(asked.text, 'the value question shows the value now, the unit and the range').toBe(
      'minConfidence of steady is 0.6 (proposals below this confidence are blocked). New value? from 0 to 1 (a fraction: 0.55, not 55%). You may add "for 24h" to make it temporary, and a reason.',
    );
    expect((await h.say('55%')).text, 'a percentage where a fraction is meant').toBe('minConfidence is a fraction from 0 to 1: write 0.55 for 55%, not "55%". Try again, or Cancel.');
    expect((await h.say('lots')).text, 'not a number').toMatch(/^"lots" is not a number: minConfidence is from 0 to 1/);
    expect((await h.say('1.5')).text, 'out of range').toMatch(/^minConfidence must be from 0 to 1 .*"1\.5" is outside/);
    expect((await h.say('0.7 for 0h')).text, 'a duration of zero').toMatch(/^A temporary value must last more than zero/);
    expect((await h.say('0.7 for 31d')).text, 'a duration over 30 days').toMatch(/^A temporary value lasts at most 30 days/);
    expect((await h.say('0.6')).texts[0], 'the value in force already: the engine says so, and asks again').toBe('minConfidence of steady is already 0.6. Nothing was changed.');
    const preview = await h.say('0.7 for 2h fewer weak ideas');
    expect(preview.texts[0], 'old → new, how long, why').toContain('0.6 → <b>0.7</b> (tighter) · for 2 h, until 14:00 UTC, then back to 0.6 · “fewer weak ideas”');
    expect(preview.texts[0], 'the counterfactual (no decisions yet)').toContain('No decisions of this account in the last 30 days to try it on yet.');
    expect(preview.text, 'then Confirm').toBe('Confirm the change?');
    expect(minConfidence(h), 'nothing changes before Confirm').toBe(0.6);
    const done = await h.press('cv:confirm');
    expect(done.text, 'what is in force, and until when').toMatch(/^✅ minConfidence of steady is now <b>0\.7<\/b> \(was 0\.6\) until 14:00 UTC, then back to 0\.6\./);
    expect(minConfidence(h), 'in force at once').toBe(0.7);
    expect(minConfidence(h, 'spicy'), 'the other account is untouched').toBe(0.6);
    expect((await h.say('/thresholds steady', VIEWER)).text, 'shown as temporary, with who and why').toContain('<b>minConfidence</b>: 0.7 · temporary until 14:00 UTC, then 0.6 · by');
  });

  it('can be canceled at the confirmation, and changes nothing', async () => {
    const h = createTestBot();
    await h.say('/set paper minConfidence 0.7');
    expect((await h.press('cv:__cancel')).text).toBe('Canceled.');
    expect(minConfidence(h, 'paper'), 'unchanged').toBe(0.6);
    expect(await h.engine.thresholds.history(10), 'nothing in the audit').toEqual([]);
  });
});

describe('/set in one line: bad input changes nothing', () => {
  it.each([
    ['/set', 'Which setting of paper?'],
    ['/set paper minConfidence', 'Usage: /set ACCOUNT SETTING VALUE'],
    ['/set nope minConfidence 0.5', 'Unknown account &quot;nope&quot;: choose one of paper.'],
    ['/set paper minconf 0.5', 'Unknown setting &quot;minconf&quot;: choose one of minConfidence,'],
    ['/set paper minConfidence 5%', 'minConfidence is a fraction from 0 to 1: write 0.55 for 55%'],
    ['/set paper maxPositionPct 0.05x', 'maxPositionPct is a percentage: write 5 or 5%'],
    ['/set paper maxPositionNotional 10%', 'maxPositionNotional is an amount in the account&#39;s quote currency'.replace('&#39;', "'")],
    ['/set paper maxOpenPositions 2.5', 'maxOpenPositions must be a whole number, a whole number from 1 to 100.'],
    ['/set paper maxOpenPositions 0', 'maxOpenPositions must be a whole number from 1 to 100'],
    ['/set paper cooldownMinutes 30s', 'cooldownMinutes is in minutes: write 30, 30m or 2h'],
    ['/set paper maxDailyLossPct 150', 'maxDailyLossPct must be from 0.1% to 100%'],
    ['/set paper minConfidence 0.5 for', 'Say how long after &quot;for&quot;, e.g. for 24h.'],
    ['/set paper minConfidence 0.5 for 0m', 'A temporary value must last more than zero'],
    ['/set paper minConfidence 0.5 for 45d', 'A temporary value lasts at most 30 days'],
    ['/set paper minConfidence 0.5 for soon', '&quot;soon&quot; is not a duration'],
    ['/set paper approvalBandLowPct 60', 'approvalBandLowPct must be below approvalBandHighPct (50%).'],
  ])('%s → a clear answer', async (line, expected) => {
    const h = createTestBot();
    const { texts } = await h.say(line);
    expect(texts.join('\n'), 'says what is wrong and what is valid').toContain(expected);
    expect(h.engine.account('paper'), 'the profile is as configured').toMatchObject({ minConfidence: 0.6, maxPositionPct: 10, maxOpenPositions: 5, cooldownMinutes: 60 });
    expect(await h.engine.thresholds.history(10), 'nothing recorded').toEqual([]);
  });
});

describe('roles', () => {
  it('an approver tightens, and cannot loosen', async () => {
    const h = createTestBot({}, { user: APPROVER });
    await h.say('/set paper maxOpenPositions 3 fewer at once');
    expect((await h.press('cv:confirm')).text, 'tightening is the safe direction').toMatch(/^✅ maxOpenPositions of paper is now <b>3<\/b>/);
    const loosen = await h.say('/set paper maxOpenPositions 8');
    expect(loosen.texts[0], 'the preview still shows what it would do').toContain('3 → <b>8</b> (looser)');
    expect(loosen.text, 'no Confirm offered: it says who may').toBe('You are approver: loosening needs an owner. Nothing was changed.');
    expect(h.engine.account('paper')?.maxOpenPositions, 'still 3').toBe(3);
    expect(await h.engine.thresholds.apply({ accountId: 'paper', key: 'maxOpenPositions', value: 8 }, { id: APPROVER, name: 'a', role: 'approver' }), 'the engine refuses too').toEqual({ kind: 'forbidden', needs: 'owner', direction: 'loosen' });
  });

  it('a viewer changes nothing: not by command, not by button', async () => {
    const h = createTestBot({}, { user: VIEWER });
    expect((await h.say('/set paper minConfidence 0.9')).text).toBe('/set needs the approver role; you are viewer.');
    expect((await h.press('th:paper')).calls.some((c) => c.method === 'sendMessage' && String((c.payload as { text?: string }).text).startsWith('Which setting')), 'the button starts nothing').toBe(false);
    expect(await h.engine.thresholds.apply({ accountId: 'paper', key: 'minConfidence', value: 0.9 }, { id: VIEWER, name: 'v', role: 'viewer' }), 'and the engine refuses a viewer even the safe direction').toEqual({ kind: 'forbidden', needs: 'approver', direction: 'tighten' });
    expect(h.engine.account('paper')?.minConfidence).toBe(0.6);
  });

  it('loosening a loss limit more than 2× needs the owner to type the account name', async () => {
    const h = createTestBot({}, { user: OWNER });
    const preview = await h.say('/set paper maxDailyLossPct 7');
    expect(preview.texts[0], 'the worst case in money at today’s equity').toContain('· lost in a day before new risk is blocked: 3,000.00 → <b>7,000.00</b>');
    expect(preview.text, 'asks for the name, no Confirm button').toBe('Type paper to confirm, or Cancel.');
    expect((await h.press('cv:confirm')).text, 'a button press is not the name').toBe('Only the account name paper confirms. Try again, or Cancel.');
    expect((await h.say('PAPER!')).text).toBe('Only the account name paper confirms. Try again, or Cancel.');
    expect(h.engine.account('paper')?.maxDailyLossPct, 'unchanged while unconfirmed').toBe(3);
    expect((await h.say('paper')).text).toMatch(/^✅ maxDailyLossPct of paper is now <b>7%<\/b>/);
    const twice = await h.say('/set paper maxDailyLossPct 10');
    expect(twice.text, 'at most 2× looser (7 → 10): a Confirm button is enough').toBe('Confirm the change?');
  });
});
