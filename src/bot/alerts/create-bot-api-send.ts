import type { Api } from 'grammy';
import type { AlertSend } from '../../alerts/alert-transport.js';
import { SendFailedError } from '../../outbox/send-failure.js';
import { classifySendError } from './classify-send-error.js';

/**
 * The dispatcher's `send` on a grammY Api. Give it an Api without the auto-retry plugin:
 * the dispatcher honours 429s per chat itself, and a retry hidden inside one send would
 * hold a CRITICAL behind a digest for the whole `retry_after`.
 */
export function createBotApiSend(api: Pick<Api, 'sendMessage'>): AlertSend {
  return async (chatId, text, options) => {
    const keyboard = options.keyboard;
    try {
      const message = await api.sendMessage(chatId, text, {
        ...(options.parseMode === undefined ? {} : { parse_mode: options.parseMode }),
        ...(options.disableNotification === true ? { disable_notification: true } : {}),
        link_preview_options: { is_disabled: true },
        ...(keyboard === undefined
          ? {}
          : { reply_markup: { inline_keyboard: keyboard.map((row) => row.map((b) => ({ text: b.text, callback_data: b.callbackData }))) } }),
      });
      return { messageId: message.message_id };
    } catch (error) {
      throw new SendFailedError(classifySendError(error), { cause: error });
    }
  };
}
