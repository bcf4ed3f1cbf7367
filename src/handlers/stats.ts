import { InlineKeyboard, InputFile } from 'grammy';
import { renderApprovalRates } from '../bot/charts/render-approval-rates.js';
import { parseAccount } from '../bot/parse/parse-account.js';
import { countOf } from '../engine/text/count-of.js';
import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { THRESHOLD_CONVERSATION, type ThresholdDraft } from '../bot/conversations/threshold-conversation.js';
import { analyticsMessage } from '../bot/messages/analytics-message.js';
import { badge } from '../bot/messages/badge.js';
import { html, joinHtml } from '../bot/messages/html.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseSuggestionPayload, suggestionPayload } from '../bot/parse/parse-suggestion-payload.js';
import { splitWords } from '../bot/parse/split-words.js';
import { replyHtml } from '../bot/reply-html.js';
import { splitMessage } from '../alerts/split-message.js';
import { describeChange, describeExcursion } from '../engine/stats/describe-suggestion.js';

/** Callback prefix of a suggestion's Apply… button; the payload is account, setting and value. */
export const APPLY_SUGGESTION_PREFIX = 'sg';

const CALLBACK_DATA_LIMIT = 64;

const isAnyLive = (ctx: BotContext) => ctx.deps.engine.accounts().some((a) => a.live);

async function showStats(ctx: BotContext) {
  const { report, shadow } = await ctx.deps.engine.analytics.overview();
  const text = joinHtml([badge(isAnyLive(ctx) ? 'live' : 'paper'), analyticsMessage(report, shadow)], ' · ');
  // Many strategies make a long table: Telegram takes 4,096 characters a message.
  for (const part of splitMessage(text.value)) await ctx.reply(part, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
}

async function showSuggestions(ctx: BotContext) {
  const { suggestions } = await ctx.deps.engine.analytics.report();
  if (suggestions.length === 0) return ctx.reply('No suggestions: every pass and approval rate with 20 or more samples is within its band. /stats shows the rates.');
  for (const s of suggestions) {
    const data = s.change === undefined ? undefined : `${APPLY_SUGGESTION_PREFIX}:${suggestionPayload(s.accountId, s.change.key, s.change.to)}`;
    // Telegram refuses a button whose data passes 64 bytes: a 31-letter account id with maxPositionNotional at a
    // 10-digit value would; then the /set line does the same.
    const fits = data !== undefined && Buffer.byteLength(data) <= CALLBACK_DATA_LIMIT;
    const typed = s.change === undefined || fits ? '' : `\n/set ${s.accountId} ${s.change.key} ${s.change.to} opens the same preview.`;
    const text = html`${badge(ctx.deps.engine.account(s.accountId)?.live === true ? 'live' : 'paper')} · <b>${describeExcursion(s)}</b>\n${describeChange(s)}${typed}`;
    await replyHtml(ctx, text, fits ? new InlineKeyboard().text('Apply…', data) : undefined);
  }
}

async function showChart(ctx: BotContext, accountWord: string | undefined) {
  const { engine } = ctx.deps;
  const accounts = engine.accounts().map((a) => a.id);
  const account = accountWord === undefined ? { ok: true as const, value: accounts[0] ?? '' } : parseAccount(accountWord, accounts);
  if (!account.ok) return ctx.reply(account.error);
  const daily = await engine.analytics.daily(account.value);
  if (daily === undefined) return ctx.reply('No account is configured: set ACCOUNTS.');
  const evaluated = daily.days.reduce((n, d) => n + d.evaluated, 0);
  const decided = daily.days.reduce((n, d) => n + d.decided, 0);
  if (evaluated === 0) return ctx.reply(`No decisions of ${account.value} in the last 30 days: nothing to chart yet.`);
  const png = await renderApprovalRates({ title: `Pass and approval rates · ${account.value} · last 30 days (UTC)`, ...daily });
  const live = engine.account(account.value)?.live === true;
  const band = `${Math.round(daily.band.low * 100)}–${Math.round(daily.band.high * 100)}%`;
  return ctx.replyWithPhoto(new InputFile(png, `rates-${account.value}.png`), {
    caption: `${live ? '🔴 LIVE' : '📄 PAPER'} · ${account.value}: ${countOf(evaluated, 'decision')} evaluated, ${decided} decided by a person, in the 30 UTC days shown; target band ${band}`,
  });
}

export const statsCommand: CommandDefinition = {
  name: 'stats',
  description: 'Approval analytics: pass, approval and expiry rates by account, source and strategy over 1 d, 7 d and 30 d; suggestions; what-if P&L',
  usage: '[suggest | chart [account]]',
  minRole: 'viewer',
  bare: 'The rates by account, source and strategy, the current suggestions, and how what you rejected did against what you approved',
  subcommands: [
    { name: 'suggest', description: 'What to change to bring a rate back into its band, each with an Apply… button (preview and confirmation as /set)', minRole: 'viewer' },
    { name: 'chart', description: 'PNG chart of the daily pass and approval rates over 30 days, with the target band', usage: '[account]', minRole: 'viewer' },
  ],
  handle: async (ctx) => {
    const words = splitWords(commandArgs(ctx));
    if (words.length === 0) return showStats(ctx);
    const [first, second, extra] = words;
    if (words.length === 1 && first?.toLowerCase() === 'suggest') return showSuggestions(ctx);
    if (first?.toLowerCase() === 'chart' && extra === undefined) return showChart(ctx, second);
    return ctx.reply('Usage: /stats, /stats suggest for the suggested threshold changes, or /stats chart [account] for the rates over time.');
  },
};

/** Opens the /set preview with the suggested value; the conversation checks role, range and direction again. */
export const applySuggestionButton: ButtonDefinition = {
  prefix: APPLY_SUGGESTION_PREFIX,
  minRole: 'approver',
  handle: async (ctx, payload) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const parsed = parseSuggestionPayload(payload, ctx.deps.engine.accounts().map((a) => a.id));
    if (!parsed.ok) return ctx.reply(`${parsed.error} Nothing was changed; /stats suggest shows the current suggestions.`);
    const { accountId, key, value } = parsed.value;
    const draft: ThresholdDraft = { accountId, key, change: { value, reason: 'suggested by /stats suggest' } };
    return ctx.conversation.enter(THRESHOLD_CONVERSATION, draft);
  },
};
