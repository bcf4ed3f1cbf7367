import { InlineKeyboard } from 'grammy';
import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import { ROLLBACK_CONVERSATION } from '../bot/conversations/rollback-conversation.js';
import { THRESHOLD_CONVERSATION, type ThresholdDraft } from '../bot/conversations/threshold-conversation.js';
import { html } from '../bot/messages/html.js';
import { settingsHistoryMessage } from '../bot/messages/settings-history-message.js';
import { thresholdsMessage } from '../bot/messages/thresholds-message.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseAccount } from '../bot/parse/parse-account.js';
import { parseSetArgs, SET_USAGE } from '../bot/parse/parse-set-args.js';
import { parseSettingsArgs } from '../bot/parse/parse-settings-args.js';
import { splitWords } from '../bot/parse/split-words.js';
import { replyHtml } from '../bot/reply-html.js';

/** Callback prefix of "Change a threshold" under /thresholds; the payload is the account id. */
export const CHANGE_THRESHOLD_PREFIX = 'th';
const HISTORY_SHOWN = 20;

const accountIds = (ctx: Parameters<CommandDefinition['handle']>[0]) => ctx.deps.engine.accounts().map((a) => a.id);

export const thresholdsCommand: CommandDefinition = {
  name: 'thresholds',
  description: 'Every gate threshold and risk limit of an account, where each value comes from',
  usage: '[account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const [word, extra] = splitWords(commandArgs(ctx));
    if (extra !== undefined) return ctx.reply('Usage: /thresholds [account]');
    const accounts = accountIds(ctx);
    const account = word === undefined ? { ok: true as const, value: accounts[0] ?? '' } : parseAccount(word, accounts);
    if (!account.ok) return ctx.reply(account.error);
    const rows = ctx.deps.engine.thresholds.list(account.value);
    if (rows === undefined) return ctx.reply('No account is configured: set ACCOUNTS.');
    const live = ctx.deps.engine.account(account.value)?.live === true;
    const keyboard = new InlineKeyboard().text('Change a threshold', `${CHANGE_THRESHOLD_PREFIX}:${account.value}`);
    return replyHtml(ctx, thresholdsMessage(account.value, live, rows, ctx.deps.clock()), keyboard);
  },
};

/** `/set paper minConfidence 0.55 for 24h testing looser entries`: the preview, then Confirm. */
export const setCommand: CommandDefinition = {
  name: 'set',
  description: 'Change a threshold, with a preview of what it would have done (tighten: approver; loosen: owner)',
  usage: SET_USAGE,
  // Approvers may tighten; the conversation checks the direction before offering Confirm.
  minRole: 'approver',
  handle: async (ctx) => {
    const args = commandArgs(ctx);
    if (args.trim() === '') return ctx.conversation.enter(THRESHOLD_CONVERSATION);
    const parsed = parseSetArgs(args, accountIds(ctx));
    if (!parsed.ok) return replyHtml(ctx, html`${parsed.error} Nothing was changed.`);
    const { accountId, key, ...change } = parsed.value;
    const draft: ThresholdDraft = { accountId, key, change };
    return ctx.conversation.enter(THRESHOLD_CONVERSATION, draft);
  },
};

export const changeThresholdButton: ButtonDefinition = {
  prefix: CHANGE_THRESHOLD_PREFIX,
  minRole: 'approver',
  handle: async (ctx, accountId) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const known = accountIds(ctx).includes(accountId);
    const draft: ThresholdDraft = known ? { accountId } : {};
    return ctx.conversation.enter(THRESHOLD_CONVERSATION, draft);
  },
};

export const settingsCommand: CommandDefinition = {
  name: 'settings',
  description: 'The audit of threshold changes, and rollback',
  usage: 'history [account] | rollback N',
  minRole: 'viewer',
  subcommands: [
    { name: 'history', description: 'Every threshold change: who, when, old → new, why, until when', usage: '[account]', minRole: 'viewer' },
    { name: 'rollback', description: "Restore an account's thresholds as they were right after change N (asks to confirm)", usage: 'N', minRole: 'owner' },
  ],
  handle: async (ctx) => {
    const parsed = parseSettingsArgs(commandArgs(ctx), accountIds(ctx));
    if (!parsed.ok) return ctx.reply(parsed.error);
    if (parsed.value.kind === 'rollback') return ctx.conversation.enter(ROLLBACK_CONVERSATION, parsed.value.version);
    const changes = await ctx.deps.engine.thresholds.history(HISTORY_SHOWN, parsed.value.accountId);
    return replyHtml(ctx, settingsHistoryMessage(changes, parsed.value.accountId, ctx.deps.clock()));
  },
};
