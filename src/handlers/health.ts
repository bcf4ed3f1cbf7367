import type { CommandDefinition } from '../bot/command.js';
import type { BotDeps } from '../bot/context.js';
import { healthMessage } from '../bot/messages/health-message.js';
import { replyHtml } from '../bot/reply-html.js';
import type { HealthReport } from '../engine/health/collect-health.js';
import { criticalConditions } from '../engine/health/critical-conditions.js';

/** What /health needs on `ctx.deps` (BotDeps gains these in the composition root). */
export interface HealthCommandDeps {
  readonly health: () => Promise<HealthReport>;
  /** IANA zone times are shown in (DISPLAY_TIMEZONE); default UTC. */
  readonly displayTimezone?: string;
}

export const healthCommand: CommandDefinition = {
  name: 'health',
  description: 'Jobs, breakers, data freshness, outbox, memory, event loop, heartbeat',
  minRole: 'viewer',
  handle: async (ctx) => {
    const deps = ctx.deps as BotDeps & Partial<HealthCommandDeps>;
    if (deps.health === undefined) return ctx.reply('Health is not wired in this build.');
    const report = await deps.health();
    return replyHtml(
      ctx,
      healthMessage({ report, critical: criticalConditions(report), displayTimezone: deps.displayTimezone ?? 'UTC', tradingMode: deps.config.tradingMode }),
    );
  },
};
