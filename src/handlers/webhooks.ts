import type { CommandDefinition } from '../bot/command.js';
import { pingResultMessage, webhooksMessage } from '../bot/messages/webhooks-message.js';
import { badge } from '../bot/messages/badge.js';
import { html } from '../bot/messages/html.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseWebhooksArgs, WEBHOOKS_USAGE } from '../bot/parse/parse-webhooks-args.js';
import { replyHtml } from '../bot/reply-html.js';

export const webhooksCommand: CommandDefinition = {
  name: 'webhooks',
  description: 'Signed outgoing webhooks and incoming signals: backlog, last success and failure',
  usage: WEBHOOKS_USAGE,
  minRole: 'owner',
  bare: 'Outgoing webhooks and incoming signals: backlog, last success and last failure',
  subcommands: [
    // Each sends or changes something: a redelivered update must not do it twice.
    { name: 'test', description: 'Send a test event to an endpoint now', usage: 'ID', minRole: 'owner', effect: 'write' },
    { name: 'resume', description: 'Resume a paused endpoint', usage: 'ID', minRole: 'owner', effect: 'write' },
  ],
  handle: async (ctx) => {
    const { config, displayTimezone, signals, engine } = ctx.deps;
    const mode = config.tradingMode;
    const endpoints = signals?.endpoints() ?? [];
    const args = parseWebhooksArgs(commandArgs(ctx), endpoints.map((e) => e.id));
    if (!args.ok) return ctx.reply(args.error);
    if (args.value.kind === 'show' || signals === undefined) {
      return replyHtml(ctx, webhooksMessage({ mode, endpoints, sources: signals?.sources() ?? [], timezone: displayTimezone }));
    }
    const { endpointId } = args.value;
    if (args.value.kind === 'resume') {
      const resumed = await signals.resume(endpointId);
      const waiting = signals.endpoints().find((e) => e.id === endpointId)?.waiting ?? 0;
      return replyHtml(
        ctx,
        resumed === 'resumed'
          ? html`${badge(mode)} · <b>${endpointId}</b> resumed: ${waiting} waiting events go out now, in order.`
          : html`${badge(mode)} · <b>${endpointId}</b> is not paused; nothing to resume.`,
      );
    }
    await replyHtml(ctx, html`${badge(mode)} · Sending a test event to <b>${endpointId}</b>…`);
    // Up to 10 s for a slow receiver: the answer follows as its own message (DESIGN principle 7).
    engine.tasks.run(`webhook test ${endpointId}`, async () => {
      const result = await signals.test(endpointId);
      if (result !== undefined) await replyHtml(ctx, pingResultMessage(mode, endpointId, result));
    });
  },
};
