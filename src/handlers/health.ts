import type { CommandDefinition } from '../bot/command.js';
import { healthMessage } from '../bot/messages/health-message.js';
import { replyHtml } from '../bot/reply-html.js';
import { criticalConditions } from '../engine/health/critical-conditions.js';

export const healthCommand: CommandDefinition = {
  name: 'health',
  description: 'Jobs, connections, data freshness, alerts waiting to be sent, memory, event loop, heartbeat',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { config, displayTimezone, health } = ctx.deps;
    const report = await health();
    return replyHtml(ctx, healthMessage({ report, critical: criticalConditions(report), displayTimezone, tradingMode: config.tradingMode }));
  },
};
