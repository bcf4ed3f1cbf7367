import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotDeps } from '../context.js';
import { tapperOf } from '../inbound/record-tap.js';
import { changeLine, rollbackPlanMessage } from '../messages/settings-history-message.js';
import { html, joinHtml } from '../messages/html.js';
import { CONFIRMATION_DEADLINE_MS, createAsk } from './ask.js';

export const ROLLBACK_CONVERSATION = 'settings_rollback';

/**
 * `/settings rollback N`: what would change, then Confirm (fresh or void, 60 s). The
 * confirmation is recorded before it acts, so a redelivered update rolls back nothing twice.
 */
export function createRollbackConversation(deps: Pick<BotDeps, 'clock' | 'engine' | 'inbound' | 'users'>) {
  const { engine } = deps;
  return async function rollback(conversation: Conversation<Context, Context>, ctx: Context, version: number): Promise<void> {
    const shown = await conversation.external(async () => {
      const plan = await engine.thresholds.planRollback(version);
      return { actionable: plan.kind === 'plan', text: rollbackPlanMessage(plan, deps.clock()).value };
    });
    await ctx.reply(shown.text, { parse_mode: 'HTML' });
    if (!shown.actionable) return;
    const { askFor } = createAsk(conversation, ctx, { clock: deps.clock, questions: deps.inbound.questions }, { command: 'settings', deadlineMs: CONFIRMATION_DEADLINE_MS });
    const { answer } = await askFor('Confirm the rollback?', (t) => (t === 'confirm' ? { ok: true, value: t } : { ok: false, error: 'Press Confirm or Cancel.' }), [{ label: 'Confirm', value: 'confirm' }]);
    const text = await conversation.external(async () => {
      if (!(await deps.inbound.updates.record(answer.update.update_id))) return undefined;
      const confirmer = tapperOf(answer);
      const result = await engine.thresholds.rollback(version, { ...confirmer, role: deps.users.roleOf(confirmer.id) ?? 'viewer' });
      const now = deps.clock();
      switch (result.kind) {
        case 'applied':
          return joinHtml([html`✅ Rolled ${result.target.accountId} back to change ${result.target.version}:`, ...result.changes.map((c) => changeLine(c, now))]).value;
        case 'forbidden':
          return 'Only an owner may roll back. Nothing was changed.';
        default:
          return `${rollbackPlanMessage(result, now).value} Nothing was changed.`;
      }
    });
    if (text !== undefined) await answer.reply(text, { parse_mode: 'HTML' });
  };
}
