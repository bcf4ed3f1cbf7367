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
  /**
   * Resolves when one message may go to this chat now, with a function to call once the
   * send has ended (answered or failed): until a second after that, it counts.
   */
  acquire(chatId: number, priority: SendPriority, options?: AcquireOptions): Promise<() => void>;
  /** Telegram answered 429 for this chat: nothing goes to it for `ms`. */
  holdChat(chatId: number, ms: number): void;
  /** Sends granted in the last second: what /health and the bench read. */
  recentRate(): number;
  /** Rejects nothing; waiting callers stay pending. */
  stop(): void;
}

export interface AcquireOptions {
  /**
   * False for a direct reply: a person is waiting for it, so it waits only for room in the
   * overall window, not for the chat's interval. It still counts for the chat, so what the
   * outboxes send next to that chat keeps its distance from it.
   */
  readonly paced?: boolean;
}

interface Waiter {
  readonly chatId: number;
  readonly paced: boolean;
  readonly rank: number;
  readonly seq: number;
  readonly grant: (done: () => void) => void;
}

/** A granted send: in flight until `doneAt`, then counted for one more second. */
interface Grant {
  doneAt: number | undefined;
}

/**
 * Every send the bot makes on its own (alerts, cards, edits, replies, reports) passes this
 * one gate, so together they stay within Telegram's limits: per chat, and overall at most
 * `perSecond` in any one-second window as Telegram sees them. A send counts from its grant
 * until a second after it ended: whenever it reached Telegram in between, no window there
 * can hold more than `perSecond` (a bucket, or counting grants alone, lets network jitter
 * bunch sends up). Per chat likewise: the next send waits for the previous one to end,
 * then the chat's interval. Among chats that may send, the most urgent goes first.
 */
export function createSendGate(options: SendGateOptions = {}): SendGate {
  const perSecond = options.perSecond ?? 25;
  const clock = options.clock ?? Date.now;
  const timers = options.timers ?? globalTimers;
  const isGroup = options.isGroup ?? ((chatId: number) => chatId < 0);
  const intervalOf = (chatId: number) => (isGroup(chatId) ? (options.groupIntervalMs ?? 3_000) : (options.privateIntervalMs ?? 1_000));
  /** When each chat may send again: its last send's end plus its interval, or a 429's hold. */
  const readyAt = new Map<number, number>();
  /** Sends under way per chat: no paced send goes to a chat until they end. */
  const busy = new Map<number, number>();
  const isBusy = (chatId: number) => (busy.get(chatId) ?? 0) > 0;
  let grants: Grant[] = [];
  let waiters: Waiter[] = [];
  let seq = 0;
  let timer: unknown;
  let stopped = false;

  function pump(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    const now = clock();
    grants = grants.filter((g) => g.doneAt === undefined || g.doneAt > now - 1_000);
    while (grants.length < perSecond) {
      const next = pick(now);
      if (next === undefined) break;
      waiters = waiters.filter((w) => w !== next);
      const chatId = next.chatId;
      busy.set(chatId, (busy.get(chatId) ?? 0) + 1);
      const grant: Grant = { doneAt: undefined };
      grants.push(grant);
      next.grant(() => {
        if (grant.doneAt !== undefined) return;
        grant.doneAt = clock();
        busy.set(chatId, (busy.get(chatId) ?? 1) - 1);
        readyAt.set(chatId, Math.max(readyAt.get(chatId) ?? 0, grant.doneAt + intervalOf(chatId)));
        pump();
      });
    }
    schedule(now);
  }

  function pick(now: number): Waiter | undefined {
    let best: Waiter | undefined;
    for (const waiter of waiters) {
      if (waiter.paced && !chatReady(waiter.chatId, now)) continue;
      if (best === undefined || waiter.rank < best.rank || (waiter.rank === best.rank && waiter.seq < best.seq)) best = waiter;
    }
    return best;
  }

  function chatReady(chatId: number, now: number): boolean {
    return !isBusy(chatId) && (readyAt.get(chatId) ?? 0) <= now;
  }

  /**
   * Wakes at the first moment a waiter may go: its chat ready, and room in the window. A
   * full window of sends still in flight frees up when one ends (its done() pumps).
   */
  function schedule(now: number): void {
    if (waiters.length === 0) return;
    // A busy chat's send pumps when it ends.
    const chatReadyAt = Math.min(...waiters.map((w) => (!w.paced ? now : isBusy(w.chatId) ? Infinity : (readyAt.get(w.chatId) ?? 0))));
    const ended = grants.flatMap((g) => (g.doneAt === undefined ? [] : [g.doneAt + 1_000]));
    const windowFree = grants.length < perSecond ? now : ended.length === 0 ? Infinity : Math.min(...ended);
    const at = Math.max(chatReadyAt, windowFree, now);
    if (at !== Infinity) timer = timers.setTimeout(pump, Math.max(1, at - now));
  }

  return {
    acquire(chatId, priority, acquireOptions) {
      return new Promise<() => void>((resolve) => {
        waiters.push({ chatId, paced: acquireOptions?.paced ?? true, rank: RANK[priority], seq: seq++, grant: resolve });
        pump();
      });
    },
    holdChat(chatId, ms) {
      readyAt.set(chatId, Math.max(readyAt.get(chatId) ?? 0, clock() + ms));
      pump();
    },
    recentRate() {
      const now = clock();
      return grants.filter((g) => g.doneAt === undefined || g.doneAt > now - 1_000).length;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}
