import type { Conversation } from '@grammyjs/conversations';
import type { Context } from 'grammy';
import type { BotDeps } from '../context.js';
import { describeRange, formatSettingValue } from '../../engine/settings/describe-setting.js';
import { THRESHOLD_KEYS, THRESHOLD_SETTINGS, type ThresholdKey } from '../../engine/settings/threshold-settings.js';
import type { ChangeRequest } from '../../engine/settings/threshold-types.js';
import { parseAccount } from '../parse/parse-account.js';
import { parseSettingKey, parseValueAndTail } from '../parse/parse-set-args.js';
import type { Parsed } from '../parse/parsed.js';
import { splitWords } from '../parse/split-words.js';
import { CONFIRMATION_DEADLINE_MS, createAsk, QUESTION_DEADLINE_MS } from './ask.js';
import { confirmThresholdChange } from './confirm-threshold-change.js';

export const THRESHOLD_CONVERSATION = 'threshold';

/** What is known when the conversation starts: from /set, a button under /thresholds, or a suggestion's Apply. */
export interface ThresholdDraft {
  readonly accountId?: string;
  readonly key?: ThresholdKey;
  readonly change?: Omit<ChangeRequest, 'accountId' | 'key'>;
}

/**
 * A threshold change step by step: account → setting (buttons) → value (typed, with its
 * unit and range) → preview → Confirm or Cancel. Steps already known are skipped, so /set
 * in one line lands straight on the preview.
 */
export function createThresholdConversation(deps: Pick<BotDeps, 'clock' | 'engine' | 'inbound' | 'users'>) {
  const { engine } = deps;
  return async function threshold(conversation: Conversation<Context, Context>, ctx: Context, draft: ThresholdDraft = {}): Promise<void> {
    const asking = createAsk(conversation, ctx, { clock: deps.clock, questions: deps.inbound.questions }, { command: 'thresholds', deadlineMs: QUESTION_DEADLINE_MS });
    const accounts = await conversation.external(() => engine.accounts().map((a) => a.id));
    const accountId =
      draft.accountId ??
      (accounts.length === 1
        ? (accounts[0] as string)
        : await asking.ask('Which account?', (t) => parseAccount(t, accounts), accounts.map((a) => ({ label: a, value: a }))));
    const key =
      draft.key ??
      (await asking.ask(`Which setting of ${accountId}?`, parseSettingKey, THRESHOLD_KEYS.map((k) => ({ label: k, value: k })), undefined, 2));
    const setting = THRESHOLD_SETTINGS[key];
    let change = draft.change;
    for (;;) {
      if (change === undefined) {
        const now = await conversation.external(() => engine.account(accountId)?.[key] ?? 0);
        const question =
          `${key} of ${accountId} is ${formatSettingValue(setting, now)} (${setting.meaning}). ` +
          `New value? ${describeRange(setting)}. You may add "for 24h" to make it temporary, and a reason.`;
        change = await asking.ask(question, (t): Parsed<Omit<ChangeRequest, 'accountId' | 'key'>> => parseValueAndTail(setting, splitWords(t)));
      }
      const request: ChangeRequest = { accountId, key, ...change };
      const done = await confirmThresholdChange(conversation, ctx, deps, asking, request, CONFIRMATION_DEADLINE_MS);
      // A value the engine refused (the same as now, say) is asked again in the steps; from /set the command is sent again.
      if (done || draft.change !== undefined) return;
      change = undefined;
    }
  };
}
