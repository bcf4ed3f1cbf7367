import type { CommandDefinition } from '../bot/command.js';
import type { BotContext, BotDeps } from '../bot/context.js';
import { formatTimeIn, jobsMessage, runResultMessage } from '../bot/messages/jobs-message.js';
import { replyHtml } from '../bot/reply-html.js';
import type { JobScheduler } from '../jobs/start-jobs.js';

/** What /jobs and /run need on `ctx.deps` (BotDeps gains these in the composition root). */
export interface JobsCommandDeps {
  readonly jobs: Pick<JobScheduler, 'list' | 'runNow'>;
  /** IANA zone times are shown in (DISPLAY_TIMEZONE); default UTC. */
  readonly displayTimezone?: string;
}

const depsOf = (ctx: BotContext) => ctx.deps as BotDeps & Partial<JobsCommandDeps>;

export const jobsCommand: CommandDefinition = {
  name: 'jobs',
  description: 'Scheduled jobs: next run, last outcome and duration',
  minRole: 'viewer',
  handle: async (ctx) => {
    const deps = depsOf(ctx);
    if (deps.jobs === undefined) return ctx.reply('Jobs are not wired in this build.');
    return replyHtml(ctx, jobsMessage({ jobs: deps.jobs.list(), displayTimezone: deps.displayTimezone ?? 'UTC', tradingMode: deps.config.tradingMode }));
  },
};

export const runCommand: CommandDefinition = {
  name: 'run',
  description: 'Run a scheduled job now',
  usage: 'JOB',
  minRole: 'owner',
  handle: async (ctx) => {
    const deps = depsOf(ctx);
    const jobs = deps.jobs;
    if (jobs === undefined) return ctx.reply('Jobs are not wired in this build.');
    const tz = deps.displayTimezone ?? 'UTC';
    const [name] = typeof ctx.match === 'string' ? ctx.match.split(/\s+/).filter((w) => w.length > 0) : [];
    const names = () => jobs.list().map((j) => j.name).join(', ');
    if (name === undefined) return ctx.reply(`Name the job, e.g. /run scan. Jobs: ${names()}.`);
    const result = jobs.runNow(name.toLowerCase());
    switch (result.kind) {
      case 'unknown':
        return ctx.reply(`Unknown job "${name}". Jobs: ${result.names.join(', ')}.`);
      case 'stopped':
        return ctx.reply('The scheduler is stopping; nothing was started.');
      case 'running':
        return ctx.reply(`${name} is already running (since ${formatTimeIn(result.since, tz)}, ${result.trigger}); not started again.`);
      case 'started': {
        await ctx.reply(`Running ${name}…`);
        // The job may take minutes: its result follows as its own message (DESIGN principle 7).
        ctx.deps.engine.tasks.run(`run ${name}`, async () => replyHtml(ctx, runResultMessage(await result.done, tz)));
        return;
      }
    }
  },
};
