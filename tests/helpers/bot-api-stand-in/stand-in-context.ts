import type { BotCommand, UserFromGetMe } from 'grammy/types';
import type { ChatStore } from './create-chat-store.js';
import type { CallbackQueries } from './create-callback-queries.js';
import type { RateLimiter } from './create-rate-limiter.js';
import type { UpdateQueue } from './create-update-queue.js';
import type { WebhookDeliverer } from './create-webhook-deliverer.js';
import type { Payload } from './read-payload.js';

/** What each Bot API method handler may read and change. */
export interface StandInContext {
  readonly now: () => number;
  readonly chats: ChatStore;
  readonly queue: UpdateQueue;
  readonly webhook: WebhookDeliverer;
  readonly limiter: RateLimiter;
  readonly callbackQueries: CallbackQueries;
  /** The bot's identity for the token of the call (its id is the token's number, as in Telegram). */
  readonly botInfo: (token: string) => UserFromGetMe;
  /** Command menus by scope and language. */
  readonly commands: Map<string, BotCommand[]>;
}

export interface CallInfo {
  readonly token: string;
  /** Aborts when the caller goes away (a long poll stops waiting). */
  readonly signal: AbortSignal;
}

export type MethodHandler = (payload: Payload, call: CallInfo) => unknown;

export const isTrue = (value: unknown): boolean => value === true || value === 'true';
