import { describe, expect, it } from 'vitest';
import { ALERT_TYPES, healthChangeAlerts } from '../../src/alerts/alert-table.js';
import { ALL_CASES, ANALYTICS_CASES, BREAKER_CASES, EVENT_CASES, HEALTH_CASES, JOB_CASES, WEBHOOK_CASES } from './alert-cases.js';

const pairsOf = (pairs: Iterable<readonly [string, string]>) => [...new Set([...pairs].map(([type, severity]) => `${type} ${severity}`))].sort();

describe('the alert table', () => {
  describe.each([
    ['engine events', EVENT_CASES],
    ['job outcomes', JOB_CASES],
    ['breaker changes', BREAKER_CASES],
    ['health conditions', HEALTH_CASES],
    ['outgoing webhooks', WEBHOOK_CASES],
    ['approval analytics', ANALYTICS_CASES],
  ] as const)('%s', (_, cases) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(c.actual, 'severity, type, title, body and dedupe key as written down').toEqual(c.expected);
    });
  });

  it('lists exactly the type and severity pairs the mappings produce: none missing, none unused', () => {
    const produced = ALL_CASES.flatMap((c) => (c.expected === undefined ? [] : [[c.expected.type, c.expected.severity] as const]));
    const listed = Object.entries(ALERT_TYPES).flatMap(([type, severities]) => severities.map((s) => [type, s] as const));
    expect(pairsOf(produced), 'ALERT_TYPES is what the README is checked against, so it must match what is raised').toEqual(pairsOf(listed));
  });

  it('turns a change of health conditions into one alert per start and per clearing, leaving out those alerted elsewhere', () => {
    const raised = healthChangeAlerts({
      started: [
        { rule: 'breaker_open', message: 'alpaca: breaker open', subject: 'alpaca' },
        { rule: 'event_loop_stalled', message: 'event-loop delay p99 2500 ms (over 2000 ms)' },
      ],
      cleared: [{ rule: 'outbox_backlog', message: '101 alerts waiting to be sent (over 100)' }],
    });
    expect(
      raised.map((a) => [a.type, a.severity]),
      'the stall starts (HIGH), the backlog clears (INFO); the breaker has its own alert',
    ).toEqual([
      ['health_condition', 'HIGH'],
      ['health_condition_cleared', 'INFO'],
    ]);
  });
});
