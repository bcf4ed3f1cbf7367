import type { ServerResponse } from 'node:http';
import type { User } from 'grammy/types';
import type { CallRecord } from './create-call-dispatcher.js';
import type { InjectedError, OutageSpec } from './create-fault-injector.js';
import type { UpdateBody } from './create-update-queue.js';
import type { BotApiStandIn } from './create-stand-in-api.js';
import type { Payload } from './read-payload.js';
import { writeJson } from './write-json.js';

type Command = (standIn: BotApiStandIn, p: Payload) => unknown;

const num = (value: unknown): number => Number(value);
const optionalNum = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));

/**
 * The programmatic API over HTTP, for a stand-in running in its own process:
 * `POST /control/<command>` with a JSON body (or GET with a query string) answers
 * `{ ok: true, result }`, or `{ ok: false, error }` with status 400 (404 for an unknown
 * command).
 */
const COMMANDS: Record<string, Command> = {
  userSends: (s, p) => s.userSends(num(p.chat), String(p.text), p.from as User | undefined),
  userPresses: (s, p) => s.userPresses(num(p.chat), num(p.messageId), String(p.data), p.from as User | undefined),
  enqueue: (s, p) => s.enqueue(p.update as UpdateBody),
  outage: (s, p) => (s.outage(p as unknown as OutageSpec), true),
  endOutages: (s) => (s.endOutages(), true),
  failNext: (s, p) => (s.failNext(String(p.method), optionalNum(p.n), p.error as InjectedError | undefined), true),
  removeMethods: (s, p) => (s.removeMethods(p.methods as string[]), true),
  restoreMethods: (s, p) => (s.restoreMethods(p.methods as string[] | undefined), true),
  releaseHanging: (s) => (s.releaseHanging(), true),
  setWebhookOrigin: (s, p) => (s.setWebhookOrigin(p.origin === undefined || p.origin === null ? undefined : String(p.origin)), true),
  messages: (s, p) => s.botMessages(optionalNum(p.chat)),
  chat: (s, p) => s.chatMessages(num(p.chat)),
  calls: (s, p) => callsSince(s.calls, optionalNum(p.since) ?? 0, p.method === undefined ? undefined : String(p.method)),
  tooManyRequests: (s) => s.tooManyRequests,
  answeredCallbacks: (s) => s.answeredCallbacks,
  webhook: (s) => ({ info: s.webhookInfo(), attempts: s.webhookAttempts }),
  pendingUpdates: (s) => s.pendingUpdates(),
  commands: (s, p) => s.commands(p.scope, p.languageCode === undefined ? undefined : String(p.languageCode)) ?? null,
  summary: (s) => ({
    calls: s.calls.length,
    botMessages: s.botMessages().length,
    tooManyRequests: s.tooManyRequests.length,
    answeredCallbacks: s.answeredCallbacks.length,
    pendingUpdates: s.pendingUpdates().length,
  }),
};

export const CONTROL_COMMANDS = Object.keys(COMMANDS);

export function handleControl(standIn: BotApiStandIn, command: string, payload: Payload, res: ServerResponse): void {
  const run = COMMANDS[command];
  if (run === undefined) return writeJson(res, 404, { ok: false, error: `unknown control command "${command}"; known: ${CONTROL_COMMANDS.join(', ')}` });
  try {
    writeJson(res, 200, { ok: true, result: run(standIn, payload) });
  } catch (error) {
    writeJson(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

/** Calls from index `since` on (the caller keeps the count), so a long run can be read in pieces. */
function callsSince(calls: readonly CallRecord[], since: number, method: string | undefined): { next: number; calls: CallRecord[] } {
  const slice = calls.slice(since);
  return { next: calls.length, calls: method === undefined ? slice : slice.filter((c) => c.method === method) };
}
