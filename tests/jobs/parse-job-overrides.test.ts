import { describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../src/jobs/job-names.js';
import { checkCronRule } from '../../src/jobs/check-cron-rule.js';
import { JOB_OVERRIDES_EXAMPLE, isTimeZone, parseJobOverrides } from '../../src/jobs/parse-job-overrides.js';

const problemsOf = (raw: string) => {
  const result = parseJobOverrides(raw, JOB_NAMES);
  return result.ok ? [] : result.problems;
};

describe('parseJobOverrides', () => {
  it('reads rules with and without a time zone, on and off, and merges on/off with a rule', () => {
    const result = parseJobOverrides(' scan=*/15 * * * *@UTC ; daily_report=0 17 * * 1-5@America/New_York;heartbeat=off;research=on;research=0 8 * * MON-FRI; ', JOB_NAMES);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.fromEntries(result.overrides)).toEqual({
      scan: { rule: '*/15 * * * *', tz: 'UTC' },
      daily_report: { rule: '0 17 * * 1-5', tz: 'America/New_York' },
      heartbeat: { enabled: false },
      research: { enabled: true, rule: '0 8 * * MON-FRI' },
    });
  });

  it('an empty string changes nothing', () => {
    expect(parseJobOverrides('', JOB_NAMES)).toEqual({ ok: true, overrides: new Map() });
  });

  it('the documented example parses', () => {
    expect(parseJobOverrides(JOB_OVERRIDES_EXAMPLE, JOB_NAMES).ok).toBe(true);
  });

  it('says what is wrong with each bad entry, naming it', () => {
    expect(problemsOf('scan')).toEqual(['"scan": needs name=RULE@TIMEZONE, name=on or name=off']);
    expect(problemsOf('scna=off')[0], 'an unknown job lists the real ones').toMatch(/^"scna=off": there is no job "scna"; jobs are expire_proposals, check_orders, scan/);
    expect(problemsOf('Scan=off')).toEqual(['"Scan=off": "Scan" is not a job name (lower case, digits and _)']);
    expect(problemsOf('scan=')).toEqual(['"scan=": the rule is empty']);
    expect(problemsOf('scan=@UTC')).toEqual(['"scan=@UTC": the rule is empty']);
    expect(problemsOf('scan=*/15 * *@UTC')).toEqual(['"scan=*/15 * *@UTC": the rule has 3 fields; use 5 (minute hour day month weekday) or 6 (second first), e.g. "*/15 * * * *"']);
    expect(problemsOf('scan=0 25 * * *')).toEqual(['"scan=0 25 * * *": the rule hour "25": 25 is outside 0-23']);
    expect(problemsOf('scan=0 17 * * 1-5@New_York')).toEqual(['"scan=0 17 * * 1-5@New_York": "New_York" is not an IANA time zone (e.g. UTC, America/New_York, Europe/Berlin)']);
    expect(problemsOf('scan=off;scan=on')).toEqual(['"scan=on": scan is turned on or off twice']);
    expect(problemsOf('scan=0 * * * *;scan=5 * * * *@UTC')).toEqual(['"scan=5 * * * *@UTC": scan has a rule twice']);
  });

  it('reports every problem at once', () => {
    expect(problemsOf('a;scan=1 2 3;heartbeat=off')).toHaveLength(2);
  });

  it('checks names only when it is given them', () => {
    expect(parseJobOverrides('anything=off').ok).toBe(true);
  });
});

describe('checkCronRule', () => {
  it('accepts what node-schedule accepts', () => {
    for (const rule of ['*/15 * * * * *', '30 */15 * * * *', '0 17 * * 1-5', '0 0 1 JAN,JUL *', '0 9 * * 5#3', '0 9 L * *', '0 9 * * 5L', '0,30 9-16/2 * * MON-FRI', '0 0 * * 7', '0 0 ? * *']) {
      expect(checkCronRule(rule), rule).toBeUndefined();
    }
  });

  it('rejects what node-schedule would misread or refuse', () => {
    expect(checkCronRule('2026-12-01'), 'a date would be a one-off run').toMatch(/has 1 field/);
    expect(checkCronRule('*/0 * * * *')).toBe('minute "*/0": a step must be at least 1');
    expect(checkCronRule('0 0 32 * *')).toBe('day of month "32": 32 is outside 1-31');
    expect(checkCronRule('0 0 * 13 *')).toBe('month "13": 13 is outside 1-12');
    expect(checkCronRule('0 0 * * FOO')).toBe('day of week "FOO": "FOO" is not a number or a name (SUN, MON, TUE…)');
    expect(checkCronRule('0 17-9 * * *')).toBe('hour "17-9": the range 17-9 runs backwards');
    expect(checkCronRule('0 1-2-3 * * *')).toBe('hour "1-2-3": "1-2-3" is not a value or a range');
  });
});

describe('isTimeZone', () => {
  it('knows IANA zones and nothing else', () => {
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    // Not among Intl's canonical names, and still zones it accepts.
    expect(isTimeZone('US/Eastern')).toBe(true);
    expect(isTimeZone('america/new_york')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
