import { tooManyRequests } from './bot-api-error.js';

export interface RateWindow {
  /** Sends allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
}

/** `false` turns a limit off. */
export interface RateLimitOptions {
  /** Default 1 per 1 s: Telegram's advice for one private chat (positive chat id). */
  privateChat?: RateWindow | false;
  /** Default 20 per 60 s: one group or channel (negative chat id). */
  groupChat?: RateWindow | false;
  /** Default 30 per 1 s: all chats of one bot together. */
  global?: RateWindow | false;
  /** Count edits (editMessageText, editMessageReplyMarkup) as sends. Default false. */
  countEdits?: boolean;
}

export const DEFAULT_RATE_LIMITS = {
  privateChat: { limit: 1, windowMs: 1_000 },
  groupChat: { limit: 20, windowMs: 60_000 },
  global: { limit: 30, windowMs: 1_000 },
  countEdits: false,
} as const satisfies RateLimitOptions;

export interface TooManyRequestsRecord {
  readonly at: number;
  readonly method: string;
  readonly chatId: number;
  /** Which limit refused: the chat's own or the bot's overall one. */
  readonly scope: 'chat' | 'global';
  readonly retryAfter: number;
}

/**
 * Sliding windows of accepted sends, per chat and overall. A send over a limit gets
 * Telegram's 429 with `retry_after` = whole seconds until the window has room (at least
 * 1), and a refused send does not use up the window, as with Telegram.
 */
export function createRateLimiter(options: RateLimitOptions | false, now: () => number) {
  const settings: Required<RateLimitOptions> =
    options === false ? { privateChat: false, groupChat: false, global: false, countEdits: false } : { ...DEFAULT_RATE_LIMITS, ...options };
  const sent = new Map<string, number[]>();
  const refused: TooManyRequestsRecord[] = [];

  const waitMs = (key: string, window: RateWindow | false, at: number): number => {
    if (window === false) return 0;
    const times = (sent.get(key) ?? []).filter((t) => t > at - window.windowMs);
    sent.set(key, times);
    if (times.length < window.limit) return 0;
    return (times[times.length - window.limit] as number) + window.windowMs - at;
  };

  const record = (key: string, at: number): void => {
    const times = sent.get(key);
    if (times === undefined) sent.set(key, [at]);
    else times.push(at);
  };

  /** Admits one send to `chatId` or throws the 429 Telegram would give. */
  const admit = (method: string, chatId: number): void => {
    const at = now();
    const chatWindow = chatId < 0 ? settings.groupChat : settings.privateChat;
    const chatWait = waitMs(`chat:${chatId}`, chatWindow, at);
    const globalWait = waitMs('global', settings.global, at);
    const wait = Math.max(chatWait, globalWait);
    if (wait > 0) {
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      refused.push({ at, method, chatId, scope: chatWait >= globalWait ? 'chat' : 'global', retryAfter });
      throw tooManyRequests(retryAfter);
    }
    if (chatWindow !== false) record(`chat:${chatId}`, at);
    if (settings.global !== false) record('global', at);
  };

  const counts = (method: string): boolean => method.startsWith('send') ? method !== 'sendChatAction' : settings.countEdits && method.startsWith('edit');

  return { admit, counts, refused };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
