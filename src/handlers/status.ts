import type { CommandDefinition } from '../bot/command.js';
import { statusMessage } from '../bot/messages/status-message.js';
import { replyHtml } from '../bot/reply-html.js';

export const statusCommand: CommandDefinition = {
  name: 'status',
  description: 'Paused or halted (by whom, when), mode, uptime, version, store and pending work',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { config, displayTimezone, engine } = ctx.deps;
    const status = await engine.getStatus();
    await replyHtml(ctx, statusMessage({ status, mode: config.mode, tradingMode: config.tradingMode, displayTimezone }));
  },
};
