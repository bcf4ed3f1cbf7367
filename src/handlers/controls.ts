import type { CommandDefinition } from '../bot/command.js';
import { HALT_CONVERSATION } from '../bot/conversations/halt-conversation.js';

/** Anyone who can approve can also stop new approvals: stopping is the safe direction. */
export const pauseCommand: CommandDefinition = {
  name: 'pause',
  description: 'Stop new proposals from reaching approval',
  minRole: 'approver',
  handle: async (ctx) => {
    await ctx.deps.engine.pause(ctx.from?.id ?? 0);
  },
};

export const resumeCommand: CommandDefinition = {
  name: 'resume',
  description: 'Resume trading after /pause or /halt',
  minRole: 'owner',
  handle: async (ctx) => {
    await ctx.deps.engine.resume(ctx.from?.id ?? 0);
  },
};

export const haltCommand: CommandDefinition = {
  name: 'halt',
  description: 'Kill switch: cancel open orders everywhere and refuse approvals (asks to type HALT)',
  minRole: 'owner',
  handle: (ctx) => ctx.conversation.enter(HALT_CONVERSATION),
};
