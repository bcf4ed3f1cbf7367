import { describe, expect, it } from 'vitest';
import { ALERTS_USAGE, parseAlertsArgs } from '../../../src/bot/parse/parse-alerts-args.js';
import { changeAlertSettings } from '../../../src/alerts/change-alert-settings.js';
import { ALERT_TYPES } from '../../../src/alerts/alert-table.js';

const TYPES = Object.keys(ALERT_TYPES).join(', ');

describe('parseAlertsArgs', () => {
  it('reads show, quiet hours (default zone), quiet off and a type’s mode', () => {
    expect(parseAlertsArgs('', 'UTC'), 'no words: show').toEqual({ ok: true, value: { kind: 'show' } });
    expect(parseAlertsArgs('quiet 22-7 Europe/Berlin', 'UTC'), 'with a zone').toEqual({ ok: true, value: { kind: 'quiet', quietHours: { startHour: 22, endHour: 7, tz: 'Europe/Berlin' } } });
    expect(parseAlertsArgs('Quiet 1-6', 'America/New_York'), 'the display zone by default').toMatchObject({ ok: true, value: { quietHours: { tz: 'America/New_York' } } });
    expect(parseAlertsArgs('quiet OFF', 'UTC'), 'off').toEqual({ ok: true, value: { kind: 'quiet_off' } });
    expect(parseAlertsArgs('job_stale Silent', 'UTC'), 'a type').toEqual({ ok: true, value: { kind: 'type', type: 'job_stale', mode: 'silent' } });
    expect(parseAlertsArgs('JOB_STALE off', 'UTC'), 'in any case, stored as listed').toEqual({ ok: true, value: { kind: 'type', type: 'job_stale', mode: 'off' } });
  });

  it.each([
    ['quiet 25-3', 'Quiet hours are START-END in whole hours 0–23 that differ, e.g. /alerts quiet 22-7 Europe/Berlin.'],
    ['quiet 7-7', 'Quiet hours are START-END in whole hours 0–23 that differ, e.g. /alerts quiet 22-7 Europe/Berlin.'],
    ['quiet', 'Quiet hours are START-END in whole hours 0–23 that differ, e.g. /alerts quiet 22-7 Europe/Berlin.'],
    ['quiet 22-7 Mars/Olympus', '"Mars/Olympus" is not a time zone such as UTC or Europe/Berlin.'],
    ['quiet 22-7 UTC now', `Too many words: "now" is left over. Usage: /alerts ${ALERTS_USAGE}`],
    ['job_stale loud', `Give the alert type one mode: on, silent, off, e.g. /alerts job_stale silent. Usage: /alerts ${ALERTS_USAGE}`],
    ['nonsense', `"nonsense" is neither "quiet" nor an alert type. The types: ${TYPES}.`],
    ['nosuchtype silent', `"nosuchtype" is neither "quiet" nor an alert type. The types: ${TYPES}.`],
    ['Job-Stale on', `"Job-Stale" is neither "quiet" nor an alert type. The types: ${TYPES}.`],
  ])('%s → a clear error', (text, error) => {
    expect(parseAlertsArgs(text, 'UTC'), 'what was wrong and what is valid').toEqual({ ok: false, error });
  });
});

describe('changeAlertSettings', () => {
  it('changes one thing and keeps the rest', () => {
    const current = { quietHours: { startHour: 22, endHour: 7, tz: 'UTC' }, types: { job_stale: 'silent' as const } };
    expect(changeAlertSettings(current, { kind: 'type', type: 'job_failed', mode: 'off' }), 'a second type').toEqual({ ...current, types: { job_stale: 'silent', job_failed: 'off' } });
    expect(changeAlertSettings(current, { kind: 'quiet_off' }), 'quiet hours gone, types kept').toEqual({ types: { job_stale: 'silent' } });
  });
});
