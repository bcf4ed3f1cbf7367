import { globalTimers, type Timers } from './timers.js';

/** Who goes first when several chats wait: CRITICAL alerts, then HIGH, then the rest. */
export type SendPriority = 'critical' | 'high' | 'normal';

const RANK: Record<SendPriority, number> = { critical: 0, high: 1, normal: 2 };

export interface SendGateOptions {
  /** Sends across all chats in any one second; Telegram allows about 30. Default 25. */
  readonly perSecond?: number;
  /** Telegram: about 1 message/s in a private chat, 20/min in a group. */
  readonly privateIntervalMs?: number;
  readonly groupIntervalMs?: number;
  /** Default: negative ids are groups. */
  readonly isGroup?: (chatId: number) => boolean;
  readonly clock?: () => number;
  readonly timers?: Timers;
}

export interface SendGate {
  /** Resolves when one message may go to this chat now; the send then counts. */
  acquire(chatId: number, priority: SendPriority): Promise<void>;
  /** Telegram answered 429 for this chat: nothing goes to it for `ms`. */
  holdChat(chatId: number, ms: number): void;
  /** Sends granted in the last second: what /health and the bench read. */
  recentRate(): number;
  /** Rejects nothing; waiting callers stay pending. */
  stop(): void;
}

interface Waiter {
  readonly chatId: number;
  readonly rank: number;
  readonly seq: number;
  readonly grant: () => void;
}

/**
 * Every send the bot makes on its own (alerts, cards, edits, replies, reports) passes this
 * one gate, so together they stay within Telegram's limits: per chat, and overall at most
 * `perSecond` in any one-second window (a sliding log of grants, not a bucket that could
 * let 2× through at a boundary). Among chats that may send, the most urgent goes first.
 */
export function createSendGate(options: SendGateOptions = {}): SendGate {
  const perSecond = options.perSecond ?? 25;
  const clock = options.clock ?? Date.now;
  const timers = options.timers ?? globalTimers;
  const isGroup = options.isGroup ?? ((chatId: number) => chatId < 0);
  const intervalOf = (chatId: number) => (isGroup(chatId) ? (options.groupIntervalMs ?? 3_000) : (options.privateIntervalMs ?? 1_000));
  const readyAt = new Map<number, number>();
  const grants: number[] = [];
  let waiters: Waiter[] = [];
  let seq = 0;
  let timer: unknown;
  let stopped = false;

  function pump(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const now = clock();
    while (grants.length > 0 && (grants[0] as number) <= now - 1_000) grants.shift();
    while (grants.length < perSecond) {
      const next = pick(now);
      if (next === undefined) break;
      waiters = waiters.filter((w) => w !== next);
      readyAt.set(next.chatId, now + intervalOf(next.chatId));
      grants.push(now);
      next.grant();
    }
    schedule(now);
  }

  function pick(now: number): Waiter | undefined {
    let best: Waiter | undefined;
    for (const waiter of waiters) {
      if ((readyAt.get(waiter.chatId) ?? 0) > now) continue;
      if (best === undefined || waiter.rank < best.rank || (waiter.rank === best.rank && waiter.seq < best.seq)) best = waiter;
    }
    return best;
  }

  /** Wakes at the first moment a waiter may go: its chat ready, and room in the window. */
  function schedule(now: number): void {
    if (waiters.length === 0) return;
    const chatReady = Math.min(...waiters.map((w) => readyAt.get(w.chatId) ?? 0));
    const windowFree = grants.length < perSecond ? now : (grants[0] as number) + 1_000;
    const at = Math.max(chatReady, windowFree, now);
    timer = timers.setTimeout(pump, Math.max(1, at - now));
  }

  return {
    acquire(chatId, priority) {
      return new Promise<void>((resolve) => {
        waiters.push({ chatId, rank: RANK[priority], seq: seq++, grant: resolve });
        pump();
      });
    },
    holdChat(chatId, ms) {
      readyAt.set(chatId, Math.max(readyAt.get(chatId) ?? 0, clock() + ms));
      pump();
    },
    recentRate() {
      const now = clock();
      return grants.filter((t) => t > now - 1_000).length;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
