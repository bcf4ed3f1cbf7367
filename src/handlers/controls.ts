import type { CommandDefinition } from '../bot/command.js';
import { HALT_CONVERSATION } from '../bot/conversations/halt-conversation.js';
import type { IntentExecutor } from '../bot/inbound/intent-executor.js';
import { tapperOf } from '../bot/inbound/record-tap.js';
import { countOf } from '../engine/text/count-of.js';

/** Anyone who can approve can also stop new approvals: stopping is the safe direction. */
export const pauseCommand: CommandDefinition = {
  name: 'pause',
  description: 'Stop new proposals from reaching approval',
  minRole: 'approver',
  effect: 'write',
  handle: async (ctx) => {
    await ctx.deps.engine.pause(tapperOf(ctx));
  },
};

export const resumeCommand: CommandDefinition = {
  name: 'resume',
  description: 'Resume trading after /pause or /halt',
  minRole: 'owner',
  effect: 'write',
  handle: async (ctx) => {
    await ctx.deps.engine.resume(tapperOf(ctx));
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
