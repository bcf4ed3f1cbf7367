/**
 * Checks a cron rule the way node-schedule (cron-parser) reads it, so a typo in
 * JOB_SCHEDULES stops start-up with its reason instead of a job that silently never
 * runs. node-schedule would read a rule it cannot parse as a date, e.g. a one-off run.
 */
const FIELDS_5 = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;
const FIELDS_6 = ['second', ...FIELDS_5] as const;
type Field = (typeof FIELDS_6)[number];

const RANGES: Record<Field, [number, number]> = {
  second: [0, 59],
  minute: [0, 59],
  hour: [0, 23],
  'day of month': [1, 31],
  month: [1, 12],
  // 0 and 7 are both Sunday.
  'day of week': [0, 7],
};

const NAMES: Partial<Record<Field, readonly string[]>> = {
  month: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  'day of week': ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

/** Undefined when the rule is good, else what is wrong with it, in words. */
export function checkCronRule(rule: string): string | undefined {
  const parts = rule.trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return `has ${parts.length} field${parts.length === 1 ? '' : 's'}; use 5 (minute hour day month weekday) or 6 (second first), e.g. "*/15 * * * *"`;
  }
  const fields = parts.length === 5 ? FIELDS_5 : FIELDS_6;
  for (const [i, part] of parts.entries()) {
    const field = fields[i] as Field;
    for (const item of part.split(',')) {
      const problem = checkItem(item, field);
      if (problem !== undefined) return `${field} "${part}": ${problem}`;
    }
  }
  return undefined;
}

function checkItem(item: string, field: Field): string | undefined {
  const match = /^([^/]+)(?:\/(\d+))?$/.exec(item);
  if (match === null) return `"${item}" is not a value, range or step`;
  const [, base = '', step] = match;
  if (step !== undefined && Number(step) === 0) return 'a step must be at least 1';
  if (base === '*' || base === '?') return undefined;
  // cron-parser's last day (L, 5L) and nth weekday (5#3 = third Friday).
  if (field === 'day of month' && base === 'L') return undefined;
  if (field === 'day of week' && /^([0-7]L|[0-7]#[1-5])$/i.test(base)) return undefined;
  const bounds = base.split('-');
  if (bounds.length > 2) return `"${base}" is not a value or a range`;
  const values = bounds.map((b) => toNumber(b, field));
  const [low, high] = RANGES[field];
  for (const [j, value] of values.entries()) {
    if (value === undefined) return `"${bounds[j] ?? ''}" is not a number${NAMES[field] === undefined ? '' : ` or a name (${NAMES[field]?.slice(0, 3).join(', ')}…)`}`;
    if (value < low || value > high) return `${value} is outside ${low}-${high}`;
  }
  const [from, to] = values as [number, number | undefined];
  if (to !== undefined && to < from) return `the range ${base} runs backwards`;
  return undefined;
}

function toNumber(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = NAMES[field]?.indexOf(text.toUpperCase()) ?? -1;
  if (index === -1) return undefined;
  return field === 'month' ? index + 1 : index;
}
