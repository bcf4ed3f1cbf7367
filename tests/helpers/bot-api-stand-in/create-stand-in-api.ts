import type { Server } from 'node:http';
import type { BotCommand, Update, User } from 'grammy/types';
import { commandsKey } from './bot-methods.js';
import type { CallRecord, createCallDispatcher } from './create-call-dispatcher.js';
import type { AnsweredCallback } from './create-callback-queries.js';
import type { StoredMessage } from './create-chat-store.js';
import type { FaultInjector, InjectedError, OutageSpec } from './create-fault-injector.js';
import type { TooManyRequestsRecord } from './create-rate-limiter.js';
import type { UpdateBody } from './create-update-queue.js';
import { createUserSimulator } from './create-user-simulator.js';
import type { WebhookAttempt } from './create-webhook-deliverer.js';
import type { MethodHandler, StandInContext } from './stand-in-context.js';

/** A running stand-in: drive it like the people and the Telegram outages a bot meets, and look inside. */
export interface BotApiStandIn {
  /** The API root to give the bot (TELEGRAM_API_ROOT, or grammY's `client.apiRoot`). */
  readonly url: string;
  readonly port: number;

  /** A user's message (a private chat for a positive id, a group for a negative one); queued, and returned. */
  userSends(chatId: number, text: string, from?: User): Update;
  /** A tap on a button (by its callback data) of the bot's message. */
  userPresses(chatId: number, messageId: number, data: string, from?: User): Update;
  /** Any update body (e.g. a malformed one); it gets the next update id. */
  enqueue(body: UpdateBody): Update;

  outage(spec: OutageSpec): { end: () => void };
  endOutages(): void;
  /** The next `n` calls of `method` fail with `error` (default a 500). */
  failNext(method: string, n?: number, error?: InjectedError): void;
  /** These methods answer 404 Not Found, as on an emulator that lacks them. */
  removeMethods(methods: readonly string[]): void;
  restoreMethods(methods?: readonly string[]): void;
  releaseHanging(): void;
  /** Where webhook updates go instead of the registered URL's origin (its path is kept). */
  setWebhookOrigin(origin: string | undefined): void;

  /** The bot's messages in a chat (or all chats), in order, each in its current state. */
  botMessages(chatId?: number): StoredMessage[];
  /** Every message of a chat, both directions, in order. */
  chatMessages(chatId: number): StoredMessage[];
  message(chatId: number, messageId: number): StoredMessage | undefined;
  readonly calls: readonly CallRecord[];
  callsTo(method: string): CallRecord[];
  readonly tooManyRequests: readonly TooManyRequestsRecord[];
  readonly answeredCallbacks: readonly AnsweredCallback[];
  readonly webhookAttempts: readonly WebhookAttempt[];
  pendingUpdates(): readonly Update[];
  webhookInfo(): Record<string, unknown>;
  /** The command menu set for a scope (default scope when omitted) and language. */
  commands(scope?: unknown, languageCode?: string): BotCommand[] | undefined;

  close(): Promise<void>;
}

interface ApiParts {
  url: string;
  port: number;
  ctx: StandInContext;
  faults: FaultInjector;
  dispatcher: ReturnType<typeof createCallDispatcher>;
  methods: Record<string, MethodHandler>;
  server: Server;
}

export function createStandInApi({ url, port, ctx, faults, dispatcher, methods, server }: ApiParts): BotApiStandIn {
  const users = createUserSimulator(ctx);
  const snapshot = (m: StoredMessage): StoredMessage => ({ ...m, entities: [...m.entities] });
  return {
    url,
    port,
    userSends: users.userSends,
    userPresses: users.userPresses,
    enqueue: (body) => ctx.queue.push(body),
    outage: faults.outage,
    endOutages: faults.endOutages,
    failNext: (method, n, error) => void faults.failNext(method, n, error),
    removeMethods: faults.removeMethods,
    restoreMethods: faults.restoreMethods,
    releaseHanging: faults.releaseHanging,
    setWebhookOrigin: ctx.webhook.setOrigin,
    botMessages: (chatId) => ctx.chats.botMessages(chatId).map(snapshot),
    chatMessages: (chatId) => ctx.chats.allMessages(chatId).map(snapshot),
    message: (chatId, messageId) => ctx.chats.allMessages(chatId).find((m) => m.messageId === messageId),
    calls: dispatcher.calls,
    callsTo: (method) => dispatcher.calls.filter((c) => c.method === method),
    tooManyRequests: ctx.limiter.refused,
    answeredCallbacks: ctx.callbackQueries.answered,
    webhookAttempts: ctx.webhook.attempts,
    pendingUpdates: () => [...ctx.queue.pending()],
    webhookInfo: () => (methods.getWebhookInfo as MethodHandler)({}, { token: '', signal: new AbortController().signal }) as Record<string, unknown>,
    commands: (scope, languageCode) => ctx.commands.get(commandsKey({ scope, language_code: languageCode })),
    close: async () => {
      faults.close();
      ctx.webhook.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
