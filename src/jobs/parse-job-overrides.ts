import { checkCronRule } from './check-cron-rule.js';

/** What JOB_SCHEDULES changes for one job; unset fields keep the job's own. */
export interface JobOverride {
  readonly rule?: string;
  readonly tz?: string;
  readonly enabled?: boolean;
}

export type JobOverrides = ReadonlyMap<string, JobOverride>;

export type ParseJobOverridesResult = { ok: true; overrides: JobOverrides } | { ok: false; problems: string[] };

export const JOB_OVERRIDES_EXAMPLE = 'scan=*/15 * * * *@UTC;daily_report=30 16 * * 1-5@America/New_York;research=on';

/**
 * Parses `name=RULE@TZ;name=RULE;name=off;name=on`. Entries are separated by `;`; the
 * time zone follows the last `@` and is optional (the job's own stays). One name may
 * appear twice, once with on/off and once with a rule (`research=on;research=0 8 * * *`),
 * but never set the same thing twice. Every problem is reported, each naming its entry.
 */
export function parseJobOverrides(raw: string, knownJobs?: readonly string[]): ParseJobOverridesResult {
  const overrides = new Map<string, JobOverride>();
  const problems: string[] = [];
  const entries = raw.split(';').map((e) => e.trim()).filter((e) => e.length > 0);
  for (const entry of entries) {
    const parsed = parseEntry(entry, knownJobs);
    if (typeof parsed === 'string') {
      problems.push(`"${entry}": ${parsed}`);
      continue;
    }
    const previous = overrides.get(parsed.name) ?? {};
    const clash = (Object.keys(parsed.override) as (keyof JobOverride)[]).find((key) => previous[key] !== undefined);
    if (clash !== undefined) {
      problems.push(`"${entry}": ${parsed.name} ${clash === 'enabled' ? 'is turned on or off' : 'has a rule'} twice`);
      continue;
    }
    overrides.set(parsed.name, { ...previous, ...parsed.override });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, overrides };
}

function parseEntry(entry: string, knownJobs: readonly string[] | undefined): { name: string; override: JobOverride } | string {
  const equals = entry.indexOf('=');
  if (equals === -1) return 'needs name=RULE@TIMEZONE, name=on or name=off';
  const name = entry.slice(0, equals).trim();
  const spec = entry.slice(equals + 1).trim();
  if (!/^[a-z][a-z0-9_]*$/.test(name)) return `"${name}" is not a job name (lower case, digits and _)`;
  if (knownJobs !== undefined && !knownJobs.includes(name)) return `there is no job "${name}"; jobs are ${knownJobs.join(', ')}`;
  if (spec === 'on' || spec === 'off') return { name, override: { enabled: spec === 'on' } };
  if (spec.length === 0) return 'the rule is empty';
  const at = spec.lastIndexOf('@');
  const rule = (at === -1 ? spec : spec.slice(0, at)).trim();
  const tz = at === -1 ? undefined : spec.slice(at + 1).trim();
  const ruleProblem = rule.length === 0 ? 'is empty' : checkCronRule(rule);
  if (ruleProblem !== undefined) return `the rule ${ruleProblem}`;
  if (tz !== undefined && !isTimeZone(tz)) return `"${tz}" is not an IANA time zone (e.g. UTC, America/New_York, Europe/Berlin)`;
  return { name, override: tz === undefined ? { rule } : { rule, tz } };
}

/** Intl's canonical zone names, read on first use. */
let listedZones: ReadonlySet<string> | undefined;

/** True for a time zone Intl (and so node-schedule's luxon) knows, e.g. `Europe/Berlin`. */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0) return false;
  // UTC and the zones Intl lists are known without building a DateTimeFormat: the process's
  // first one sets up ICU's date formatting (some 10 ms), which checking the jobs' zones at
  // start should not cost. Other names Intl accepts (US/Eastern, america/new_york) still
  // take the DateTimeFormat.
  listedZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (tz === 'UTC' || listedZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
