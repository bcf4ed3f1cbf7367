import type { Api } from 'grammy';

/** Inline buttons, framework-free: the adapter turns them into Telegram's markup. */
export type AlertKeyboard = readonly (readonly { readonly text: string; readonly callbackData: string }[])[];

export interface AlertSendOptions {
  /** Absent: plain text (the fallback when Telegram refuses the HTML). */
  parseMode?: 'HTML';
  disableNotification?: boolean;
  keyboard?: AlertKeyboard;
}

/**
 * Sends one message. Resolves once Telegram accepted it; throws grammY's errors otherwise
 * (GrammyError with `error_code` and `parameters.retry_after`, HttpError for the network).
 */
export type AlertSend = (chatId: number, text: string, options: AlertSendOptions) => Promise<{ messageId: number }>;

/**
 * The dispatcher's `send` on a grammY Api. Give it an Api without the auto-retry plugin:
 * the dispatcher honours 429s per chat itself, and a retry hidden inside one send would
 * hold a CRITICAL behind a digest for the whole `retry_after`.
 */
export function createBotApiSend(api: Pick<Api, 'sendMessage'>): AlertSend {
  return async (chatId, text, options) => {
    const keyboard = options.keyboard;
    const message = await api.sendMessage(chatId, text, {
      ...(options.parseMode === undefined ? {} : { parse_mode: options.parseMode }),
      ...(options.disableNotification === true ? { disable_notification: true } : {}),
      link_preview_options: { is_disabled: true },
      ...(keyboard === undefined
        ? {}
        : { reply_markup: { inline_keyboard: keyboard.map((row) => row.map((b) => ({ text: b.text, callback_data: b.callbackData }))) } }),
    });
    return { messageId: message.message_id };
  };
}
