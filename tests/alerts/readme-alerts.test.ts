import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_TYPES } from '../../src/alerts/alert-table.js';
import { SEVERITIES } from '../../src/engine/ports/alert-sink.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The alert table's rows in the README's "Alerts, health and schedules" section: type → severities named. */
function readmeAlertRows(): [string, string[]][] {
  const start = README.indexOf('## Alerts, health and schedules');
  const end = README.indexOf('\n## ', start + 1);
  const section = README.slice(start, end === -1 ? undefined : end);
  const rows = section.split('\n').map((line) => /^\s*\|\s*`([a-z_]+)`\s*\|([^|]*)\|/.exec(line));
  return rows
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1] ?? '', (match[2] ?? '').match(new RegExp(`\\b(${SEVERITIES.join('|')})\\b`, 'g')) ?? []]);
}

describe('the README alert table', () => {
  const rows = readmeAlertRows();

  it('lists every alert type the table raises, once, and no type it does not', () => {
    const types = rows.map(([type]) => type);
    expect(new Set(types).size, 'each type has one row').toBe(types.length);
    expect([...types].sort(), 'the README names exactly the types in src/alerts/alert-table.ts').toEqual(Object.keys(ALERT_TYPES).sort());
  });

  it.each(Object.entries(ALERT_TYPES))('gives %s the severities it is raised with', (type, severities) => {
    const row = rows.find(([name]) => name === type);
    expect([...new Set(row?.[1] ?? [])].sort(), `the Severity cell of ${type} names exactly what the table raises`).toEqual([...severities].sort());
  });
});
