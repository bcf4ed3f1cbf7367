import type { Update } from 'grammy/types';

/** Update types Telegram sends when none were asked for (`allowed_updates` empty). */
const OPT_IN_TYPES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export type UpdateBody = Omit<Update, 'update_id'>;

export const updateType = (update: Update): string => Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';

/**
 * The bot's pending updates, oldest first. An update stays pending until it is confirmed
 * (a getUpdates with a higher offset, or a 2xx from the webhook), so an update that was
 * handed out but not confirmed is handed out again, e.g. to the next process after a crash.
 */
export function createUpdateQueue(firstUpdateId = 1) {
  let pending: Update[] = [];
  let nextUpdateId = firstUpdateId;
  let allowed: readonly string[] = [];
  const listeners = new Set<() => void>();

  const isAllowed = (update: Update): boolean => {
    const type = updateType(update);
    return allowed.length === 0 ? !OPT_IN_TYPES.has(type) : allowed.includes(type);
  };

  /** Telegram drops what the bot did not ask for rather than keeping it. */
  const dropUnwanted = (): void => {
    pending = pending.filter(isAllowed);
  };

  const push = (body: UpdateBody): Update => {
    const update = { update_id: nextUpdateId++, ...body } as Update;
    pending.push(update);
    for (const listener of [...listeners]) listener();
    return update;
  };

  /** getUpdates' `offset`: confirms everything below it; a negative one keeps only the last -offset. */
  const applyOffset = (offset: number): void => {
    if (offset < 0) pending = pending.slice(offset);
    else pending = pending.filter((u) => u.update_id >= offset);
  };

  const take = (limit: number): Update[] => {
    dropUnwanted();
    return pending.slice(0, limit);
  };

  /** Resolves at the next push, or after `ms`, or when `signal` aborts. */
  const waitForPush = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      listeners.add(done);
      signal.addEventListener('abort', done, { once: true });
    });

  return {
    push,
    applyOffset,
    take,
    waitForPush,
    /** Confirms one update (the webhook answered it). */
    confirm: (updateId: number) => (pending = pending.filter((u) => u.update_id !== updateId)),
    dropAll: () => (pending = []),
    pending: (): readonly Update[] => (dropUnwanted(), pending),
    setAllowed: (types: readonly string[]) => (allowed = [...types]),
    allowed: () => allowed,
    onPush: (listener: () => void) => listeners.add(listener),
  };
}

export type UpdateQueue = ReturnType<typeof createUpdateQueue>;
