import type { Job } from 'node-schedule';
import type { JobHealth } from '../engine/health/collect-health.js';
import type { Logger } from '../logger.js';
import { ConfigError } from '../errors.js';
import { checkCronRule } from './check-cron-rule.js';
import { createJobTracker, type JobRun, type JobTracker, type JobTrigger } from './create-job-tracker.js';
import { isTimeZone, type JobOverrides } from './parse-job-overrides.js';
import type { ScheduledJob } from './scheduled-job.js';

/** A job as /jobs shows it: its effective schedule, next run and last outcome. */
export interface JobListing extends JobHealth {
  readonly description: string;
  readonly rule: string;
  readonly tz: string;
}

export type RunNowResult =
  | { readonly kind: 'started'; readonly done: Promise<JobRun> }
  | { readonly kind: 'running'; readonly since: Date; readonly trigger: JobTrigger }
  | { readonly kind: 'unknown'; readonly names: readonly string[] }
  | { readonly kind: 'stopped' };

export interface JobScheduler {
  readonly tracker: JobTracker;
  names(): string[];
  /** Every job in declaration order, disabled ones included. */
  list(): JobListing[];
  /** Jobs and tracked long tasks, for the health report. */
  health(): JobHealth[];
  /** Starts a run now (for /run), unless one is going: jobs never overlap themselves. */
  runNow(name: string): RunNowResult;
  /**
   * Puts every enabled job on its timer; once. Before this, /jobs shows no next runs and
   * /run still works. Resolves once they are on their timers: node-schedule (with luxon and
   * cron-parser, tens of milliseconds to load) is loaded here, after the bot is ready.
   */
  start(): Promise<void>;
  /** Cancels future runs and waits for the ones in progress. */
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  /** Shared with whatever else tracks long tasks; default a new one with the logger and no alerts. */
  readonly tracker?: JobTracker;
  /** From JOB_SCHEDULES: rules, time zones and on/off per job. */
  readonly overrides?: JobOverrides;
  readonly clock?: () => Date;
}

interface EffectiveJob<D> extends ScheduledJob<D> {
  readonly enabled: boolean;
}

/** Creates the scheduler and starts it (see createJobScheduler). */
export async function startJobs<D>(jobs: readonly ScheduledJob<D>[], deps: D, logger: Logger, options: StartJobsOptions = {}): Promise<JobScheduler> {
  const scheduler = createJobScheduler(jobs, deps, logger, options);
  await scheduler.start();
  return scheduler;
}

/**
 * Once started, runs every enabled job on its rule in its time zone (node-schedule follows
 * daylight-saving changes). Created apart from started so the bot can hold it for /jobs and
 * /run before the jobs begin, last in start-up. A run that comes due while the previous one
 * is still going is skipped and recorded as `skipped_overlap`, not queued. Failures are caught, tracked and alerted
 * by the tracker; nothing a job does can reach node-schedule as an unhandled rejection.
 * Throws ConfigError at creation, before anything is scheduled, when an override or a rule is invalid.
 */
