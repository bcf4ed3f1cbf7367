import type { AlertEntry } from './alert-outbox-port.js';

/** Inline buttons, framework-free: the adapter turns them into Telegram's markup. */
export type AlertKeyboard = readonly (readonly { readonly text: string; readonly callbackData: string }[])[];

export interface AlertSendOptions {
  /** Absent: plain text (the fallback when Telegram refuses the HTML). */
  parseMode?: 'HTML';
  disableNotification?: boolean;
  keyboard?: AlertKeyboard;
}

/**
 * Sends one message. Resolves once Telegram accepted it; throws SendFailedError (see
 * send-failure.ts) with what the failure means, or anything else for "retry later".
 */
export type AlertSend = (chatId: number, text: string, options: AlertSendOptions) => Promise<{ messageId: number }>;

/** How alerts look in the chat; the bot side provides it (Telegram HTML, callback data). */
export interface AlertRenderer {
  alert(entry: AlertEntry, now: Date): string;
  /** Several INFO/WARNING alerts as one message. */
  digest(entries: readonly AlertEntry[], now: Date): string;
  /** The same text without markup, for when Telegram refuses the HTML anyway. */
  plain(text: string): string;
  /** The button that stops a CRITICAL alert's reminders. */
  acknowledgeButton(alertId: string): { readonly text: string; readonly callbackData: string };
}
