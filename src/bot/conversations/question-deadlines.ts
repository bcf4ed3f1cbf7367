import type { TaskTracker } from '../../engine/index.js';
import type { Logger } from '../../logger.js';

/**
 * The chat is told when a question of a conversation passes its deadline unanswered.
 * (The answer itself is checked against the deadline in `ask`; this only makes the expiry
 * visible when it happens, rather than when someone answers days later.)
 */
export interface QuestionDeadlines {
  /** Starts the clock on a question; returns the id to `close` it with. */
  open(chatId: number, deadlineMs: number, text: string): string;
  /** Answered, canceled or left: no notice. Closing twice, or after the notice, is harmless. */
  close(id: string): void;
  /** Drops every pending notice (shutdown: conversations live in memory and end with the process). */
  stop(): void;
}

/** setTimeout and clearTimeout, injectable: the conversations plugin itself needs the real ones. */
export interface QuestionTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A question nobody answers must not keep the process alive. */
const REAL_TIMERS: QuestionTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface QuestionDeadlinesDeps {
  readonly notify: (chatId: number, text: string) => Promise<unknown>;
  readonly tasks: TaskTracker;
  readonly logger: Logger;
  readonly timers?: QuestionTimers;
}

export function createQuestionDeadlines(deps: QuestionDeadlinesDeps): QuestionDeadlines {
  const timers = deps.timers ?? REAL_TIMERS;
  const open = new Map<string, unknown>();
  let sequence = 0;
  return {
    open(chatId, deadlineMs, text) {
      const id = `q${++sequence}`;
      const timer = timers.setTimeout(() => {
        open.delete(id);
        deps.tasks.run('tell an expired question', () =>
          deps.notify(chatId, text).catch((error: unknown) => deps.logger.warn({ err: error, chat_id: chatId }, 'could not tell the chat a question expired')),
        );
      }, deadlineMs);
      open.set(id, timer);
      return id;
    },
    close(id) {
      if (open.has(id)) timers.clearTimeout(open.get(id));
      open.delete(id);
    },
    stop() {
      for (const timer of open.values()) timers.clearTimeout(timer);
      open.clear();
    },
  };
}
