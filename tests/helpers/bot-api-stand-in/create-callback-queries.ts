import { badRequest, DESCRIPTIONS } from './bot-api-error.js';

export interface AnsweredCallback {
  readonly id: string;
  readonly at: number;
  readonly text: string | undefined;
  readonly showAlert: boolean;
}

/**
 * The callback queries users made. Each can be answered once, within `ttlMs` of the
 * press (Telegram's window is a matter of seconds); otherwise Telegram's "query is too
 * old" refusal.
 */
export function createCallbackQueries(now: () => number, ttlMs: number) {
  let nextId = 1;
  const issued = new Map<string, { at: number; answered: boolean }>();
  const answered: AnsweredCallback[] = [];

  return {
    issue: (): string => {
      const id = String(4_000_000_000_000 + nextId++);
      issued.set(id, { at: now(), answered: false });
      return id;
    },
    answer: (id: string, text: string | undefined, showAlert: boolean): void => {
      const query = issued.get(id);
      if (query === undefined || query.answered || now() - query.at > ttlMs) throw badRequest(DESCRIPTIONS.queryTooOld);
      query.answered = true;
      answered.push({ id, at: now(), text, showAlert });
    },
    answered,
  };
}

export type CallbackQueries = ReturnType<typeof createCallbackQueries>;