export function createJobScheduler<D>(jobs: readonly ScheduledJob<D>[], deps: D, logger: Logger, options: StartJobsOptions = {}): JobScheduler {
  const clock = options.clock ?? (() => new Date());
  const tracker = options.tracker ?? createJobTracker({ clock, logger });
  const effective = resolveJobs(jobs, options.overrides ?? new Map());
  const byName = new Map(effective.map((job) => [job.name, job]));
  const handles = new Map<string, Job>();
  const inFlight = new Set<Promise<JobRun>>();
  let stopped = false;
  let started = false;

  const execute = (job: EffectiveJob<D>, trigger: JobTrigger): Promise<JobRun> => {
    const done = tracker.run(job.name, trigger, () => job.run(deps));
    inFlight.add(done);
    void done.then((run) => {
      inFlight.delete(done);
      if (run.outcome === 'skipped_overlap') logger.warn({ job: job.name, trigger }, 'previous run still going; this one skipped');
      else if (run.outcome === 'ok') logger.debug({ job: job.name, trigger, ms: run.durationMs, details: run.details }, 'job done');
    });
    return done;
  };

  for (const job of effective) tracker.register(job.name, job.enabled ? { expectedIntervalMs: job.expectedIntervalMs } : {});

  const start = async () => {
    if (started || stopped) return;
    started = true;
    const { default: schedule } = await import('node-schedule');
    // Stopped while it loaded: nothing goes on a timer.
    if (stopped) return;
    for (const job of effective.filter((j) => j.enabled)) {
      const handle = schedule.scheduleJob({ rule: job.rule, tz: job.tz }, () => {
        void execute(job, 'schedule');
      });
      if (handle === null) {
        for (const h of handles.values()) h.cancel();
        throw new ConfigError([`job ${job.name}: node-schedule could not schedule "${job.rule}" in ${job.tz}`]);
      }
      handles.set(job.name, handle);
    }
  };

  const describe = (job: EffectiveJob<D>): JobListing => {
    const next = handles.get(job.name)?.nextInvocation();
    return { ...healthOf(tracker, job.name, job.enabled, clock()), description: job.description, rule: job.rule, tz: job.tz, nextRunAt: next ? new Date(next.getTime()) : undefined };
  };

  return {
    tracker,
    names: () => effective.map((j) => j.name),
    list: () => effective.map(describe),
    health() {
      const tasks = tracker.list().filter((state) => !byName.has(state.name));
      return [...effective.map(describe), ...tasks.map((t) => healthOf(tracker, t.name, true, clock()))];
    },
    runNow(name) {
      const job = byName.get(name);
      if (job === undefined) return { kind: 'unknown', names: effective.map((j) => j.name) };
      if (stopped) return { kind: 'stopped' };
      const running = tracker.get(name)?.running;
      if (running !== undefined) return { kind: 'running', since: running.startedAt, trigger: running.trigger };
      return { kind: 'started', done: execute(job, 'manual') };
    },
    start,
    async stop() {
      stopped = true;
      for (const handle of handles.values()) handle.cancel();
      await Promise.all(inFlight);
    },
  };
}

function healthOf(tracker: JobTracker, name: string, enabled: boolean, now: Date): JobHealth {
  const state = tracker.get(name);
  return {
    name,
    enabled,
    expectedIntervalMs: state?.expectedIntervalMs,
    nextRunAt: undefined,
    running: state?.running === undefined ? undefined : { startedAt: state.running.startedAt },
    lastRun: state?.runs[0],
    lastSuccessAt: state?.lastSuccessAt,
    consecutiveFailures: state?.consecutiveFailures ?? 0,
    lastError: state?.lastError,
    stale: enabled ? tracker.isStale(name, now) : undefined,
  };
}

/** Each job with its overrides applied; every problem at once, as start-up wants them. */
function resolveJobs<D>(jobs: readonly ScheduledJob<D>[], overrides: JobOverrides): EffectiveJob<D>[] {
  const problems: string[] = [];
  const names = jobs.map((j) => j.name);
  for (const name of overrides.keys()) {
    if (!names.includes(name)) problems.push(`JOB_SCHEDULES: there is no job "${name}"; jobs are ${names.join(', ')}`);
  }
  const seen = new Set<string>();
  const effective = jobs.map((job) => {
    if (seen.has(job.name)) problems.push(`job ${job.name} is defined twice`);
    seen.add(job.name);
    const override = overrides.get(job.name) ?? {};
    const resolved = { ...job, rule: override.rule ?? job.rule, tz: override.tz ?? job.tz, enabled: override.enabled ?? job.enabled ?? true, run: job.run };
    const ruleProblem = checkCronRule(resolved.rule);
    if (ruleProblem !== undefined) problems.push(`job ${job.name}: the rule "${resolved.rule}" ${ruleProblem}`);
    if (!isTimeZone(resolved.tz)) problems.push(`job ${job.name}: "${resolved.tz}" is not an IANA time zone`);
    return resolved;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return effective;
}
