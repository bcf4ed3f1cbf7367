import type { Bot, Context } from 'grammy';
import type { Message } from 'grammy/types';
import { apiResponse, readApiRequest } from '../../src/bot/local/read-api-request.js';

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

/**
 * Records every outgoing Bot API call of a real grammY Bot and answers it the way
 * Telegram would (a Message for sends and edits, `true` otherwise), so the whole
 * middleware stack runs without any network.
 */
export function recordApiCalls<C extends Context>(bot: Bot<C>): ApiCall[] {
  const calls: ApiCall[] = [];
  const answer = createAnswerer();
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    return { ok: true, result: answer(method, p) as never };
  });
  return calls;
}

/** A Bot API refusal to answer a call with instead of its result (grammY throws a GrammyError). */
export interface ApiFailure {
  readonly error_code: number;
  readonly description: string;
}

/**
 * The same, at the fetch level: give it to the Bot as `client.fetch` when the calls of
 * Api objects grammY plugins build themselves (conversations) must be recorded too.
 * `fail` makes Telegram refuse the calls it returns a failure for (still recorded).
 */
export function createRecordingFetch(options: { fail?: (method: string) => ApiFailure | undefined } = {}) {
  const calls: ApiCall[] = [];
  const answer = createAnswerer();
  const fetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const { method, payload } = await readApiRequest(url, init);
    calls.push({ method, payload });
    const failure = options.fail?.(method);
    if (failure !== undefined) return apiResponse({ ok: false, ...failure });
    return apiResponse({ ok: true, result: answer(method, payload) });
  };
  return { fetch, calls };
}

function createAnswerer() {
  let nextMessageId = 100;
  return (method: string, p: Record<string, unknown>): unknown => {
    if (!method.startsWith('send') || method === 'sendChatAction') return true;
    return {
      message_id: nextMessageId++,
      date: 0,
      chat: { id: Number(p.chat_id), type: 'private', first_name: 'x' },
      text: p.text,
    } as unknown as Message;
  };
}

/** The text of every sendMessage, in order. */
export function sentTexts(calls: readonly ApiCall[]): string[] {
  return calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.payload.text));
}
