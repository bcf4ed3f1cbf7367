/**
 * A job under schedules/: what runs, when (cron rule in a time zone), and its work.
 * `run` gets the engine-level dependencies; it never talks to Telegram.
 */
export interface ScheduledJob<D> {
  readonly name: string;
  /** Cron rule; six fields allow seconds (`*\/15 * * * * *`). */
  readonly rule: string;
  readonly tz: string;
  readonly description: string;
  run(deps: D): Promise<unknown>;
}
