/**
 * A job under schedules/: what runs, when (cron rule in a time zone), and its work.
 * `run` gets the engine-level dependencies; it never talks to Telegram. What it returns
 * is its summary: a short string is best ("expired 2"); anything else is shortened.
 */
export interface ScheduledJob<D> {
  /** snake_case; what /run and JOB_SCHEDULES name it by. */
  readonly name: string;
  /** Cron rule: five fields, or six with seconds first (`*\/15 * * * * *`). */
  readonly rule: string;
  /** IANA time zone the rule is read in; daylight-saving changes follow it. */
  readonly tz: string;
  readonly description: string;
  /**
   * The longest normal gap between two successful runs. The job is stale (an alert) when
   * it has not succeeded for a multiple of this; see createJobTracker.
   */
  readonly expectedIntervalMs: number;
  /** Default true; JOB_SCHEDULES can turn a job on or off. */
  readonly enabled?: boolean;
  run(deps: D): Promise<unknown>;
}
