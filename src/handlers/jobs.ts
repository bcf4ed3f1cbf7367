import type { CommandDefinition } from '../bot/command.js';
import { formatTimeIn, jobsMessage, runResultMessage } from '../bot/messages/jobs-message.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseRunArgs } from '../bot/parse/parse-run-args.js';
import { replyHtml } from '../bot/reply-html.js';

export const jobsCommand: CommandDefinition = {
  name: 'jobs',
  description: 'Scheduled jobs: next run, last outcome and duration',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { config, displayTimezone, jobs } = ctx.deps;
    return replyHtml(ctx, jobsMessage({ jobs: jobs.list(), displayTimezone, tradingMode: config.tradingMode }));
  },
};

export const runCommand: CommandDefinition = {
  name: 'run',
  description: 'Run a scheduled job now',
  usage: 'JOB',
  minRole: 'owner',
  effect: 'write',
  handle: async (ctx) => {
    const { displayTimezone: tz, jobs } = ctx.deps;
    const name = parseRunArgs(commandArgs(ctx), jobs.names());
    if (!name.ok) return ctx.reply(name.error);
    const result = jobs.runNow(name.value);
    switch (result.kind) {
      case 'unknown':
        return ctx.reply(`Unknown job "${name.value}". Jobs: ${result.names.join(', ')}.`);
      case 'stopped':
        return ctx.reply('The scheduler is stopping; nothing was started.');
      case 'running':
        return ctx.reply(`${name.value} is already running (since ${formatTimeIn(result.since, tz)}, ${result.trigger}); not started again.`);
      case 'started': {
        await ctx.reply(`Running ${name.value}…`);
        // The job may take minutes: its result follows as its own message (DESIGN principle 7).
        ctx.deps.engine.tasks.run(`run ${name.value}`, async () => replyHtml(ctx, runResultMessage(await result.done, tz)));
        return;
      }
    }
  },
};
