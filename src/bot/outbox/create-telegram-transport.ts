import { existsSync } from 'node:fs';
import { GrammyError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { OutboxContent, OutboxKeyboard } from '../../outbox/outbox-message.js';
import type { OutboxTransport } from '../../outbox/outbox-transport.js';
import { SendFailedError } from '../../outbox/send-failure.js';
import { classifySendError } from '../alerts/classify-send-error.js';
import { toPlainText } from '../alerts/render-alert.js';

type OutboxApi = Pick<Api, 'sendMessage' | 'sendDocument' | 'editMessageText' | 'editMessageReplyMarkup'>;

/**
 * The outbox's transport on a grammY Api. Give it an Api without the auto-retry plugin:
 * the outbox retries and honours 429s itself, within the shared send gate.
 *
 * Telegram tells an edit's outcomes apart only by the description of a 400 ("message is
 * not modified", "message to edit not found", "message can't be edited"); those texts
 * have been stable for years, and reading them is the only way.
 */
export function createTelegramTransport(api: OutboxApi): OutboxTransport {
  return {
    async send(chatId, content, replyTo) {
      try {
        const extra = {
          ...(content.silent === true ? { disable_notification: true } : {}),
          ...(replyTo === undefined ? {} : { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }),
        };
        const document = content.document;
        // A file removed since it was queued must not block the chat's queue forever: its caption still goes.
        if (document !== undefined && existsSync(document.path)) {
          const message = await api.sendDocument(chatId, new InputFile(document.path, document.fileName), { caption: content.text, ...captionOptions(content), ...extra });
          return { messageId: message.message_id };
        }
        const message = await api.sendMessage(chatId, content.text, { ...options(content), ...extra });
        return { messageId: message.message_id };
      } catch (error) {
        throw new SendFailedError(classifySendError(error), { cause: error });
      }
    },
    async edit(chatId, messageId, content) {
      try {
        await api.editMessageText(chatId, messageId, content.text, options(content));
        return 'edited';
      } catch (error) {
        const outcome = editOutcome(error);
        if (outcome === 'unchanged') return outcome;
        // Deleted, or too old to edit (48 h): nothing more can be done to it.
        if (outcome === 'gone' || outcome === 'not_ours') return 'gone';
        throw new SendFailedError(classifySendError(error), { cause: error });
      }
    },
    async probe(chatId, messageId, content, known) {
      try {
        const edited = await api.editMessageReplyMarkup(chatId, messageId, { reply_markup: markup(content.keyboard) });
        const text = typeof edited === 'object' ? edited.text : undefined;
        if (text === toPlainText(content.text)) return 'same';
        // Another of our messages took the buttons: give it back what it had.
        await api.editMessageReplyMarkup(chatId, messageId, { reply_markup: markup(known?.keyboard) }).catch(() => undefined);
        return 'other';
      } catch (error) {
        const outcome = editOutcome(error);
        if (outcome === 'unchanged') return 'same';
        if (outcome === 'gone') return 'absent';
        if (outcome === 'not_ours') return 'other';
        throw new SendFailedError(classifySendError(error), { cause: error });
      }
    },
  };
}

function options(content: OutboxContent) {
  return {
    ...(content.parseMode === undefined ? {} : { parse_mode: content.parseMode }),
    link_preview_options: { is_disabled: true },
    ...(content.keyboard === undefined ? {} : { reply_markup: markup(content.keyboard) }),
  };
}

function captionOptions(content: OutboxContent) {
  return {
    ...(content.parseMode === undefined ? {} : { parse_mode: content.parseMode }),
    ...(content.keyboard === undefined ? {} : { reply_markup: markup(content.keyboard) }),
  };
}

function markup(keyboard: OutboxKeyboard | undefined): InlineKeyboardMarkup {
  return { inline_keyboard: (keyboard ?? []).map((row) => row.map((b) => ({ text: b.text, callback_data: b.callbackData }))) };
}

function editOutcome(error: unknown): 'unchanged' | 'gone' | 'not_ours' | undefined {
  if (!(error instanceof GrammyError) || error.error_code !== 400) return undefined;
  if (/message is not modified/i.test(error.description)) return 'unchanged';
  if (/message to edit not found|message to be edited not found/i.test(error.description)) return 'gone';
  if (/message can't be edited/i.test(error.description)) return 'not_ours';
  return undefined;
}
