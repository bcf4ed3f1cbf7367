import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotDeps } from '../context.js';
import type { ChangeRequest } from '../../engine/settings/threshold-types.js';
import { mayChange } from '../../engine/settings/judge-change.js';
import { tapperOf } from '../inbound/record-tap.js';
import { thresholdPreviewMessage } from '../messages/threshold-preview-message.js';
import { thresholdAppliedMessage, thresholdRefusedMessage } from '../messages/threshold-applied-message.js';
import type { Parsed } from '../parse/parsed.js';
import type { createAsk } from './ask.js';

type Asking = ReturnType<typeof createAsk>;

/**
 * Shows the preview and carries out the confirmation. True when the conversation is over
 * (changed, refused or canceled); false when the engine refused the value itself, so the
 * steps can ask for another one. The preview is rendered inside `external`: the plugin
 * replays plain JSON, and a preview holds decimals.
 */
export async function confirmThresholdChange(
  conversation: Conversation<Context, Context>,
  ctx: Context,
  deps: Pick<BotDeps, 'clock' | 'engine' | 'inbound' | 'users'>,
  asking: Asking,
  request: ChangeRequest,
  deadlineMs: number,
): Promise<boolean> {
  const { engine } = deps;
  const shown = await conversation.external(async () => {
    const preview = await engine.thresholds.preview(request);
    if (preview.kind === 'invalid') return { ok: false as const, problem: preview.problem };
    const live = engine.account(request.accountId)?.live === true;
    return { ok: true as const, text: thresholdPreviewMessage(preview, live, deps.clock()).value, judgement: preview.judgement };
  });
  if (!shown.ok) {
    await ctx.reply(`${shown.problem} Nothing was changed.`);
    return false;
  }
  const role = deps.users.roleOf(ctx.from?.id ?? 0) ?? 'viewer';
  if (!mayChange(role, shown.judgement)) {
    await ctx.reply(shown.text, { parse_mode: 'HTML' });
    await ctx.reply(`You are ${role}: ${shown.judgement.needs === 'owner' ? 'loosening needs an owner' : 'changing needs an approver'}. Nothing was changed.`);
    return true;
  }
  await ctx.reply(shown.text, { parse_mode: 'HTML' });
  const typed = shown.judgement.needsTypedName;
  const question = typed ? `Type ${request.accountId} to confirm, or Cancel.` : 'Confirm the change?';
  const parse = (t: string): Parsed<string> => {
    if (typed) return t.trim().toLowerCase() === request.accountId.toLowerCase() ? { ok: true, value: t } : { ok: false, error: `Only the account name ${request.accountId} confirms.` };
    return t === 'confirm' || t.toLowerCase() === 'yes' ? { ok: true, value: t } : { ok: false, error: 'Press Confirm or Cancel.' };
  };
  const { answer, value } = await asking.askFor(question, parse, typed ? [] : [{ label: 'Confirm', value: 'confirm' }], deadlineMs);
  // The confirming update acts once: recorded first, so a redelivery after a crash is skipped.
  const result = await conversation.external(async () => {
    if (!(await deps.inbound.updates.record(answer.update.update_id))) return undefined;
    const confirmer = tapperOf(answer);
    const actor = { ...confirmer, role: deps.users.roleOf(confirmer.id) ?? ('viewer' as const) };
    const applied = await engine.thresholds.apply(request, actor, typed ? value : undefined);
    return applied.kind === 'applied' ? thresholdAppliedMessage(applied.change, deps.clock()).value : thresholdRefusedMessage(applied).value;
  });
  if (result !== undefined) await answer.reply(result, { parse_mode: 'HTML' });
  return true;
}
