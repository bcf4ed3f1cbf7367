/**
 * The update types the bot handles, given to setWebhook and getUpdates so Telegram does
 * not send (and we do not parse) anything else.
 */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
