import type { CommandDefinition } from '../bot/command.js';
import { HALT_CONVERSATION } from '../bot/conversations/halt-conversation.js';
import type { IntentExecutor } from '../bot/inbound/intent-executor.js';
import { tapperOf } from '../bot/inbound/record-tap.js';
import { badge } from '../bot/messages/badge.js';
import { html } from '../bot/messages/html.js';
import { formatTimeIn } from '../bot/messages/jobs-message.js';
import { replyHtml } from '../bot/reply-html.js';
import { countOf } from '../engine/text/count-of.js';

/** Anyone who can approve can also stop new approvals: stopping is the safe direction. */
export const pauseCommand: CommandDefinition = {
  name: 'pause',
  description: 'Block new proposals and refuse approvals until /resume',
  minRole: 'approver',
  effect: 'write',
  handle: async (ctx) => {
    if (await ctx.deps.engine.pause(tapperOf(ctx))) return;
    const by = ctx.deps.engine.controls().pausedBy;
    const since = by === undefined ? '' : html` by ${by.name}, ${formatTimeIn(new Date(by.at), ctx.deps.config.displayTimezone)}`;
    await replyHtml(ctx, html`${badge(ctx.deps.config.tradingMode)} · Already paused${since}: nothing changed. /resume to continue.`);
  },
};

export const resumeCommand: CommandDefinition = {
  name: 'resume',
  description: 'Resume trading after /pause or /halt',
  minRole: 'owner',
  effect: 'write',
  handle: async (ctx) => {
    if (await ctx.deps.engine.resume(tapperOf(ctx))) return;
    await replyHtml(ctx, html`${badge(ctx.deps.config.tradingMode)} · Trading is not paused or halted: nothing to resume.`);
  },
};

export const haltCommand: CommandDefinition = {
  name: 'halt',
  description: 'Kill switch: cancel open orders everywhere and refuse approvals (asks to type HALT)',
  minRole: 'owner',
  effect: 'write',
  handle: (ctx) => ctx.conversation.enter(HALT_CONVERSATION),
};

/**
 * Carries out a recorded HALT confirmation. Running it again after a crash is harmless:
 * the switch is on already and there is nothing left to cancel. Everyone is told through
 * the notifier's trading_control message.
 */
export const haltIntent: IntentExecutor = async (intent, { engine }) => {
  const { canceled, failures } = await engine.halt(intent.user);
  const failed = failures.length === 0 ? '' : `, ${countOf(failures.length, 'venue')} failed`;
  return { result: `halted; ${countOf(canceled, 'order')} canceled${failed}`, toast: 'Halted.' };
};
