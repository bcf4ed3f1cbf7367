import type { InlineKeyboard } from 'grammy';
import type { BotContext } from './context.js';
import type { SafeHtml } from './messages/html.js';

/** Every reply goes out as HTML built by the escaping `html` template. */
export function replyHtml(ctx: BotContext, text: SafeHtml, keyboard?: InlineKeyboard) {
  return ctx.reply(text.value, {
    parse_mode: 'HTML',
    link_preview_options: { is_disabled: true },
    ...(keyboard === undefined ? {} : { reply_markup: keyboard }),
  });
}
