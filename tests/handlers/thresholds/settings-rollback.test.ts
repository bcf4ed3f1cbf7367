import { describe, expect, it } from 'vitest';
import { APPROVER, OWNER, VIEWER, createTestBot } from '../../helpers/test-bot.js';

const owner = { id: OWNER, name: 'Olga', role: 'owner' as const };

describe('/settings history and rollback', () => {
  it('lists changes newest first, and rolls an account back to change N after a confirmation', async () => {
    const h = createTestBot();
    const { thresholds } = h.engine;
    await thresholds.apply({ accountId: 'paper', key: 'minConfidence', value: 0.7, reason: 'fewer weak ideas' }, owner);
    h.clock.advance(60_000);
    await thresholds.apply({ accountId: 'paper', key: 'maxOpenPositions', value: 8 }, owner);
    h.clock.advance(60_000);
    await thresholds.apply({ accountId: 'paper', key: 'minConfidence', value: 0.5 }, owner);
    const history = (await h.say('/settings history', VIEWER)).text;
    expect(history.split('\n').slice(1, 4), 'who, when, old → new, why; newest first').toEqual([
      '<b>3</b> · 12:02 UTC · paper · minConfidence 0.7 → 0.5 · by Olga',
      '<b>2</b> · 12:01 UTC · paper · maxOpenPositions 5 → 8 · by Olga',
      '<b>1</b> · 12:00 UTC · paper · minConfidence 0.6 → 0.7 · by Olga: “fewer weak ideas”',
    ]);

    expect((await h.say('/settings rollback 1', APPROVER)).text, 'owners only').toBe('/settings rollback needs the owner role; you are approver.');
    expect((await h.say('/settings rollback 9')).text, 'an unknown version').toBe('There is no change with that number: changes run from 1 to 3 (/settings history lists them).');
    expect((await h.say('/settings rollback x')).text, 'not a number').toBe('Name the change to roll back to by its number, e.g. /settings rollback 3 (not "x").');
    const plan = await h.say('/settings rollback 1');
    expect(plan.texts[0], 'what would change').toBe('<b>Roll paper back to change 1</b> (12:00 UTC):\n· minConfidence: 0.5 → <b>0.7</b>\n· maxOpenPositions: 8 → <b>5</b>');
    expect(h.engine.account('paper'), 'nothing before Confirm').toMatchObject({ minConfidence: 0.5, maxOpenPositions: 8 });
    const done = await h.press('cv:confirm');
    expect(done.text, 'each step recorded as a change of its own').toContain('✅ Rolled paper back to change 1:');
    expect(h.engine.account('paper'), 'as right after change 1').toMatchObject({ minConfidence: 0.7, maxOpenPositions: 5 });
    const audit = await thresholds.history(10);
    expect(audit.slice(0, 2).map((c) => [c.version, c.kind, c.key, c.from, c.to, c.rollbackTo]), 'audited').toEqual([
      [5, 'rollback', 'maxOpenPositions', 8, 5, 1],
      [4, 'rollback', 'minConfidence', 0.5, 0.7, 1],
    ]);
    expect((await h.say('/settings rollback 1')).text, 'nothing left to do').toBe('The values of paper are already as they were right after change 1: nothing to roll back.');
  });

  it('says so when nothing was ever changed, and changes nothing on bad arguments', async () => {
    const h = createTestBot();
    expect((await h.say('/settings history', VIEWER)).text).toBe('No threshold has been changed in the chat yet. /thresholds shows the values in force.');
    expect((await h.say('/settings rollback 1')).text).toBe('There is no change to roll back to: no threshold has been changed in the chat yet.');
    expect((await h.say('/settings history nope')).text).toBe('Unknown account "nope": choose one of paper.');
    expect((await h.say('/settings')).text).toMatch(/^Usage: \/settings history/);
  });
});
